"""A refused payment set up again, and the second colleague on its new account."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from behandeling.forms import (
    RekeningBeoordelingForm,
)
from behandeling.views import BEHANDELAARS
from behandeling.views.aanvraag import aanvraag_detail, aanvraag_of_404
from portal.rollen import Rol, rol_vereist, verzoek_heeft_rol
from uitbetaling import selectors as uitbetaling_selectors
from uitbetaling.forms import OpnieuwKlaarzettenForm
from uitbetaling.models import Rekeningwijziging
from uitbetaling.rekeningwijziging import (
    RekeningwijzigingFout,
    betaling_opnieuw_voorstellen,
    rekeningwijziging_beoordelen,
)
from uitbetaling.statussen import TERUG_BIJ_BEHANDELAAR


@require_POST
@rol_vereist(*BEHANDELAARS)
def betaling_opnieuw(request, pk: int):
    """After the bank refused: the case holder or a teamleider sets the payment up again; a new
    account waits for a second colleague."""
    aanvraag = aanvraag_of_404(request, pk)
    opdracht = getattr(aanvraag, "betaalopdracht", None)
    if opdracht is None or opdracht.status not in TERUG_BIJ_BEHANDELAAR:
        messages.error(request, _("Er is geen teruggekomen betaling om opnieuw klaar te zetten."))
        return redirect("behandeling:aanvraag", pk=pk)
    form = OpnieuwKlaarzettenForm(
        request.POST, buitenland_toegestaan=aanvraag.gemeente.buitenlandse_iban
    )
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"opnieuw_form": form}, status=400)
    try:
        uitkomst = betaling_opnieuw_voorstellen(
            opdracht_id=opdracht.pk,
            door=request.user,
            iban=form.cleaned_data["iban"],
            naam=form.cleaned_data["rekeninghouder"],
            reden=form.cleaned_data["reden"],
            mag_voor_elke_zaak=verzoek_heeft_rol(request, Rol.TEAMLEIDER),
        )
    except RekeningwijzigingFout as exc:
        messages.error(request, str(exc))
    else:
        if isinstance(uitkomst, Rekeningwijziging):
            messages.info(request, _("De nieuwe rekening wacht op goedkeuring door een collega."))
        else:
            messages.success(request, _("De betaling staat weer klaar en gaat naar de bank."))
    return redirect("behandeling:aanvraag", pk=pk)


@require_POST
@rol_vereist(*BEHANDELAARS)
def rekening_beoordelen(request, pk: int):
    """A second colleague approves or refuses the new account of a refused payment."""
    aanvraag = aanvraag_of_404(request, pk)
    opdracht = getattr(aanvraag, "betaalopdracht", None)
    wijziging = (
        uitbetaling_selectors.open_rekeningwijziging_get(opdracht_id=opdracht.pk)
        if opdracht is not None
        else None
    )
    if wijziging is None:
        messages.error(request, _("Er wacht geen nieuwe rekening op goedkeuring."))
        return redirect("behandeling:aanvraag", pk=pk)
    form = RekeningBeoordelingForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"rekening_form": form}, status=400)
    goedkeuren = request.POST.get("besluit") == "goedkeuren"
    try:
        rekeningwijziging_beoordelen(
            wijziging_id=wijziging.pk,
            door=request.user,
            goedkeuren=goedkeuren,
            kenmerk_gezien=request.POST.get("kenmerk", ""),
            toelichting=form.cleaned_data["toelichting"].strip(),
        )
    except RekeningwijzigingFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Goedgekeurd. De betaling gaat opnieuw naar de bank.")
            if goedkeuren
            else _("Afgekeurd. De behandelaar hoort het in de geschiedenis."),
        )
    return redirect("behandeling:aanvraag", pk=pk)
