"""The Wegwijzer check's state: the answers so far, carried in a signed hidden field.

Nothing is stored on the server for an anonymous check: the answers travel with the form
(signed, so they cannot be altered) and disappear when the tab closes. Only when the inwoner
presses "Aanvraag starten" does the wizard take them (aanvragen/van_check.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from decimal import Decimal

from django.core import signing

from wegwijzer.regels import Antwoord, Situatie

SALT = "wegwijzer-check"
MAX_LEEFTIJD = 24 * 3600  # a check older than a day starts again


class OngeldigeStaat(Exception):
    pass


def staat_nieuw() -> dict:
    return {"antwoorden": {}, "start": time.time()}


def staat_dump(staat: dict) -> str:
    return signing.dumps(staat, salt=SALT, compress=True)


def staat_load(token: str) -> dict:
    try:
        staat = signing.loads(token, salt=SALT, max_age=MAX_LEEFTIJD)
    except signing.BadSignature as exc:
        raise OngeldigeStaat from exc
    if not isinstance(staat, dict) or not isinstance(staat.get("antwoorden"), dict):
        raise OngeldigeStaat
    return staat


def als_tekst(waarde) -> str:
    """Answers are stored as text: model choices by primary key, amounts as decimals."""
    if hasattr(waarde, "pk"):
        return str(waarde.pk)
    return str(waarde)


@dataclass(frozen=True)
class CheckAntwoorden:
    gemeente_id: int
    kostensoort_id: int
    bedrag: Decimal
    leefsituatie: str
    leeftijdsgroep: str
    inkomen: Decimal
    vermogen: Decimal
    voorliggende_voorziening: str
    al_gekocht: bool
    vergoed_door_ander: Decimal | None = None

    @classmethod
    def uit(cls, antwoorden: dict) -> CheckAntwoorden:
        return cls(
            gemeente_id=int(antwoorden["gemeente"]),
            kostensoort_id=int(antwoorden["kostensoort"]),
            bedrag=Decimal(antwoorden["bedrag"]),
            leefsituatie=antwoorden["leefsituatie"],
            leeftijdsgroep=antwoorden["leeftijdsgroep"],
            inkomen=Decimal(antwoorden["inkomen"]),
            vermogen=Decimal(antwoorden["vermogen"]),
            voorliggende_voorziening=antwoorden["voorliggende_voorziening"],
            al_gekocht=antwoorden["al_gekocht"] == "ja",
            vergoed_door_ander=Decimal(antwoorden["vergoed_door_ander"])
            if antwoorden.get("vergoed_door_ander") not in (None, "", "None")
            else None,
        )

    def situatie(self, *, kostensoort_slug: str, peildatum) -> Situatie:
        return Situatie(
            leefsituatie=self.leefsituatie,
            leeftijdsgroep=self.leeftijdsgroep,
            inkomen=self.inkomen,
            vermogen=self.vermogen,
            kostensoort=kostensoort_slug,
            bedrag=self.bedrag,
            peildatum=peildatum,
            al_gekocht=self.al_gekocht,
            voorliggende_voorziening=Antwoord(self.voorliggende_voorziening),
            vergoed_door_ander=self.vergoed_door_ander,
        )
