"""Call-back requests: an inwoner asks to be called (no DigiD needed); klantcontact calls."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from aanvragen.models import (
    Brieftaak,
    Terugbelverzoek,
)
from portal import logboek, werkgebied


def terugbelverzoek_indienen(*, gemeente, naam: str, telefoon: str, tijdvak: str, vraag: str):
    return Terugbelverzoek.objects.create(
        gemeente=gemeente, naam=naam, telefoon=telefoon, tijdvak=tijdvak, vraag=vraag
    )


def terugbelverzoek_afhandelen(*, pk: int, door, nu: datetime | None = None) -> bool:
    """Mark a call-back as done; False when a colleague already did (nothing changes)."""
    gedaan = werkgebied.beperk(
        Terugbelverzoek.objects.filter(pk=pk, afgehandeld_op__isnull=True), door
    ).update(afgehandeld_op=nu or timezone.now(), afgehandeld_door=door)
    if gedaan:
        logboek.vastleggen(
            activiteit="klantcontact",
            naam="terugbelverzoek afgehandeld",
            objecten=[f"terugbelverzoek:{pk}"],
            door=door,
        )
    return bool(gedaan)


def brieftaak_afhandelen(*, pk: int, door, nu: datetime | None = None) -> bool:
    """Klantcontact sent the letter; False when a colleague already marked it."""
    gedaan = werkgebied.beperk(
        Brieftaak.objects.filter(pk=pk, afgehandeld_op__isnull=True),
        door,
        via="aanvraag__gemeente",
    ).update(afgehandeld_op=nu or timezone.now(), afgehandeld_door=door)
    return bool(gedaan)
