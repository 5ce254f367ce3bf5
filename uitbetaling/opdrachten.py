"""The payment instruction of an award: made once, then through its lifecycle (klaargezet → in
batch → aangeboden → uitgevoerd, or back to the behandelaar), every step checked against
uitbetaling/statussen.py and kept in its history."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.betaling import betaling_teruggekomen, betaling_weer_onderweg
from aanvragen.models import Aanvraag
from aanvragen.status import statussen_wijzigen
from aanvragen.statussen import Status
from portal import logboek, werkgebied
from portal.tekst import epc_tekst
from uitbetaling.models import (
    Betaalbatch,
    Betaalopdracht,
    OpdrachtStatus,
    OpdrachtStatusWijziging,
)
from uitbetaling.opdracht import end_to_end_id, omschrijving
from uitbetaling.selectors import verwachte_bankdag
from uitbetaling.statussen import (
    TERUG_BIJ_BEHANDELAAR,
    controleer_opdracht,
    uitvoering_gemeld_mag,
)


def betaalopdracht_aanmaken(
    *, aanvraag_id: int, door=None, nu: datetime | None = None
) -> Betaalopdracht:
    """Create the one Betaalopdracht of an awarded aanvraag; a repeat returns the same one.
    `door`: the colleague whose decision this is (None: the guard task).

    The unique key on `aanvraag` makes this safe under retries and two workers at once.
    """
    nu = nu or timezone.now()
    try:
        with transaction.atomic():
            aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag_id)
            bestaand = Betaalopdracht.objects.filter(aanvraag=aanvraag).first()
            if bestaand is not None:
                return bestaand
            if aanvraag.status != Status.TOEGEKEND:
                raise ValueError(f"aanvraag {aanvraag_id} is {aanvraag.status}, not toegekend")
            opdracht = Betaalopdracht.objects.create(
                aanvraag=aanvraag,
                gemeente_id=aanvraag.gemeente_id,
                bedrag=aanvraag.toegekend_bedrag,
                iban=aanvraag.leverancier_iban or aanvraag.iban,
                naam=epc_tekst(aanvraag.leverancier_naam or aanvraag.rekeninghouder, 70),
                omschrijving=omschrijving(aanvraag.referentie, aanvraag.regeling.naam),
                end_to_end_id=end_to_end_id(aanvraag.referentie),
                aangemaakt_op=nu,
                verwacht_op=verwachte_bankdag(nu),
            )
            OpdrachtStatusWijziging.objects.create(
                opdracht=opdracht,
                naar=OpdrachtStatus.KLAARGEZET,
                op=nu,
                reden="Aangemaakt bij toekenning",
            )
            logboek.voor_aanvraag(
                aanvraag,
                activiteit="uitbetalen",
                naam="betaalopdracht maken",
                door=door,
                proces="taak:betaalopdracht",
            )
            return opdracht
    except IntegrityError:
        return Betaalopdracht.objects.get(aanvraag_id=aanvraag_id)


class BetaalstatusFout(Exception):
    """Financiën asked for something the payment's lifecycle does not allow; the message says
    why in plain Dutch. Nothing changed."""


def opdrachten_naar(opdrachten, naar: str, *, nu, door=None, reden: str = "", **velden) -> None:
    """The one place an opdracht's status changes: every row must be locked by the caller; each
    transition is checked against the table (uitbetaling/statussen.py) and gets a history row.
    A payment back at the gemeente (TERUG_BIJ_BEHANDELAAR) is told to its aanvraag."""
    rijen = list(opdrachten)
    for o in rijen:
        controleer_opdracht(o.status, naar)
    if naar in TERUG_BIJ_BEHANDELAAR:
        betaling_teruggekomen(
            aanvraag_ids=[o.aanvraag_id for o in rijen], door=door, reden=reden, nu=nu
        )
    elif weer := [o.aanvraag_id for o in rijen if o.status in TERUG_BIJ_BEHANDELAAR]:
        betaling_weer_onderweg(aanvraag_ids=weer)
    if naar == OpdrachtStatus.KLAARGEZET:
        velden.setdefault("verwacht_op", verwachte_bankdag(nu))  # set up again: a new date
    OpdrachtStatusWijziging.objects.bulk_create(
        [
            OpdrachtStatusWijziging(
                opdracht=o, van=o.status, naar=naar, op=nu, door=door, reden=reden[:2000]
            )
            for o in rijen
        ]
    )
    Betaalopdracht.objects.filter(pk__in=[o.pk for o in rijen]).update(status=naar, **velden)
    for o in rijen:
        o.status = naar
        for veld, waarde in velden.items():
            setattr(o, veld, waarde)


def _uitbetaald(opdrachten, *, door, nu, geboekt_op=None) -> None:
    """aangeboden → uitgevoerd for locked opdrachten, and their aanvragen become uitbetaald."""
    rijen = list(opdrachten)
    if not rijen:
        return
    opdrachten_naar(
        rijen,
        OpdrachtStatus.UITGEVOERD,
        nu=nu,
        door=door,
        reden=_("Geboekt door de bank") if geboekt_op else _("Gemeld als uitgevoerd"),
        uitgevoerd_op=nu,
        geboekt_op=geboekt_op,
    )
    statussen_wijzigen(
        aanvraag_ids=[o.aanvraag_id for o in rijen],
        naar=Status.UITBETAALD,
        door=door,
        nu=nu,
        verwacht=[Status.TOEGEKEND],
        reden=_("Betaling uitgevoerd"),
    )


def _nog_niet_uitgevoerd(batch: Betaalbatch, nu) -> str | None:
    if not uitvoering_gemeld_mag(uitvoerdatum=batch.uitvoerdatum, vandaag=timezone.localdate(nu)):
        return _("De bank voert dit bestand uit op %(datum)s. Meld het daarna als uitgevoerd.") % {
            "datum": f"{batch.uitvoerdatum:%d-%m-%Y}"
        }
    return None


@transaction.atomic
def betaalopdracht_uitgevoerd_melden(*, opdracht_id: int, door, nu: datetime | None = None):
    """Financiën reports the payment as executed: only one the bank has (aangeboden), not before
    its file's execution date. The aanvraag becomes uitbetaald. Again: nothing changes."""
    nu = nu or timezone.now()
    opdracht = (
        Betaalopdracht.objects.select_for_update(of=("self",))
        .select_related("batch")
        .get(pk=opdracht_id)
    )
    werkgebied.controleer(door, opdracht.gemeente_id)
    if opdracht.status == OpdrachtStatus.UITGEVOERD:
        return opdracht
    if opdracht.status != OpdrachtStatus.AANGEBODEN:
        raise BetaalstatusFout(
            _("Deze betaling is niet aan de bank aangeboden (%(status)s). Zij is dus niet betaald.")
            % {"status": opdracht.get_status_display()}
        )
    if fout := _nog_niet_uitgevoerd(opdracht.batch, nu):
        raise BetaalstatusFout(fout)
    _uitbetaald([opdracht], door=door, nu=nu)
    return opdracht


