"""Retention of uitbetaling's own data (see aanvragen/archief.py)."""

from datetime import date

from uitbetaling.models import Betaalbatch, Betaalopdracht, OpdrachtStatusWijziging

# Payment files (names and IBANs of many inwoners) are emptied after the financial term.
BETAALBESTAND_JAREN = 7


def aanvraag_anonimiseren(sender, *, aanvraag, **kwargs) -> None:
    """The instruction stays (amount, dates, status for the accounts); the payee goes."""
    Betaalopdracht.objects.filter(aanvraag=aanvraag).update(iban="", naam="")
    OpdrachtStatusWijziging.objects.filter(opdracht__aanvraag=aanvraag).update(reden="")


def betaalbestanden_legen(*, vandaag: date) -> int:
    grens = vandaag.replace(year=vandaag.year - BETAALBESTAND_JAREN)
    return Betaalbatch.objects.filter(aangemaakt_op__date__lt=grens).exclude(xml="").update(xml="")


def bewaartermijnen_toepassen(sender, *, vandaag: date, **kwargs) -> dict[str, int]:
    return {"betaalbestanden": betaalbestanden_legen(vandaag=vandaag)}
