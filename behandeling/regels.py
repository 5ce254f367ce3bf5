"""What a behandelaar may decide, checked in one place. Pure Python, no Django.

A decision is compared with what the inwoner asked, with the kostensoort's maximum and with
what the rules compute (`wegwijzer.regels.beoordeel`, the proposal on the case page):

- more than asked, or more than the kostensoort's maximum: only with a written reason that a
  second colleague approves;
- any other difference from the calculation (another amount, another form, an award where the
  rules say no, a refusal where they say yes): only with a written reason, which goes into the
  beschikking so the inwoner (and a bezwaar committee) reads why;
- following the calculation needs no reason: the calculation is the motivation.

The service, the form errors, the approver's panel and the beschikking all read the outcome of
`toekenning_toetsen` / `afwijzing_toetsen`; nothing else decides these things.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from uitbetaling.begunstigde import Betaalvoorstel, VierOgenReden, vier_ogen_redenen
from wegwijzer.regels import Oordeel, Uitkomst, Vorm


class Afwijking(StrEnum):
    """How a decision differs from what was asked and what the rules compute."""

    BOVEN_GEVRAAGD = "boven_gevraagd"  # more than the inwoner asked
    BOVEN_MAXIMUM = "boven_maximum"  # more than this kostensoort's maximum
    HOGER_DAN_BEREKEND = "hoger_dan_berekend"
    LAGER_DAN_BEREKEND = "lager_dan_berekend"
    ANDERE_VORM = "andere_vorm"  # a gift where the rules say loan, or the other way round
    TOEKENNEN_TEGEN_BEREKENING = "toekennen_tegen_berekening"  # the rules say no
    AFWIJZEN_TEGEN_BEREKENING = "afwijzen_tegen_berekening"  # the rules say yes
    ZONDER_BEREKENING = "zonder_berekening"  # the rules could not compute an outcome


# These go to a second colleague whatever the amount: money nobody asked for or the rules allow.
VIER_OGEN_AFWIJKINGEN = frozenset({Afwijking.BOVEN_GEVRAAGD, Afwijking.BOVEN_MAXIMUM})


@dataclass(frozen=True)
class Toetsing:
    """The outcome of checking one decision."""

    afwijkingen: tuple[Afwijking, ...]
    berekend: Decimal | None  # what the rules give; None: they give no amount

    @property
    def motivering_nodig(self) -> bool:
        return bool(self.afwijkingen)

    @property
    def vier_ogen(self) -> tuple[Afwijking, ...]:
        return tuple(a for a in self.afwijkingen if a in VIER_OGEN_AFWIJKINGEN)

    @property
    def volgt_berekening(self) -> bool:
        return not self.afwijkingen


class MotiveringOntbreekt(ValueError):
    """A decision that differs from the calculation came without a written reason."""

    def __init__(self, toetsing: Toetsing):
        super().__init__(", ".join(toetsing.afwijkingen))
        self.toetsing = toetsing


def toekenning_toetsen(
    *,
    gevraagd: Decimal,
    berekening: Uitkomst | None,
    bedrag: Decimal,
    vorm: str,
    maximum: Decimal | None = None,
) -> Toetsing:
    """Every way an award of `bedrag` as `vorm` differs from the request and the rules.

    `maximum` is the kostensoort's maximum; by default the one the calculation applied.
    """
    afwijkingen: list[Afwijking] = []
    if maximum is None and berekening is not None:
        maximum = berekening.maximum
    if bedrag > gevraagd:
        afwijkingen.append(Afwijking.BOVEN_GEVRAAGD)
    if maximum is not None and bedrag > maximum:
        afwijkingen.append(Afwijking.BOVEN_MAXIMUM)
    if berekening is None or berekening.oordeel == Oordeel.ONBEKEND:
        afwijkingen.append(Afwijking.ZONDER_BEREKENING)
        return Toetsing(tuple(afwijkingen), None)
    if berekening.oordeel == Oordeel.NEE:
        afwijkingen.append(Afwijking.TOEKENNEN_TEGEN_BEREKENING)
        return Toetsing(tuple(afwijkingen), None)
    if bedrag > berekening.bedrag:
        afwijkingen.append(Afwijking.HOGER_DAN_BEREKEND)
    elif bedrag < berekening.bedrag:
        afwijkingen.append(Afwijking.LAGER_DAN_BEREKEND)
    if Vorm(vorm) != (berekening.vorm or Vorm.GIFT):
        afwijkingen.append(Afwijking.ANDERE_VORM)
    return Toetsing(tuple(afwijkingen), berekening.bedrag)


def afwijzing_toetsen(*, berekening: Uitkomst | None) -> Toetsing:
    """A refusal follows the rules only when they say no."""
    if berekening is None or berekening.oordeel == Oordeel.ONBEKEND:
        return Toetsing((Afwijking.ZONDER_BEREKENING,), None)
    if berekening.oordeel == Oordeel.JA:
        return Toetsing((Afwijking.AFWIJZEN_TEGEN_BEREKENING,), berekening.bedrag)
    return Toetsing((), None)


def motivering_controleren(toetsing: Toetsing, motivering: str) -> None:
    """Refuse a deviating decision without a written reason."""
    if toetsing.motivering_nodig and not motivering.strip():
        raise MotiveringOntbreekt(toetsing)


def vier_ogen_nodig(
    toetsing: Toetsing, voorstel: Betaalvoorstel
) -> tuple[VierOgenReden | Afwijking, ...]:
    """Every reason a second colleague must approve this award: what the decision does with
    the amount (above asked or the maximum) and where the money goes (amount above the
    gemeente's four-eyes amount, the payee). Empty: the case holder may decide alone."""
    return toetsing.vier_ogen + vier_ogen_redenen(voorstel)
