"""Who gets the money, and when a second colleague must see the payee before it leaves.

Separation of duties: whoever sets or changes where money goes (the IBAN, the account holder,
a supplier) is never the one who releases it. A second colleague approves an award when the
amount is above the gemeente's four-eyes amount *or* when anything about the payee was set by
a colleague rather than by the inwoner with DigiD, whatever the amount. Pure rules: no Django.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class VierOgenReden(StrEnum):
    """Why a second colleague must approve (shown to the approver, kept in the history)."""

    BEDRAG = "bedrag"  # above the gemeente's four-eyes amount
    LEVERANCIER = "leverancier"  # paid to a supplier the behandelaar chose (Pw art. 57)
    ANDERE_REKENING = "andere_rekening"  # not the account the inwoner gave
    DOOR_MEDEWERKER = "door_medewerker"  # account typed by a colleague on the phone, unconfirmed
    BUITENLAND = "buitenland"  # an account outside the Netherlands (SEPA)


@dataclass(frozen=True)
class Begunstigde:
    """Where one payment goes."""

    naam: str
    iban: str  # compact, upper case
    leverancier: bool = False

    @property
    def land(self) -> str:
        return self.iban[:2].upper()


@dataclass(frozen=True)
class Betaalvoorstel:
    """An award (or a re-issue) as the approver must judge it."""

    bedrag: Decimal
    vier_ogen_vanaf: Decimal
    begunstigde: Begunstigde
    eigen_iban: str  # the account the inwoner gave in the aanvraag
    rekening_door_medewerker: bool  # that account was typed by a colleague, not confirmed


def vier_ogen_redenen(voorstel: Betaalvoorstel) -> tuple[VierOgenReden, ...]:
    """Every reason a second colleague must approve; empty: the holder may decide alone."""
    redenen = []
    if voorstel.bedrag > voorstel.vier_ogen_vanaf:
        redenen.append(VierOgenReden.BEDRAG)
    begunstigde = voorstel.begunstigde
    if begunstigde.leverancier:
        redenen.append(VierOgenReden.LEVERANCIER)
    elif begunstigde.iban != voorstel.eigen_iban:
        redenen.append(VierOgenReden.ANDERE_REKENING)
    elif voorstel.rekening_door_medewerker:
        redenen.append(VierOgenReden.DOOR_MEDEWERKER)
    if begunstigde.land != "NL":
        redenen.append(VierOgenReden.BUITENLAND)
    return tuple(redenen)


def betrokkenen(
    *,
    voorgesteld_door_id: int | None,
    behandelaar_id: int | None,
    rekening_door_medewerker: bool,
    ingediend_namens_door_id: int | None,
) -> set[int | None]:
    """The colleagues who may not approve an award: who proposed it, who holds the case and
    who typed the payee's account on the phone."""
    betrokken = {voorgesteld_door_id, behandelaar_id}
    if rekening_door_medewerker:
        betrokken.add(ingediend_namens_door_id)
    return betrokken


def mag_goedkeuren(*, goedkeurder_id: int, betrokken_ids: set[int | None]) -> bool:
    """The approver is none of the colleagues who proposed the award, hold the case or set
    the payee."""
    return goedkeurder_id not in betrokken_ids


def kenmerk(*delen: object) -> str:
    """A short fingerprint of what the approver saw: a change in between makes it differ."""
    return hashlib.sha256("\x1f".join(str(d) for d in delen).encode()).hexdigest()[:16]
