"""The lifecycles of a Betaalopdracht and a Betaalbatch, declared once. Pure Python, no Django.

Opdracht (one per award):

    klaargezet → in batch → aangeboden → uitgevoerd → teruggeboekt
        │            │           │                         │
        │            │           └→ geweigerd ─────────────┴→ klaargezet (the same instruction
        │            │           └→ klaargezet (whole file refused)      again, see ADR 10)
        └→ niet te betalen (reason) ←┘  → klaargezet (once corrected)

Batch (one pain.001 file): aangemaakt → aangeboden → uitgevoerd, or → geweigerd (by the bank,
as a whole). "Uitgevoerd" is only ever reached from "aangeboden": money the bank never had was
never paid.
"""

from datetime import date
from enum import StrEnum

from portal.tekst import vertaalbaar as _


class OpdrachtStatus(StrEnum):
    KLAARGEZET = "klaargezet"
    IN_BATCH = "in_batch"
    AANGEBODEN = "aangeboden"
    UITGEVOERD = "uitgevoerd"
    GEWEIGERD = "geweigerd"  # refused by the bank before booking (camt RJCT, or reported)
    TERUGGEBOEKT = "teruggeboekt"  # booked, then returned (camt RtrInf: AC04, MD07, …)
    NIET_TE_BETALEN = "niet_te_betalen"  # cannot go into a file as it stands (reason kept)


class BatchStatus(StrEnum):
    AANGEMAAKT = "aangemaakt"
    AANGEBODEN = "aangeboden"
    UITGEVOERD = "uitgevoerd"
    GEWEIGERD = "geweigerd"


OPDRACHT_LABELS: dict[OpdrachtStatus, str] = {
    OpdrachtStatus.KLAARGEZET: _("Klaargezet"),
    OpdrachtStatus.IN_BATCH: _("In batch"),
    OpdrachtStatus.AANGEBODEN: _("Aangeboden aan de bank"),
    OpdrachtStatus.UITGEVOERD: _("Uitgevoerd"),
    OpdrachtStatus.GEWEIGERD: _("Geweigerd"),
    OpdrachtStatus.TERUGGEBOEKT: _("Teruggeboekt door de bank"),
    OpdrachtStatus.NIET_TE_BETALEN: _("Niet te betalen"),
}
BATCH_LABELS: dict[BatchStatus, str] = {
    BatchStatus.AANGEMAAKT: _("Aangemaakt"),
    BatchStatus.AANGEBODEN: _("Aangeboden aan de bank"),
    BatchStatus.UITGEVOERD: _("Uitgevoerd"),
    BatchStatus.GEWEIGERD: _("Geweigerd"),
}

OPDRACHT_TRANSITIES: dict[OpdrachtStatus, frozenset[OpdrachtStatus]] = {
    OpdrachtStatus.KLAARGEZET: frozenset({OpdrachtStatus.IN_BATCH, OpdrachtStatus.NIET_TE_BETALEN}),
    OpdrachtStatus.IN_BATCH: frozenset(
        {
            OpdrachtStatus.AANGEBODEN,
            OpdrachtStatus.KLAARGEZET,  # the file was refused before the bank had it
        }
    ),
    OpdrachtStatus.AANGEBODEN: frozenset(
        {
            OpdrachtStatus.UITGEVOERD,
            OpdrachtStatus.GEWEIGERD,
            OpdrachtStatus.KLAARGEZET,  # the bank refused the whole file: into a new one
        }
    ),
    OpdrachtStatus.UITGEVOERD: frozenset({OpdrachtStatus.TERUGGEBOEKT}),
    OpdrachtStatus.GEWEIGERD: frozenset({OpdrachtStatus.KLAARGEZET}),
    OpdrachtStatus.TERUGGEBOEKT: frozenset({OpdrachtStatus.KLAARGEZET}),
    OpdrachtStatus.NIET_TE_BETALEN: frozenset({OpdrachtStatus.KLAARGEZET}),
}

BATCH_TRANSITIES: dict[BatchStatus, frozenset[BatchStatus]] = {
    BatchStatus.AANGEMAAKT: frozenset({BatchStatus.AANGEBODEN, BatchStatus.GEWEIGERD}),
    BatchStatus.AANGEBODEN: frozenset({BatchStatus.UITGEVOERD, BatchStatus.GEWEIGERD}),
    BatchStatus.UITGEVOERD: frozenset(),
    BatchStatus.GEWEIGERD: frozenset(),
}

# Payments that came back to the behandelaar as a task: call the inwoner, set it up again.
TERUG_BIJ_BEHANDELAAR = frozenset(
    {OpdrachtStatus.GEWEIGERD, OpdrachtStatus.TERUGGEBOEKT, OpdrachtStatus.NIET_TE_BETALEN}
)


class OngeldigeBetaalstatus(Exception):
    def __init__(self, van: str, naar: str):
        super().__init__(f"{van} → {naar} is not an allowed payment transition")
        self.van = van
        self.naar = naar


def controleer_opdracht(van: str, naar: str) -> None:
    if OpdrachtStatus(naar) not in OPDRACHT_TRANSITIES[OpdrachtStatus(van)]:
        raise OngeldigeBetaalstatus(van, naar)


def controleer_batch(van: str, naar: str) -> None:
    if BatchStatus(naar) not in BATCH_TRANSITIES[BatchStatus(van)]:
        raise OngeldigeBetaalstatus(van, naar)


def uitvoering_gemeld_mag(*, uitvoerdatum: date, vandaag: date) -> bool:
    """A person may report a file executed from its requested execution date on, not before:
    until then the bank has not paid. (A bank statement saying "booked" is the bank itself.)"""
    return uitvoerdatum <= vandaag
