"""Retention in practice: find aanvragen whose term has passed and remove their personal data.

The aanvraag row stays, stripped of everything that identifies or describes the inwoner, so the
figures of the dashboard (amounts, dates, doorlooptijden) keep adding up; documents and their
files, contact notes, requests for information and free-text reasons are deleted. Run daily by
Celery beat; `manage.py bewaartermijnen` shows what would go (dry run) and `--uitvoeren` does it.

The apps above aanvragen keep their own data about an aanvraag (calls and escalations in
behandeling, payment instructions in uitbetaling). They remove it themselves, in the same
transaction, on the signal `anonimiseren_signaal`; and they apply their own terms on
`bewaartermijnen_signaal` (uitbetaling empties old payment files). aanvragen never imports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from aanvragen.bewaartermijnen import (
    TERMIJNEN,
    grens_voor,
    terugbelverzoek_grens,
    vernietigen_vanaf,
)
from aanvragen.models import (
    Aanvraag,
    Aanvullingsverzoek,
    Opschorting,
    StatusWijziging,
    Terugbelverzoek,
)
from portal import logboek
from portal.models import Bericht

# Sent inside anonimiseren's transaction with `aanvraag`: remove your personal data about it.
anonimiseren_signaal = Signal()
# Sent by the daily run with `vandaag`: apply your own terms, return {what: how many}.
bewaartermijnen_signaal = Signal()


@dataclass(frozen=True)
class Vervallen:
    aanvraag_id: int
    referentie: str
    status: str
    besloten: date
    vernietigen_vanaf: date


def vervallen_list(*, vandaag: date) -> list[Vervallen]:
    """Aanvragen whose personal data must go today (not yet anonymised), oldest first."""
    uit = []
    zone = timezone.get_current_timezone()
    for status in TERMIJNEN:
        grens = datetime.combine(grens_voor(status, vandaag) + timedelta(days=1), time.min, zone)
        rijen = (
            Aanvraag.objects.filter(
                status=status, geanonimiseerd_op__isnull=True, besloten_op__lt=grens
            )
            .order_by("besloten_op")
            .values_list("pk", "referentie", "besloten_op", "lening_termijnen")
        )
        for pk, referentie, besloten_op, maanden in rijen.iterator():
            besloten = timezone.localdate(besloten_op)
            vanaf = vernietigen_vanaf(status, besloten, maanden)
            if vanaf is not None and vanaf <= vandaag:
                uit.append(Vervallen(pk, referentie or "", str(status), besloten, vanaf))
    return sorted(uit, key=lambda v: v.besloten)


@transaction.atomic
def anonimiseren(*, aanvraag_id: int, nu: datetime | None = None) -> bool:
    """Remove the personal data of one aanvraag; False when it was done already."""
    nu = nu or timezone.now()
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag_id)
    if aanvraag.geanonimiseerd_op is not None:
        return False
    logboek.voor_aanvraag(
        aanvraag, activiteit="archiveren", naam="persoonsgegevens vernietigd", proces="taak:archief"
    )
    for document in aanvraag.documenten.all():
        document.bestand.delete(save=False)
        document.delete()
    Opschorting.objects.filter(aanvraag=aanvraag).delete()
    Aanvullingsverzoek.objects.filter(aanvraag=aanvraag).delete()
    StatusWijziging.objects.filter(aanvraag=aanvraag).update(reden="")
    # What was sent and when stays (proof); to whom and what it said goes.
    Bericht.objects.filter(aanvraag_id=aanvraag.pk).update(
        aan="", onderwerp="", tekst="", bijlage_bestand=""
    )
    anonimiseren_signaal.send(sender=Aanvraag, aanvraag=aanvraag)
    leeg = {
        "bsn": "",
        "naam": "",
        "adres": "",
        "postcode": "",
        "woonplaats": "",
        "partner_naam": "",
        "partner_bsn": "",
        "geboortedatum": None,
        "telefoon": "",
        "email": "",
        "omschrijving": "",
        "inkomen": Decimal("0"),
        "inkomen_partner": None,
        "vermogen": Decimal("0"),
        "iban": "",
        "rekeninghouder": "",
        "besluit_motivering": "",
        "voorgestelde_motivering": "",
        "leverancier_iban": "",
        "leverancier_naam": "",
        "bevestiging": "",
        "geanonimiseerd_op": nu,
    }
    Aanvraag.objects.filter(pk=aanvraag.pk).update(**leeg)
    return True


def vervallen_terugbelverzoeken(*, vandaag: date):
    zone = timezone.get_current_timezone()
    grens = datetime.combine(terugbelverzoek_grens(vandaag), time.min, zone)
    return Terugbelverzoek.objects.filter(aangemaakt_op__lt=grens)


def terugbelverzoeken_verwijderen(*, vandaag: date) -> int:
    ids = list(vervallen_terugbelverzoeken(vandaag=vandaag).values_list("pk", flat=True))
    if ids:
        logboek.vastleggen(
            activiteit="archiveren",
            naam="terugbelverzoek vernietigd",
            objecten=[f"terugbelverzoek:{pk}" for pk in ids],
            proces="taak:archief",
        )
    return Terugbelverzoek.objects.filter(pk__in=ids).delete()[0]


def bewaartermijnen_toepassen(*, vandaag: date) -> dict[str, int]:
    """The daily run: every aanvraag that is due, each in its own transaction."""
    gedaan = {status: 0 for status in TERMIJNEN}
    for vervallen in vervallen_list(vandaag=vandaag):
        if anonimiseren(aanvraag_id=vervallen.aanvraag_id):
            gedaan[vervallen.status] += 1
    return {
        **{str(k): v for k, v in gedaan.items()},
        "terugbelverzoeken": terugbelverzoeken_verwijderen(vandaag=vandaag),
        **{
            wat: aantal
            for _ontvanger, gedaan_elders in bewaartermijnen_signaal.send(
                sender=Aanvraag, vandaag=vandaag
            )
            for wat, aantal in gedaan_elders.items()
        },
    }
