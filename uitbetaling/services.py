"""Payment instructions: created exactly once per award, then followed to the bank."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from aanvragen.models import Aanvraag
from aanvragen.services import status_wijzigen
from aanvragen.statussen import Status
from uitbetaling.models import Betaalopdracht, OpdrachtStatus, OpdrachtStatusWijziging
from uitbetaling.opdracht import end_to_end_id, epc_tekst, omschrijving


def betaalopdracht_aanmaken(*, aanvraag_id: int, nu: datetime | None = None) -> Betaalopdracht:
    """Create the one Betaalopdracht of an awarded aanvraag; a repeat returns the same one.

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
                iban=aanvraag.iban,
                naam=epc_tekst(aanvraag.rekeninghouder, 70),
                omschrijving=omschrijving(aanvraag.referentie, aanvraag.regeling.naam),
                end_to_end_id=end_to_end_id(aanvraag.referentie),
                aangemaakt_op=nu,
            )
            OpdrachtStatusWijziging.objects.create(
                opdracht=opdracht,
                naar=OpdrachtStatus.KLAARGEZET,
                op=nu,
                reden="Aangemaakt bij toekenning",
            )
            return opdracht
    except IntegrityError:
        return Betaalopdracht.objects.get(aanvraag_id=aanvraag_id)


def toegekend_zonder_opdracht_ids() -> list[int]:
    return list(
        Aanvraag.objects.filter(status=Status.TOEGEKEND, betaalopdracht__isnull=True).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def betaalopdracht_uitgevoerd_melden(*, opdracht_id: int, door, nu: datetime | None = None):
    """Financiën reports the payment as executed: the aanvraag becomes uitbetaald."""
    nu = nu or timezone.now()
    opdracht = Betaalopdracht.objects.select_for_update().get(pk=opdracht_id)
    if opdracht.status == OpdrachtStatus.UITGEVOERD:
        return opdracht
    van = opdracht.status
    opdracht.status = OpdrachtStatus.UITGEVOERD
    opdracht.uitgevoerd_op = nu
    opdracht.save(update_fields=["status", "uitgevoerd_op"])
    OpdrachtStatusWijziging.objects.create(
        opdracht=opdracht, van=van, naar=OpdrachtStatus.UITGEVOERD, op=nu, door=door
    )
    status_wijzigen(
        aanvraag_id=opdracht.aanvraag_id,
        naar=Status.UITBETAALD,
        door=door,
        nu=nu,
        verwacht=[Status.TOEGEKEND],
        reden=f"Betaling {opdracht.end_to_end_id} uitgevoerd",
    )
    return opdracht
