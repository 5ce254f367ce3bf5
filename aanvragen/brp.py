"""Prefill from the BRP (Pw art. 53a: do not ask what the BRP knows), behind one interface.

Backends, chosen with BRP_BACKEND:
- "fixture": demo persons from brp_fixture.json (the default for development and demo).
- "haalcentraal": Haal Centraal BRP API Personen v2, `POST /personen` with
  `RaadpleegMetBurgerservicenummer` and an explicit `fields` list; POST keeps the BSN out of URLs.
Both parse the same response shape, so the fixture exercises the production parser.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import requests
from django.conf import settings

VELDEN = [
    "burgerservicenummer",
    "naam",
    "geboorte",
    "verblijfplaats",
    "gemeenteVanInschrijving",
    "partners",
]


class BrpFout(Exception):
    """The BRP could not be reached or answered with an error."""


@dataclass(frozen=True)
class Persoon:
    bsn: str
    naam: str
    geboortedatum: str
    adres: str
    postcode: str
    woonplaats: str
    gemeente_code: str
    gemeente_naam: str
    partner_bsn: str = ""
    partner_naam: str = ""

    @property
    def heeft_partner(self) -> bool:
        return bool(self.partner_bsn)


def _volledige_naam(naam: dict) -> str:
    delen = [naam.get("voornamen", ""), naam.get("voorvoegsel", ""), naam.get("geslachtsnaam", "")]
    return " ".join(deel for deel in delen if deel)


def persoon_uit_brp(data: dict) -> Persoon:
    """Parse one `personen` item of a Haal Centraal BRP v2 response."""
    adres = data.get("verblijfplaats", {}).get("verblijfadres", {})
    huisnummer = f"{adres.get('huisnummer', '')}{adres.get('huisletter', '')}"
    if adres.get("huisnummertoevoeging"):
        huisnummer += f"-{adres['huisnummertoevoeging']}"
    partners = data.get("partners") or []
    partner = partners[0] if partners else {}
    gemeente = data.get("gemeenteVanInschrijving", {})
    return Persoon(
        bsn=data["burgerservicenummer"],
        naam=_volledige_naam(data.get("naam", {})),
        geboortedatum=data.get("geboorte", {}).get("datum", {}).get("datum", ""),
        adres=f"{adres.get('officieleStraatnaam', '')} {huisnummer}".strip(),
        postcode=adres.get("postcode", ""),
        woonplaats=adres.get("woonplaats", ""),
        gemeente_code=gemeente.get("code", ""),
        gemeente_naam=gemeente.get("omschrijving", ""),
        partner_bsn=partner.get("burgerservicenummer", ""),
        partner_naam=_volledige_naam(partner.get("naam", {})) if partner else "",
    )


class FixtureBrp:
    def __init__(self, pad: Path | None = None):
        pad = pad or Path(__file__).with_name("brp_fixture.json")
        self._personen = {
            p["burgerservicenummer"]: p for p in json.loads(pad.read_text())["personen"]
        }

    def persoon_get(self, bsn: str) -> Persoon | None:
        data = self._personen.get(bsn)
        return persoon_uit_brp(data) if data else None


class HaalCentraalBrp:
    def __init__(self, url: str, api_key: str, timeout: float = 10.0):
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def persoon_get(self, bsn: str) -> Persoon | None:
        try:
            response = requests.post(
                f"{self.url}/personen",
                json={
                    "type": "RaadpleegMetBurgerservicenummer",
                    "burgerservicenummer": [bsn],
                    "fields": VELDEN,
                },
                headers={"X-API-Key": self.api_key},
                timeout=self.timeout,
            )
            response.raise_for_status()
        except requests.RequestException as exc:
            raise BrpFout(str(exc)) from exc
        personen = response.json().get("personen", [])
        return persoon_uit_brp(personen[0]) if personen else None


def brp_client():
    """The BRP client the settings ask for (cheap: the fixture file is read once per path)."""
    if settings.BRP_BACKEND == "haalcentraal":
        return HaalCentraalBrp(settings.BRP_API_URL, settings.BRP_API_KEY)
    return _fixture_brp(settings.BRP_FIXTURE)


@functools.lru_cache(maxsize=4)
def _fixture_brp(pad: str) -> FixtureBrp:
    """Read the fixture file once per process, not on every request."""
    return FixtureBrp(Path(pad) if pad else None)


def geldige_bsns(aantal: int, *, vanaf: int) -> list[str]:
    """`aantal` BSNs that pass the elfproef, from `vanaf` up: for benchmark and test persons."""
    from stdnum.nl import bsn

    uit, n = [], vanaf
    while len(uit) < aantal:
        n += 1
        if bsn.is_valid(str(n)):
            uit.append(str(n))
    return uit


def proefpersonen(bsns: list[str], *, voornaam: str = "Proef") -> dict:
    """A FixtureBrp file's content: one person per BSN in Voorbeeldstad (9001), no partner."""
    return {
        "personen": [
            {
                "burgerservicenummer": nummer,
                "naam": {"voornamen": voornaam, "geslachtsnaam": f"Inwoner {i}"},
                "geboorte": {"datum": {"datum": "1980-05-01"}},
                "verblijfplaats": {
                    "verblijfadres": {
                        "officieleStraatnaam": f"{voornaam}straat",
                        "huisnummer": i + 1,
                        "postcode": "1234AB",
                        "woonplaats": "Voorbeeldstad",
                    }
                },
                "gemeenteVanInschrijving": {"code": "9001", "omschrijving": "Voorbeeldstad"},
                "partners": [],
            }
            for i, nummer in enumerate(bsns)
        ]
    }
