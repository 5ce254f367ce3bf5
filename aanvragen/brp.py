"""Prefill from the BRP (Pw art. 53a: do not ask what the BRP knows), behind one interface.

Backends, chosen with BRP_BACKEND:
- "fixture": demo persons from brp_fixture.json, in the real v2 response shape (the default for
  development and demo; validated against the published schema in the tests).
- "haalcentraal": BRP API Personen v2, `POST /personen` with `RaadpleegMetBurgerservicenummer`
  and an explicit `fields` list; POST keeps the BSN out of URLs. Proefomgeving: an `X-API-KEY`
  header. Production (Diginetwerk): a PKIoverheid client certificate (mutual TLS) and an OAuth
  2.0 client-credentials token, cached until shortly before it expires and fetched again once on
  a 401.
Both read responses with `aanvragen.brp_lezen.persoon_lezen`.

Failures are classified, so an expired key does not look like an outage: `BrpConfiguratieFout`
(401/403, a refused token or certificate), `BrpStoring` (5xx, timeout, connection, a body that is
not the JSON the contract promises). Not found is `None` (an empty `personen`). Nothing personal is
logged: the status, the problem+json `title` and `instance`.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
import time
from pathlib import Path

import requests
from django.conf import settings

from aanvragen.brp_lezen import OngeldigePersoon, Persoon, persoon_lezen

__all__ = ["BrpConfiguratieFout", "BrpFout", "BrpStoring", "Persoon", "brp_client"]

logger = logging.getLogger(__name__)

VELDEN = [
    "burgerservicenummer",
    "naam",
    "geboorte",
    "leeftijd",
    "verblijfplaats",
    "adressering",
    "gemeenteVanInschrijving",
    "partners",
]


class BrpFout(Exception):
    """The BRP could not give an answer the portal can use."""


class BrpStoring(BrpFout):
    """Outage: 5xx, timeout, no connection, or an answer that is not the promised JSON."""


class BrpConfiguratieFout(BrpFout):
    """Our access is refused (401/403, token endpoint, certificate): for beheer, not a storing."""


class FixtureBrp:
    def __init__(self, pad: Path | None = None):
        pad = pad or Path(__file__).with_name("brp_fixture.json")
        self._personen = {
            p["burgerservicenummer"]: p for p in json.loads(pad.read_text())["personen"]
        }

    def persoon_get(self, bsn: str) -> Persoon | None:
        data = self._personen.get(bsn)
        return persoon_lezen(data) if data else None


class Token:
    """An OAuth 2.0 client-credentials token, kept until shortly before it expires."""

    MARGE = 30  # seconds before expiry a new one is fetched

    def __init__(self, *, url: str, client_id: str, client_secret: str, sessie, timeout: float):
        self.url, self.client_id, self.client_secret = url, client_id, client_secret
        self.sessie, self.timeout = sessie, timeout
        self._waarde, self._tot, self._slot = "", 0.0, threading.Lock()

    def get(self, *, vernieuwen: bool = False) -> str:
        with self._slot:
            if vernieuwen or not self._waarde or time.monotonic() >= self._tot:
                self._waarde, self._tot = self._ophalen()
            return self._waarde

    def _ophalen(self) -> tuple[str, float]:
        try:
            antwoord = self.sessie.post(
                self.url,
                data={"grant_type": "client_credentials"},
                auth=(self.client_id, self.client_secret),
                timeout=self.timeout,
                verify=self.sessie.verify,
            )
        except requests.exceptions.SSLError as exc:
            logger.error("BRP token: TLS geweigerd (%s)", type(exc).__name__)
            raise BrpConfiguratieFout("token endpoint: TLS refused") from exc
        except requests.RequestException as exc:
            raise BrpStoring(f"token endpoint: {type(exc).__name__}") from exc
        if antwoord.status_code in (400, 401, 403):
            logger.error("BRP token geweigerd: status %s", antwoord.status_code)
            raise BrpConfiguratieFout(f"token endpoint refused: {antwoord.status_code}")
        if antwoord.status_code >= 300:
            raise BrpStoring(f"token endpoint: {antwoord.status_code}")
        try:
            inhoud = antwoord.json()
            waarde, duur = inhoud["access_token"], float(inhoud.get("expires_in", 300))
        except (ValueError, KeyError, TypeError) as exc:
            raise BrpStoring("token endpoint: no token in the answer") from exc
        return waarde, time.monotonic() + max(duur - self.MARGE, 0)


class HaalCentraalBrp:
    def __init__(
        self,
        url: str,
        *,
        api_key: str = "",
        certificaat: str = "",
        sleutel: str = "",
        ca_bundel: str = "",
        token_url: str = "",
        client_id: str = "",
        client_secret: str = "",
        timeout: float = 10.0,
    ):
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.sessie = requests.Session()
        if certificaat:  # PKIoverheid client certificate: mutual TLS over Diginetwerk
            self.sessie.cert = (certificaat, sleutel) if sleutel else certificaat
        if ca_bundel:
            # Per request as well: requests lets REQUESTS_CA_BUNDLE override a session's verify.
            self.sessie.verify = ca_bundel
        self.token = (
            Token(
                url=token_url,
                client_id=client_id,
                client_secret=client_secret,
                sessie=self.sessie,
                timeout=timeout,
            )
            if token_url
            else None
        )

    def _kopjes(self, *, vernieuwen: bool = False) -> dict:
        kopjes = {"Accept": "application/json"}
        if self.api_key:
            kopjes["X-API-KEY"] = self.api_key
        if self.token is not None:
            kopjes["Authorization"] = f"Bearer {self.token.get(vernieuwen=vernieuwen)}"
        return kopjes

    def _post(self, body: dict) -> requests.Response:
        """One POST; on a 401 with a token, once more with a fresh token. A transient failure
        (no connection, 503) is tried once more after a short pause: the request only reads. A
        timeout is not: the inwoner would wait twice as long."""
        pogingen = 2
        vernieuwd = False
        for poging in range(pogingen):
            try:
                antwoord = self.sessie.post(
                    f"{self.url}/personen",
                    json=body,
                    headers=self._kopjes(vernieuwen=vernieuwd),
                    timeout=self.timeout,
                    verify=self.sessie.verify,
                )
            except requests.exceptions.SSLError as exc:
                logger.error("BRP TLS geweigerd: %s", type(exc).__name__)
                raise BrpConfiguratieFout("TLS handshake refused") from exc
            except requests.Timeout as exc:  # no second wait: the inwoner is waiting
                logger.warning("BRP te traag: %s", type(exc).__name__)
                raise BrpStoring(type(exc).__name__) from exc
            except requests.ConnectionError as exc:
                if poging + 1 < pogingen:
                    time.sleep(0.2)
                    continue
                logger.warning("BRP onbereikbaar: %s", type(exc).__name__)
                raise BrpStoring(type(exc).__name__) from exc
            if antwoord.status_code == 401 and self.token is not None and not vernieuwd:
                vernieuwd = True
                continue
            if antwoord.status_code == 503 and poging + 1 < pogingen:
                time.sleep(0.2)
                continue
            return antwoord
        return antwoord

    def persoon_get(self, bsn: str) -> Persoon | None:
        try:
            return self._persoon_get(bsn)
        except BrpFout as fout:
            _stand_zetten(fout)
            raise

    def _persoon_get(self, bsn: str) -> Persoon | None:
        antwoord = self._post(
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": [bsn],
                "fields": VELDEN,
            }
        )
        if antwoord.status_code >= 400:
            _fout_melden(antwoord)
            if antwoord.status_code in (401, 403):
                raise BrpConfiguratieFout(f"status {antwoord.status_code}")
            if antwoord.status_code == 404:
                return None
            raise BrpStoring(f"status {antwoord.status_code}")
        try:
            personen = antwoord.json().get("personen") or []
        except (ValueError, AttributeError) as exc:  # a gateway's HTML page, an empty body
            logger.warning(
                "BRP antwoord geen JSON: status %s, %s",
                antwoord.status_code,
                antwoord.headers.get("Content-Type", "?"),
            )
            raise BrpStoring("answer is not JSON") from exc
        if not personen:
            return None
        try:
            return persoon_lezen(personen[0])
        except (OngeldigePersoon, AttributeError, TypeError) as exc:
            logger.warning("BRP persoon onbruikbaar: %s", type(exc).__name__)
            raise BrpStoring("person cannot be read") from exc


STAND_SLEUTEL = "brp:stand"  # the last failure's kind, for /healthz (no personal data)
STAND_SECONDEN = 15 * 60


def stand_get() -> str:
    """ "ok", or the kind of the last BRP failure in the past 15 minutes: "configuratie" (for
    beheer: key, certificate or token refused) or "storing"."""
    from django.core.cache import cache

    try:
        return cache.get(STAND_SLEUTEL) or "ok"
    except Exception:  # the cache is down: /healthz reports the broker itself
        return "onbekend"


def _stand_zetten(fout: BrpFout) -> None:
    from django.core.cache import cache

    soort = "configuratie" if isinstance(fout, BrpConfiguratieFout) else "storing"
    try:
        cache.set(STAND_SLEUTEL, soort, STAND_SECONDEN)
    except Exception:
        logger.warning("BRP-stand niet bewaard: cache onbereikbaar")


def _fout_melden(antwoord: requests.Response) -> None:
    """Log a refused call by its problem+json title and instance: never a BSN or a name."""
    try:
        probleem = antwoord.json()
    except ValueError:
        probleem = {}
    if not isinstance(probleem, dict):
        probleem = {}
    niveau = logging.ERROR if antwoord.status_code in (401, 403) else logging.WARNING
    logger.log(
        niveau,
        "BRP fout: status %s, title %r, instance %r",
        antwoord.status_code,
        str(probleem.get("title", ""))[:80],
        str(probleem.get("instance", ""))[:200],
    )


def brp_client():
    """The BRP client the settings ask for (cheap: one per process and configuration)."""
    if settings.BRP_BACKEND == "haalcentraal":
        return _haalcentraal(
            settings.BRP_API_URL,
            settings.BRP_API_KEY,
            settings.BRP_CERTIFICAAT,
            settings.BRP_SLEUTEL,
            settings.BRP_CA_BUNDEL,
            settings.BRP_TOKEN_URL,
            settings.BRP_CLIENT_ID,
            settings.BRP_CLIENT_SECRET,
        )
    return _fixture_brp(settings.BRP_FIXTURE)


@functools.lru_cache(maxsize=4)
def _haalcentraal(url, api_key, certificaat, sleutel, ca_bundel, token_url, client_id, secret):
    """One client per configuration, so the OAuth token is reused across requests."""
    return HaalCentraalBrp(
        url,
        api_key=api_key,
        certificaat=certificaat,
        sleutel=sleutel,
        ca_bundel=ca_bundel,
        token_url=token_url,
        client_id=client_id,
        client_secret=secret,
    )


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
    """A FixtureBrp file's content in the v2 shape: one person per BSN in Voorbeeldstad (9001),
    no partner."""
    return {
        "type": "RaadpleegMetBurgerservicenummer",
        "personen": [
            {
                "burgerservicenummer": nummer,
                "naam": {"voornamen": voornaam, "geslachtsnaam": f"Inwoner {i}"},
                "geboorte": {
                    "datum": {"type": "Datum", "datum": "1980-05-01", "langFormaat": "1 mei 1980"}
                },
                "verblijfplaats": {
                    "type": "Adres",
                    "verblijfadres": {
                        "officieleStraatnaam": f"{voornaam}straat",
                        "korteStraatnaam": f"{voornaam}straat",
                        "huisnummer": i + 1,
                        "postcode": "1234AB",
                        "woonplaats": "Voorbeeldstad",
                    },
                },
                "gemeenteVanInschrijving": {"code": "9001", "omschrijving": "Voorbeeldstad"},
            }
            for i, nummer in enumerate(bsns)
        ],
    }
