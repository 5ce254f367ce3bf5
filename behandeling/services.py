"""The behandelaar's acts on an aanvraag. Every status change goes through status_wijzigen."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.models import Aanvraag, DocumentSoort
from aanvragen.services import (
    AanvraagGewijzigd,
    document_toevoegen,
    status_wijzigen,
    termijnen_berekenen,
)
from aanvragen.statussen import Status
from behandeling.models import Aanvullingsverzoek, Contactmoment, Opschorting
from behandeling.sla import sla_grenzen
from portal.models import Gemeente
from portal.selectors import kalender_get
from portal.werkdagen import plus_werkdagen


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


def contactmoment_vastleggen(
    *,
    aanvraag_id: int,
    door,
    kanaal: str,
    met: str,
    samenvatting: str,
    uitkomst: str,
    op=None,
) -> Contactmoment:
    return Contactmoment.objects.create(
        aanvraag_id=aanvraag_id,
        door=door,
        kanaal=kanaal,
        met=met,
        samenvatting=samenvatting,
        uitkomst=uitkomst,
        op=op or timezone.now(),
    )


def aanvulling_vragen(
    *, aanvraag_id: int, behandelaar, vraag: str, termijn_werkdagen: int = 5, nu=None
) -> Aanvullingsverzoek:
    """Ask for something with a term; the terms stand still from the next day (Awb 4:15)."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    with transaction.atomic():
        _eigen_aanvraag(aanvraag_id, behandelaar)
        aanvraag = status_wijzigen(
            aanvraag_id=aanvraag_id,
            naar=Status.WACHT_OP_AANVULLING,
            door=behandelaar,
            verwacht=[Status.IN_BEHANDELING],
            reden=vraag,
            nu=nu,
        )
        kalender = kalender_get(gemeente=aanvraag.gemeente, vanaf=vandaag)
        verzoek = Aanvullingsverzoek.objects.create(
            aanvraag=aanvraag,
            vraag=vraag,
            gevraagd_op=nu,
            gevraagd_door=behandelaar,
            termijn_tot=plus_werkdagen(vandaag, termijn_werkdagen, kalender).datum,
        )
        Opschorting.objects.create(
            aanvraag=aanvraag,
            verzoek=verzoek,
            van=vandaag + timedelta(days=1),
            reden=_("Vraag om aanvulling"),
        )
    return verzoek


def aanvulling_ontvangen(
    *, verzoek_id: int, bsn: str, antwoord: str, bestand=None, nu=None
) -> Aanvullingsverzoek:
    """The inwoner answers: the suspension ends the day before, the clock runs again."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    with transaction.atomic():
        verzoek = Aanvullingsverzoek.objects.select_for_update().get(
            pk=verzoek_id, aanvraag__bsn=bsn, beantwoord_op__isnull=True
        )
        verzoek.antwoord = antwoord
        verzoek.beantwoord_op = nu
        verzoek.save(update_fields=["antwoord", "beantwoord_op"])
        Opschorting.objects.filter(verzoek=verzoek).update(tot=vandaag - timedelta(days=1))
        if bestand is not None:
            document_toevoegen(
                aanvraag=verzoek.aanvraag, soort=DocumentSoort.AANVULLING, bestand=bestand
            )
        aanvraag = Aanvraag.objects.select_related("regeling", "gemeente").get(
            pk=verzoek.aanvraag_id
        )
        status_wijzigen(
            aanvraag_id=aanvraag.pk,
            naar=Status.IN_BEHANDELING,
            door="inwoner",
            verwacht=[Status.WACHT_OP_AANVULLING],
            reden=_("Aanvulling ontvangen"),
            nu=nu,
            velden=termijnen_berekenen(
                aanvraag=aanvraag,
                ingediend=timezone.localdate(aanvraag.ingediend_op),
                vandaag=vandaag,
            ),
        )
    return verzoek


def aanvraag_buiten_behandeling(*, aanvraag_id: int, behandelaar, motivering: str, nu=None):
    """Awb 4:5: not dealt with, after the term to supplement lapsed."""
    nu = nu or timezone.now()
    with transaction.atomic():
        _eigen_aanvraag(aanvraag_id, behandelaar)
        Opschorting.objects.filter(aanvraag_id=aanvraag_id, tot__isnull=True).update(
            tot=timezone.localdate(nu)
        )
        return status_wijzigen(
            aanvraag_id=aanvraag_id,
            naar=Status.BUITEN_BEHANDELING,
            door=behandelaar,
            verwacht=[Status.WACHT_OP_AANVULLING, Status.IN_BEHANDELING],
            reden=motivering,
            nu=nu,
            velden={"besluit_motivering": motivering, "besloten_op": nu},
        )
