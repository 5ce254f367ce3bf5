"""Reading one `Persoon` of the BRP API Personen v2 (shared/brp/brp-personen-v2.7.0-openapi.yaml).

Pure Python, no Django: written against the published schema, not against our own fixture.
What the portal reads, and every shape the schema allows for it:

- `geboorte.datum` is polymorphic (`Datum`, `JaarDatum`, `JaarMaandDatum`, `DatumOnbekend`):
  only a full `Datum` gives a birth date; anything else is "unknown", never a guess;
- `verblijfplaats` has a `type` (`Adres`, `Locatie`, `VerblijfplaatsBuitenland`,
  `VerblijfplaatsOnbekend`); the address for letters comes from `adressering` when delivered,
  else it is built per type (`korteStraatnaam`, the BRP's name for addressing, before
  `officieleStraatnaam`); abroad or unknown is no usable address;
- `partners` → `aanvragen.huishouden` (current, dissolved, without BSN, several);
- `inOnderzoek` on name, birth, address and partner: data under investigation is shown as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aanvragen.huishouden import Huishouden, Partner, PartnerSituatie, huishouden

# What a flag in `onderzoek` means, shown to the inwoner and the behandelaar.
NAAM, GEBOORTE, ADRES, PARTNER = "naam", "geboortedatum", "adres", "partner"


class OngeldigePersoon(ValueError):
    """The BRP answered with a person the portal cannot use (no BSN)."""


@dataclass(frozen=True)
class Persoon:
    bsn: str
    naam: str
    geboortedatum: str  # ISO date; "" when the BRP gives no full date
    adres: str  # first address line ("" when there is no usable address)
    postcode: str
    woonplaats: str
    gemeente_code: str
    gemeente_naam: str
    huishouden: Huishouden = Huishouden(PartnerSituatie.GEEN)
    leeftijd: int | None = None
    adres_soort: str = "Adres"  # verblijfplaats.type
    onderzoek: frozenset[str] = frozenset()

    @property
    def heeft_partner(self) -> bool:
        return self.huishouden.heeft_partner

    @property
    def partner_bsn(self) -> str:
        partner = self.huishouden.partner
        return partner.bsn if partner else ""

    @property
    def partner_naam(self) -> str:
        return ", ".join(p.naam for p in self.huishouden.partners if p.naam)

    @property
    def adres_bruikbaar(self) -> bool:
        """A Dutch address a beschikking can be sent to."""
        return bool(self.adres) and self.adres_soort in ("Adres", "Locatie")

    @property
    def geboortedatum_bekend(self) -> bool:
        return bool(self.geboortedatum)


def datum_lezen(waarde: dict | None) -> date | None:
    """A full date, or None for `JaarDatum`, `JaarMaandDatum`, `DatumOnbekend` or nothing."""
    if not isinstance(waarde, dict) or waarde.get("type", "Datum") != "Datum":
        return None
    try:
        return date.fromisoformat(waarde.get("datum", ""))
    except ValueError:
        return None


def naam_lezen(naam: dict | None) -> str:
    """`volledigeNaam` when the BRP composes it, else voornamen, voorvoegsel, geslachtsnaam."""
    naam = naam or {}
    if naam.get("volledigeNaam"):
        return naam["volledigeNaam"]
    delen = [naam.get("voornamen", ""), naam.get("voorvoegsel", ""), naam.get("geslachtsnaam", "")]
    return " ".join(deel for deel in delen if deel)


def _in_onderzoek(gegeven: dict | None) -> bool:
    """An `inOnderzoek` object is delivered only when something in it is under investigation
    (a flag or just the date it began): either way the data is not yet fact."""
    return bool((gegeven or {}).get("inOnderzoek"))


def huisnummer_lezen(adres: dict) -> str:
    nummer = f"{adres.get('huisnummer', '')}{adres.get('huisletter', '')}"
    if adres.get("huisnummertoevoeging"):
        nummer += f"-{adres['huisnummertoevoeging']}"
    return nummer


@dataclass(frozen=True)
class Adresgegevens:
    regel: str
    postcode: str
    woonplaats: str
    soort: str
    in_onderzoek: bool


def adres_lezen(verblijfplaats: dict | None, adressering: dict | None) -> Adresgegevens:
    verblijfplaats = verblijfplaats or {}
    soort = verblijfplaats.get("type", "VerblijfplaatsOnbekend")
    verblijfadres = verblijfplaats.get("verblijfadres") or {}
    onderzoek = (
        _in_onderzoek(verblijfplaats) or _in_onderzoek(verblijfadres) or _in_onderzoek(adressering)
    )
    postcode = verblijfadres.get("postcode", "").replace(" ", "").upper()
    woonplaats = verblijfadres.get("woonplaats", "")
    if soort == "Adres":
        straat = verblijfadres.get("korteStraatnaam") or verblijfadres.get(
            "officieleStraatnaam", ""
        )
        regel = f"{straat} {huisnummer_lezen(verblijfadres)}".strip()
    elif soort == "Locatie":
        regel = verblijfadres.get("locatiebeschrijving", "")
    else:  # abroad or unknown: nothing to send a Dutch letter to
        return Adresgegevens("", "", "", soort, onderzoek)
    if adressering and adressering.get("adresregel1"):
        regel = adressering["adresregel1"]
    return Adresgegevens(regel, postcode, woonplaats, soort, onderzoek)


def partner_lezen(data: dict) -> Partner:
    return Partner(
        bsn=data.get("burgerservicenummer", ""),
        naam=naam_lezen(data.get("naam")),
        ontbonden="ontbindingHuwelijkPartnerschap" in data,
        in_onderzoek=_in_onderzoek(data) or _in_onderzoek(data.get("naam")),
    )


def persoon_lezen(data: dict) -> Persoon:
    """One `personen` item of a `RaadpleegMetBurgerservicenummer` response."""
    bsn = data.get("burgerservicenummer")
    if not bsn:
        raise OngeldigePersoon("person without burgerservicenummer")
    naam = data.get("naam") or {}
    geboorte = data.get("geboorte") or {}
    adres = adres_lezen(data.get("verblijfplaats"), data.get("adressering"))
    partners = huishouden(partner_lezen(p) for p in data.get("partners") or [])
    gemeente = data.get("gemeenteVanInschrijving") or {}
    geboortedatum = datum_lezen(geboorte.get("datum"))
    onderzoek = {
        NAAM: _in_onderzoek(naam),
        GEBOORTE: bool((geboorte.get("inOnderzoek") or {}).get("datum")) or _in_onderzoek(geboorte),
        ADRES: adres.in_onderzoek,
        PARTNER: partners.partner_in_onderzoek,
    }
    return Persoon(
        bsn=bsn,
        naam=naam_lezen(naam),
        geboortedatum=geboortedatum.isoformat() if geboortedatum else "",
        adres=adres.regel,
        postcode=adres.postcode,
        woonplaats=adres.woonplaats,
        gemeente_code=gemeente.get("code", ""),
        gemeente_naam=gemeente.get("omschrijving", ""),
        huishouden=partners,
        leeftijd=data.get("leeftijd"),
        adres_soort=adres.soort,
        onderzoek=frozenset(k for k, v in onderzoek.items() if v),
    )
