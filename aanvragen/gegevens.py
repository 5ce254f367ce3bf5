"""What the inwoner declared in the wizard, and the rule engine's Situatie made of it. Pure
Python, no Django: one mapping from the forms to the domain (`AanvraagGegevens.uit_stappen`)
and one from the declarations to the engine (`situatie`), used by the wizard's pre-check, by the
submission and by the behandelaar's proposal alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from wegwijzer.regels import Antwoord, Leefsituatie, Situatie, leeftijdsgroep


@dataclass(frozen=True)
class AanvraagGegevens:
    """What the inwoner filled in; the rest comes from the BRP."""

    telefoon: str
    email: str
    kostensoort: Any  # a wegwijzer.models.Kostensoort (this module stays free of Django)
    omschrijving: str
    bedrag: Decimal
    inkomen: Decimal
    inkomen_partner: Decimal | None
    vermogen: Decimal
    iban: str
    rekeninghouder: str
    voorliggende_voorziening: str = Antwoord.NEE.value
    vergoed_door_ander: Decimal | None = None  # with "deels"
    al_gekocht: bool = False
    factuurdatum: date | None = None
    partner_toestemming: bool = False
    alleenstaande_ouder: bool = False  # no partner in the BRP, a child under 18 at home
    bewijs_volgt: bool = False  # the proof comes later (asked for with an aanvulling)
    berichten_via: str = "brief"  # Wmebv: "sms", "email" or "brief" (aanvragen/berichtkeuze.py)
    email_bewezen: bool = False  # the inwoner typed the code we sent to `email`

    @property
    def elektronisch_communiceren(self) -> bool:
        return self.berichten_via in ("sms", "email")

    @classmethod
    def uit_stappen(cls, data: Mapping[str, Any]) -> AanvraagGegevens:
        """From the cleaned data of the wizard's steps, merged into one mapping (the one place
        that knows the forms' field names)."""
        return cls(
            telefoon=data.get("telefoon", ""),
            email=data.get("email", ""),
            berichten_via=data.get("berichten_via") or "brief",
            email_bewezen=bool(data.get("email_bewezen")),
            kostensoort=data["kostensoort"],
            omschrijving=data.get("omschrijving", ""),
            bedrag=data["bedrag"],
            inkomen=data["inkomen"],
            inkomen_partner=data.get("inkomen_partner"),
            vermogen=data["vermogen"],
            iban=data.get("iban", ""),
            rekeninghouder=data.get("rekeninghouder", ""),
            voorliggende_voorziening=data["voorliggende_voorziening"],
            vergoed_door_ander=data.get("vergoed_door_ander"),
            al_gekocht=data["al_gekocht"],
            factuurdatum=data.get("factuurdatum"),
            partner_toestemming=data.get("partner_toestemming", False),
            alleenstaande_ouder=data.get("alleenstaande_ouder", False),
            bewijs_volgt=data.get("bewijs_later", False),
        )


class Verklaringen(Protocol):
    """What the engine needs of an applicant's declarations: AanvraagGegevens before
    submission, the Aanvraag after (the same names)."""

    kostensoort: Any  # has .slug
    bedrag: Decimal
    inkomen: Decimal
    inkomen_partner: Decimal | None
    vermogen: Decimal
    voorliggende_voorziening: str
    vergoed_door_ander: Decimal | None
    al_gekocht: bool
    factuurdatum: date | None
    alleenstaande_ouder: bool


def situatie(
    verklaringen: Verklaringen,
    *,
    heeft_partner: bool,
    geboortedatum: date | None,
    peildatum: date,
    aow_leeftijden: Iterable,
    leeftijdsgroep_bevestigd: str = "",
) -> Situatie:
    """The engine's Situatie for an applicant as the BRP and their declarations describe them.

    Leefsituatie follows the BRP partner and, without one, the applicant's answer whether a
    child under 18 lives with them (the BRP lists children, not who cares for them); the age
    group follows the BRP birth date and the AOW table, or what a behandelaar confirmed when
    the BRP gave no full birth date.
    """
    if heeft_partner:
        leefsituatie = Leefsituatie.GEHUWDEN
    else:
        leefsituatie = (
            Leefsituatie.ALLEENSTAANDE_OUDER
            if verklaringen.alleenstaande_ouder
            else Leefsituatie.ALLEENSTAANDE
        )
    return Situatie(
        leefsituatie=leefsituatie,
        leeftijdsgroep=leeftijdsgroep_bevestigd
        or leeftijdsgroep(geboortedatum, peildatum, aow_leeftijden),
        inkomen=verklaringen.inkomen + (verklaringen.inkomen_partner or Decimal(0)),
        vermogen=verklaringen.vermogen,
        kostensoort=verklaringen.kostensoort.slug,
        bedrag=verklaringen.bedrag,
        peildatum=peildatum,
        al_gekocht=verklaringen.al_gekocht,
        factuurdatum=verklaringen.factuurdatum,
        voorliggende_voorziening=Antwoord(verklaringen.voorliggende_voorziening),
        vergoed_door_ander=verklaringen.vergoed_door_ander,
    )