@transaction.atomic
def betaalopdracht_geweigerd_melden(
    *, opdracht_id: int, door, reden: str, nu: datetime | None = None
) -> Betaalopdracht:
    """The bank did not pay, or paid and the money came back (a return after booking: AC04
    account closed, MD07 holder deceased, …). Back to the behandelaar as a task, with the
    reason; a returned payment makes the aanvraag *toegekend* again (not uitbetaald)."""
    nu = nu or timezone.now()
    opdracht = Betaalopdracht.objects.select_for_update().get(pk=opdracht_id)
    werkgebied.controleer(door, opdracht.gemeente_id)
    reden = reden.strip()[:300] or _("geen reden opgegeven")
    if opdracht.status in (OpdrachtStatus.GEWEIGERD, OpdrachtStatus.TERUGGEBOEKT):
        return opdracht
    if opdracht.status == OpdrachtStatus.AANGEBODEN:
        opdrachten_naar(
            [opdracht], OpdrachtStatus.GEWEIGERD, nu=nu, door=door, reden=reden, probleem=reden
        )
    elif opdracht.status == OpdrachtStatus.UITGEVOERD:
        opdrachten_naar(
            [opdracht], OpdrachtStatus.TERUGGEBOEKT, nu=nu, door=door, reden=reden, probleem=reden
        )
    else:
        raise BetaalstatusFout(
            _(
                "Deze betaling is niet aan de bank aangeboden (%(status)s). De bank kan haar dus "
                "niet weigeren."
            )
            % {"status": opdracht.get_status_display()}
        )
    return opdracht


@transaction.atomic
def betaalopdracht_opnieuw_klaarzetten(
    *, opdracht_id: int, door, iban: str, naam: str, nu: datetime | None = None
) -> Betaalopdracht:
    """After a refusal or return: the same (only) instruction of the award, with corrected
    details, ready for a new file."""
    nu = nu or timezone.now()
    opdracht = Betaalopdracht.objects.select_for_update().get(pk=opdracht_id)
    if opdracht.status not in TERUG_BIJ_BEHANDELAAR:
        raise BetaalstatusFout(_("Er is geen teruggekomen betaling om opnieuw klaar te zetten."))
    opdrachten_naar(
        [opdracht],
        OpdrachtStatus.KLAARGEZET,
        nu=nu,
        door=door,
        reden=f"Opnieuw klaargezet (was batch {opdracht.batch_id})",
        iban=iban,
        naam=epc_tekst(naam, 70),
        batch=None,
        probleem="",
    )
    return opdracht
