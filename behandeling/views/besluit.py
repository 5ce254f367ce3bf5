"""The decisions on the case page: award (with four eyes), refusal, buiten behandeling.

Each asks for confirmation on a page of its own first (portal.bevestigen)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanvragen.selectors import voorstel_get
from aanvragen.status import AanvraagGewijzigd
from aanvragen.statussen import Status
from behandeling.besluiten import (
    aanvraag_afwijzen,
    aanvraag_buiten_behandeling,
    aanvraag_toekennen,
    toekenning_afkeuren,
    toekenning_goedkeuren,
    toekenning_vooraf,
)
from behandeling.forms import (
    AfwijzenForm,
    BuitenBehandelingForm,
    TerugleggenForm,
    ToekennenForm,
)
from behandeling.presenters import (
    afwijkingen_tekst,
    motivering_ontbreekt_tekst,
    toekenning_regels,
    vier_ogen_teksten,
)
from behandeling.regels import MotiveringOntbreekt, afwijzing_toetsen
from behandeling.views import BEHANDELAARS
from behandeling.views.aanvraag import aanvraag_detail, aanvraag_of_404, actie
from portal.bedrag import format_bedrag
from portal.bevestigen import Regel, eerst_bevestigen
from portal.rollen import rol_vereist


def eigen_aanvraag(request, aanvraag) -> bool:
    """Only the case holder is asked to confirm; anyone else gets the service's refusal."""
    return aanvraag.behandelaar_id == request.user.pk


def _toekennen_vragen(request, aanvraag, form, besluit: dict):
    """The case holder's confirmation page, or the form again when a reason is missing."""
    vooraf = toekenning_vooraf(aanvraag, **besluit)
    if vooraf.toetsing.motivering_nodig and not form.cleaned_data["motivering"].strip():
        form.add_error("motivering", motivering_ontbreekt_tekst(vooraf.toetsing))
        return aanvraag_detail(
            request, aanvraag.pk, formulieren={"toekennen_form": form}, status=400
        )
    return eerst_bevestigen(
        request,
        titel=_("Toekennen: %(bedrag)s aan %(naam)s?")
        % {"bedrag": format_bedrag(form.cleaned_data["bedrag"]), "naam": vooraf.begunstigde.naam},
        regels=toekenning_regels(
            bedrag=form.cleaned_data["bedrag"],
            vorm=form.cleaned_data["vorm"],
            lening_maandbedrag=form.cleaned_data.get("lening_maandbedrag"),
            lening_termijnen=form.cleaned_data.get("lening_termijnen"),
            motivering=form.cleaned_data["motivering"],
            vooraf=vooraf,
        ),
        uitleg=_("Een collega moet dit daarna goedkeuren: %(redenen)s Pas dan gaat het geld.")
        % {"redenen": " ".join(vier_ogen_teksten(vooraf.vier_ogen, aanvraag=aanvraag))}
        if vooraf.vier_ogen
        else _(
            "De aanvrager krijgt het besluit meteen en het geld gaat direct naar de bank. "
            "Dit kunt u niet terugdraaien."
        ),
        knop=_("Ja, voorstellen") if vooraf.vier_ogen else _("Ja, toekennen"),
        terug=reverse("behandeling:aanvraag", args=[aanvraag.pk]),
        terug_tekst=_("Nee, terug naar de aanvraag"),
    )


