"""Who the applicant lives with, as far as the BRP tells: one pure function. No Django.

The BRP API Personen v2 delivers in `partners` the current partner(s); when there is none, only
the most recently dissolved one, marked by `ontbindingHuwelijkPartnerschap`
(shared/brp/partner-overzicht-gba.feature). So:

- a partner is a partner without `ontbindingHuwelijkPartnerschap`; a dissolved one is history;
- a partner registered abroad often has no BSN: still a partner (the norm for gehuwden, the
  partner's income is asked), but the partner cannot consent with their own DigiD;
- more than one current partner (possible for marriages concluded abroad): the behandelaar
  decides; the inwoner is not blocked.

The wizard, its pre-check and the behandelaar's proposal all read `Huishouden`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class PartnerSituatie(StrEnum):
    GEEN = "geen"  # no partner, or only a dissolved one
    PARTNER = "partner"  # exactly one current partner with a BSN
    ZONDER_BSN = "zonder_bsn"  # exactly one current partner, without a BSN
    MEERDERE = "meerdere"  # more than one current partner: the behandelaar decides


@dataclass(frozen=True)
class Partner:
    """One entry of the BRP's `partners`, as far as the portal reads it."""

    bsn: str = ""
    naam: str = ""
    ontbonden: bool = False
    in_onderzoek: bool = False


@dataclass(frozen=True)
class Huishouden:
    situatie: PartnerSituatie
    partners: tuple[Partner, ...] = ()  # the current ones

    @property
    def heeft_partner(self) -> bool:
        """Counts as living with a partner (norm for gehuwden, the partner's income asked)."""
        return self.situatie != PartnerSituatie.GEEN

    @property
    def partner(self) -> Partner | None:
        """The one current partner; None when there is none or more than one."""
        return self.partners[0] if len(self.partners) == 1 else None

    @property
    def toestemming_met_digid_mogelijk(self) -> bool:
        """The partner can consent with their own DigiD only with a BSN of their own."""
        return self.situatie == PartnerSituatie.PARTNER

    @property
    def behandelaar_beslist(self) -> bool:
        return self.situatie == PartnerSituatie.MEERDERE

    @property
    def partner_in_onderzoek(self) -> bool:
        return any(p.in_onderzoek for p in self.partners)


def huishouden(partners: Iterable[Partner]) -> Huishouden:
    huidige = tuple(p for p in partners if not p.ontbonden)
    if not huidige:
        return Huishouden(PartnerSituatie.GEEN)
    if len(huidige) > 1:
        return Huishouden(PartnerSituatie.MEERDERE, huidige)
    situatie = PartnerSituatie.PARTNER if huidige[0].bsn else PartnerSituatie.ZONDER_BSN
    return Huishouden(situatie, huidige)
