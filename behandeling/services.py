"""The behandelaar's acts on an aanvraag. Every status change goes through status_wijzigen."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.models import Aanvraag
from aanvragen.services import AanvraagGewijzigd, status_wijzigen
from aanvragen.statussen import Status
from behandeling.sla import sla_grenzen
from portal.models import Gemeente
from portal.selectors import kalender_get


def aanvraag_oppakken(*, aanvraag_id: int, behandelaar) -> Aanvraag:
    return status_wijzigen(
        aanvraag_id=aanvraag_id,
        naar=Status.IN_BEHANDELING,
        door=behandelaar,
        verwacht=[Status.INGEDIEND],
        velden={"behandelaar": behandelaar},
        reden=_("Opgepakt"),
    )


@transaction.atomic
def volgende_aanvraag_claimen(*, behandelaar) -> Aanvraag | None:
    """Claim the most urgent unclaimed aanvraag. Concurrent callers get different ones.

    SKIP LOCKED lets ten behandelaars press "Volgende aanvraag" at once without waiting for or
    claiming the same row.
    """
    kandidaat = (
        Aanvraag.objects.select_for_update(skip_locked=True)
        .filter(status=Status.INGEDIEND, behandelaar__isnull=True)
        .order_by("einddatum_gepland", "ingediend_op", "pk")
        .first()
    )
    if kandidaat is None:
        return None
    return aanvraag_oppakken(aanvraag_id=kandidaat.pk, behandelaar=behandelaar)


def _eigen_aanvraag(aanvraag_id: int, behandelaar) -> None:
    houder = Aanvraag.objects.filter(pk=aanvraag_id).values_list("behandelaar", flat=True).first()
    if houder != behandelaar.pk:
        raise AanvraagGewijzigd(_("Deze aanvraag is in behandeling bij een collega."))


def aanvraag_toekennen(
    *, aanvraag_id: int, behandelaar, bedrag: Decimal, motivering: str
) -> Aanvraag:
    """Award: the decision commits first, then a task creates the one Betaalopdracht."""
    from uitbetaling.tasks import betaalopdracht_aanmaken

    with transaction.atomic():
        _eigen_aanvraag(aanvraag_id, behandelaar)
        aanvraag = status_wijzigen(
            aanvraag_id=aanvraag_id,
            naar=Status.TOEGEKEND,
            door=behandelaar,
            verwacht=[Status.IN_BEHANDELING],
            reden=motivering,
            velden={
                "toegekend_bedrag": bedrag,
                "besluit_motivering": motivering,
                "besloten_op": timezone.now(),
            },
        )
        transaction.on_commit(lambda: betaalopdracht_aanmaken.delay(aanvraag_id))
    return aanvraag


def aanvraag_afwijzen(*, aanvraag_id: int, behandelaar, motivering: str) -> Aanvraag:
    with transaction.atomic():
        _eigen_aanvraag(aanvraag_id, behandelaar)
        return status_wijzigen(
            aanvraag_id=aanvraag_id,
            naar=Status.AFGEWEZEN,
            door=behandelaar,
            verwacht=[Status.IN_BEHANDELING],
            reden=motivering,
            velden={"besluit_motivering": motivering, "besloten_op": timezone.now()},
        )


def aanvraag_vrijgeven(*, aanvraag_id: int, behandelaar) -> Aanvraag:
    with transaction.atomic():
        _eigen_aanvraag(aanvraag_id, behandelaar)
        return status_wijzigen(
            aanvraag_id=aanvraag_id,
            naar=Status.INGEDIEND,
            door=behandelaar,
            verwacht=[Status.IN_BEHANDELING],
            velden={"behandelaar": None},
            reden=_("Teruggezet in de werkvoorraad"),
        )


def sla_bijwerken(*, vandaag: date) -> int:
    """Recompute the SLA state of all open aanvragen in SQL, per gemeente (its closing days)."""
    bijgewerkt = 0
    open_statussen = [Status.INGEDIEND, Status.IN_BEHANDELING]
    for gemeente in Gemeente.objects.all():
        grenzen = sla_grenzen(vandaag, kalender_get(gemeente=gemeente, vanaf=vandaag))
        qs = Aanvraag.objects.filter(gemeente=gemeente, status__in=open_statussen)
        bijgewerkt += (
            qs.filter(einddatum_gepland__lt=grenzen.te_laat_voor)
            .exclude(sla_status="te_laat")
            .update(sla_status="te_laat")
        )
        bijgewerkt += (
            qs.filter(
                einddatum_gepland__gte=grenzen.te_laat_voor,
                einddatum_gepland__lte=grenzen.risico_tot_en_met,
            )
            .exclude(sla_status="risico")
            .update(sla_status="risico")
        )
        bijgewerkt += (
            qs.filter(einddatum_gepland__gt=grenzen.risico_tot_en_met)
            .exclude(sla_status="op_schema")
            .update(sla_status="op_schema")
        )
    return bijgewerkt
