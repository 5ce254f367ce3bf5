"""Retention in practice: find aanvragen whose term has passed and remove their personal data.

The aanvraag row stays, stripped of everything that identifies or describes the inwoner, so the
figures of the dashboard (amounts, dates, doorlooptijden) keep adding up; documents and their
files, contact notes, requests for information and free-text reasons are deleted. Run daily by
Celery beat; `manage.py bewaartermijnen` shows what would go (dry run) and `--uitvoeren` does it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from aanvragen.bewaartermijnen import (
    TERMIJNEN,
    grens_voor,
    terugbelverzoek_grens,
    vernietigen_vanaf,
)
from aanvragen.models import Aanvraag, StatusWijziging, Terugbelverzoek
from portal import logboek

# Payment files (names and IBANs of many inwoners) are emptied after the financial term.
BETAALBESTAND_JAREN = 7


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
    from behandeling.models import Aanvullingsverzoek, Contactmoment, Opschorting, SlaSignaal
    from uitbetaling.models import Betaalopdracht, OpdrachtStatusWijziging

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
    Contactmoment.objects.filter(aanvraag=aanvraag).delete()
    Opschorting.objects.filter(aanvraag=aanvraag).delete()
    Aanvullingsverzoek.objects.filter(aanvraag=aanvraag).delete()
    SlaSignaal.objects.filter(aanvraag=aanvraag).delete()
    StatusWijziging.objects.filter(aanvraag=aanvraag).update(reden="")
    Betaalopdracht.objects.filter(aanvraag=aanvraag).update(iban="", naam="")
    OpdrachtStatusWijziging.objects.filter(opdracht__aanvraag=aanvraag).update(reden="")
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


def betaalbestanden_legen(*, vandaag: date) -> int:
    from uitbetaling.models import Betaalbatch

    grens = vandaag.replace(year=vandaag.year - BETAALBESTAND_JAREN)
    return Betaalbatch.objects.filter(aangemaakt_op__date__lt=grens).exclude(xml="").update(xml="")


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
        "betaalbestanden": betaalbestanden_legen(vandaag=vandaag),
        "terugbelverzoeken": terugbelverzoeken_verwijderen(vandaag=vandaag),
    }
