"""Writes for the Wegwijzer: rule versions and the anonymous check counters."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from wegwijzer.models import Beleidsregel, WegwijzerTelling
from wegwijzer.regels import Oordeel
from wegwijzer.selectors import beleid_gewijzigd

TWEE_MINUTEN, KWARTIER = 120, 900


def beleidsregel_in_gebruik(*, beleidsregel: Beleidsregel) -> bool:
    return beleidsregel.pk is not None and beleidsregel.aanvragen.exists()


def controleer_geen_overlap(*, beleidsregel: Beleidsregel) -> None:
    """Two versions of one gemeente's rules for one regeling may not overlap in time."""
    andere = Beleidsregel.objects.filter(
        gemeente_id=beleidsregel.gemeente_id, regeling_id=beleidsregel.regeling_id
    ).exclude(pk=beleidsregel.pk)
    for ander in andere:
        eind_ander = ander.geldig_tot or date.max
        eind = beleidsregel.geldig_tot or date.max
        if beleidsregel.geldig_vanaf <= eind_ander and ander.geldig_vanaf <= eind:
            raise ValidationError(
                f"Deze periode overlapt met {ander}. Zet eerst een einddatum op die versie."
            )


@transaction.atomic
def beleidsregel_nieuwe_versie(*, beleidsregel: Beleidsregel, door, vanaf: date | None = None):
    """Copy a version (with its bands and kostensoorten) as a new version from `vanaf`.

    The old version ends the day before; aanvragen that used it keep it.
    """
    vanaf = vanaf or timezone.localdate() + timedelta(days=1)
    if vanaf <= beleidsregel.geldig_vanaf:
        raise ValidationError("De nieuwe versie moet later beginnen dan de oude.")
    oud = Beleidsregel.objects.select_for_update().get(pk=beleidsregel.pk)
    banden = list(oud.banden.all())
    kostensoorten = list(oud.kostensoorten.all())
    eind_oud = oud.geldig_tot
    Beleidsregel.objects.filter(pk=oud.pk).update(geldig_tot=vanaf - timedelta(days=1))
    beleid_gewijzigd()  # update() sends no signal
    nieuw = oud
    nieuw.pk = None
    nieuw.geldig_vanaf = vanaf
    nieuw.geldig_tot = eind_oud if eind_oud and eind_oud >= vanaf else None
    nieuw.save()
    for rij in [*banden, *kostensoorten]:
        rij.pk = None
        rij.beleidsregel = nieuw
        rij.save()
    return nieuw


def _tellen(gemeente_id: int, datum: date, **ophogen) -> None:
    """Raise the day's counters: one UPDATE when the day's row exists (nearly always); else the
    row is made first (a concurrent request may make it too)."""
    qs = WegwijzerTelling.objects.filter(datum=datum, gemeente_id=gemeente_id)
    if qs.update(**ophogen):
        return
    try:
        with transaction.atomic():
            WegwijzerTelling.objects.get_or_create(datum=datum, gemeente_id=gemeente_id)
    except IntegrityError:
        pass  # created by a concurrent request
    qs.update(**ophogen)


def check_gestart(*, gemeente_id: int, datum: date) -> None:
    _tellen(gemeente_id, datum, gestart=F("gestart") + 1)


def check_afgerond(*, gemeente_id: int, datum: date, oordeel: Oordeel, seconden: int) -> None:
    """Count a finished check: outcome and time taken. Nothing about the person."""
    seconden = max(0, seconden)
    kolom = {Oordeel.JA: "uitkomst_ja", Oordeel.NEE: "uitkomst_nee"}.get(
        oordeel, "uitkomst_onbekend"
    )
    _tellen(
        gemeente_id,
        datum,
        afgerond=F("afgerond") + 1,
        seconden_totaal=F("seconden_totaal") + seconden,
        binnen_twee_minuten=F("binnen_twee_minuten") + (1 if seconden <= TWEE_MINUTEN else 0),
        binnen_kwartier=F("binnen_kwartier") + (1 if seconden <= KWARTIER else 0),
        **{kolom: F(kolom) + 1},
    )
