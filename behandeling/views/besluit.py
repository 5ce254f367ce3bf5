"""The decisions on the case page: award (with four eyes), refusal, buiten behandeling.

Each asks for confirmation on a page of its own first (portal.bevestigen)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanvragen.status import AanvraagGewijzigd
from aanvragen.statussen import Status
from behandeling.besluiten import (
    aanvraag_afwijzen,
    aanvraag_buiten_behandeling,
    aanvraag_toekennen,
    toekenning_afkeuren,
    toekenning_goedkeuren,
)
from behandeling.forms import (
    AfwijzenForm,
    BuitenBehandelingForm,
    TerugleggenForm,
    ToekennenForm,
)
from behandeling.presenters import (
    motivering_ontbreekt_tekst,
)
from behandeling.regels import MotiveringOntbreekt
from behandeling.views import BEHANDELAARS
from behandeling.views.aanvraag import aanvraag_detail, aanvraag_of_404, actie
from portal.rollen import rol_vereist


@require_POST
@rol_vereist(*BEHANDELAARS)
def toekennen(request, pk: int):
    aanvraag = aanvraag_of_404(request, pk)
    form = ToekennenForm(request.POST, buitenland_toegestaan=aanvraag.gemeente.buitenlandse_iban)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"toekennen_form": form}, status=400)
    try:
        aanvraag = aanvraag_toekennen(
            aanvraag_id=pk,
            behandelaar=request.user,
            bedrag=form.cleaned_data["bedrag"],
            motivering=form.cleaned_data["motivering"],
            vorm=form.cleaned_data["vorm"],
            lening_maandbedrag=form.cleaned_data.get("lening_maandbedrag"),
            lening_termijnen=form.cleaned_data.get("lening_termijnen"),
            leverancier=(
                form.cleaned_data["leverancier_naam"],
                form.cleaned_data["leverancier_iban"],
            )
            if form.cleaned_data.get("betalen_aan") == "leverancier"
            else None,
        )
    except MotiveringOntbreekt as exc:
        form.add_error("motivering", motivering_ontbreekt_tekst(exc.toetsing))
        return aanvraag_detail(request, pk, formulieren={"toekennen_form": form}, status=400)
    except AanvraagGewijzigd as exc:
        messages.error(request, str(exc))
    else:
        if aanvraag.status == Status.TOEGEKEND:
            messages.success(request, _("Toegekend. De betaling wordt direct klaargezet."))
        else:
            messages.info(request, _("Voorgesteld. Een collega keurt dit goed (vier ogen)."))
    return redirect("behandeling:aanvraag", pk=pk)


@require_POST
@rol_vereist(*BEHANDELAARS)
def goedkeuren(request, pk: int):
    return actie(
        request,
        pk,
        lambda: toekenning_goedkeuren(
            aanvraag_id=pk, door=request.user, kenmerk=request.POST.get("kenmerk", "")
        ),
        _("Goedgekeurd en toegekend."),
    )


@require_POST
@rol_vereist(*BEHANDELAARS)
def afkeuren(request, pk: int):
    form = TerugleggenForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"terugleggen_form": form}, status=400)
    reden = form.cleaned_data["reden"].strip() or _("geen reden opgegeven")
    return actie(
        request,
        pk,
        lambda: toekenning_afkeuren(aanvraag_id=pk, door=request.user, reden=reden),
        _("Het voorstel is teruggelegd."),
    )


@require_POST
@rol_vereist(*BEHANDELAARS)
def afwijzen(request, pk: int):
    form = AfwijzenForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"afwijzen_form": form}, status=400)
    try:
        return actie(
            request,
            pk,
            lambda: aanvraag_afwijzen(
                aanvraag_id=pk,
                behandelaar=request.user,
                motivering=form.cleaned_data["motivering"],
            ),
            _("De aanvraag is afgewezen."),
        )
    except MotiveringOntbreekt as exc:
        form.add_error("motivering", motivering_ontbreekt_tekst(exc.toetsing))
        return aanvraag_detail(request, pk, formulieren={"afwijzen_form": form}, status=400)


@require_POST
@rol_vereist(*BEHANDELAARS)
def buiten_behandeling(request, pk: int):
    form = BuitenBehandelingForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"buiten_form": form}, status=400)
    return actie(
        request,
        pk,
        lambda: aanvraag_buiten_behandeling(
            aanvraag_id=pk,
            behandelaar=request.user,
            motivering=form.cleaned_data["motivering"],
        ),
        _("De aanvraag is buiten behandeling gesteld."),
    )