@require_POST
@rol_vereist(*BEHANDELAARS)
def toekennen(request, pk: int):
    aanvraag = aanvraag_of_404(request, pk)
    form = ToekennenForm(request.POST, buitenland_toegestaan=aanvraag.gemeente.buitenlandse_iban)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"toekennen_form": form}, status=400)
    gegevens = form.cleaned_data
    besluit = {
        "bedrag": gegevens["bedrag"],
        "vorm": gegevens["vorm"],
        "leverancier": (gegevens["leverancier_naam"], gegevens["leverancier_iban"])
        if gegevens.get("betalen_aan") == "leverancier"
        else None,
    }
    vraag = eigen_aanvraag(request, aanvraag) and _toekennen_vragen(
        request, aanvraag, form, besluit
    )
    if vraag:
        return vraag
    try:
        aanvraag = aanvraag_toekennen(
            aanvraag_id=pk,
            behandelaar=request.user,
            motivering=gegevens["motivering"],
            lening_maandbedrag=gegevens.get("lening_maandbedrag"),
            lening_termijnen=gegevens.get("lening_termijnen"),
            **besluit,
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


def _afwijzen_vragen(request, aanvraag, form):
    """The case holder's confirmation page, or the form again when a reason is missing."""
    motivering = form.cleaned_data["motivering"]
    toetsing = afwijzing_toetsen(berekening=voorstel_get(aanvraag=aanvraag))
    if toetsing.motivering_nodig and not motivering.strip():
        form.add_error("motivering", motivering_ontbreekt_tekst(toetsing))
        return aanvraag_detail(
            request, aanvraag.pk, formulieren={"afwijzen_form": form}, status=400
        )
    afwijkingen = afwijkingen_tekst(toetsing)
    return eerst_bevestigen(
        request,
        titel=_("Aanvraag %(ref)s afwijzen?") % {"ref": aanvraag.referentie},
        regels=[
            Regel(_("Gevraagd"), f"{format_bedrag(aanvraag.bedrag)}: {aanvraag.kostensoort.naam}"),
            Regel(_("Afwijking van de berekening"), afwijkingen.capitalize())
            if afwijkingen
            else Regel(_("Berekening"), _("De berekening zegt ook nee.")),
            *(
                [Regel(_("Uitleg in het besluit"), motivering.strip())]
                if motivering.strip()
                else []
            ),
        ],
        uitleg=_(
            "De aanvrager krijgt het besluit meteen, met uitleg over bezwaar maken. Dit kunt u "
            "niet terugdraaien."
        ),
        knop=_("Ja, afwijzen"),
        terug=reverse("behandeling:aanvraag", args=[aanvraag.pk]),
        terug_tekst=_("Nee, terug naar de aanvraag"),
    )


@require_POST
@rol_vereist(*BEHANDELAARS)
def afwijzen(request, pk: int):
    aanvraag = aanvraag_of_404(request, pk)
    form = AfwijzenForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"afwijzen_form": form}, status=400)
    motivering = form.cleaned_data["motivering"]
    vraag = eigen_aanvraag(request, aanvraag) and _afwijzen_vragen(request, aanvraag, form)
    if vraag:
        return vraag
    try:
        return actie(
            request,
            pk,
            lambda: aanvraag_afwijzen(
                aanvraag_id=pk, behandelaar=request.user, motivering=motivering
            ),
            _("De aanvraag is afgewezen."),
        )
    except MotiveringOntbreekt as exc:
        form.add_error("motivering", motivering_ontbreekt_tekst(exc.toetsing))
        return aanvraag_detail(request, pk, formulieren={"afwijzen_form": form}, status=400)


@require_POST
@rol_vereist(*BEHANDELAARS)
def buiten_behandeling(request, pk: int):
    aanvraag = aanvraag_of_404(request, pk)
    form = BuitenBehandelingForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"buiten_form": form}, status=400)
    vraag = eigen_aanvraag(request, aanvraag) and eerst_bevestigen(
        request,
        titel=_("Aanvraag %(ref)s buiten behandeling stellen?") % {"ref": aanvraag.referentie},
        regels=[Regel(_("Uitleg in het besluit"), form.cleaned_data["motivering"])],
        uitleg=_(
            "De aanvrager krijgt het besluit meteen (artikel 4:5 Awb) en kan daarna opnieuw een "
            "aanvraag doen. Heeft u de aanvrager gebeld?"
        ),
        knop=_("Ja, buiten behandeling stellen"),
        terug=reverse("behandeling:aanvraag", args=[pk]),
        terug_tekst=_("Nee, terug naar de aanvraag"),
    )
    return vraag or actie(
        request,
        pk,
        lambda: aanvraag_buiten_behandeling(
            aanvraag_id=pk,
            behandelaar=request.user,
            motivering=form.cleaned_data["motivering"],
        ),
        _("De aanvraag is buiten behandeling gesteld."),
    )
