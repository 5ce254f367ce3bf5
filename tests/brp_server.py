"""A local BRP API Personen v2, started by a test, that behaves like the published contract
(shared/brp/brp-personen-v2.7.0-openapi.yaml): `POST /personen` with a JSON body, answers
`application/json; charset=utf-8`, refusals as `application/problem+json` (Foutbericht), an
`X-API-KEY` (proefomgeving) or a bearer token from an OAuth 2.0 client-credentials endpoint, and
optionally mutual TLS that demands a client certificate (production over Diginetwerk).

It is not a mock of our client: it checks what the contract requires of a caller and answers what
the contract allows, including the failures a gateway in front produces (an HTML page, a 502).
"""

from __future__ import annotations

import base64
import json
import secrets
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.brp_schema import fouten


def probleem(status: int, title: str, detail: str = "") -> dict:
    return {
        "type": "https://www.rfc-editor.org/rfc/rfc9110",
        "title": title,
        "status": status,
        "detail": detail or title,
        "instance": "/haalcentraal/api/brp/personen",
        "code": {401: "authentication", 403: "authorization", 400: "paramsValidation"}.get(
            status, "serverError"
        ),
    }


@dataclass
class LokaleBrp:
    personen: dict[str, dict] = field(default_factory=dict)  # bsn → Persoon (v2 shape)
    api_key: str = ""
    client_id: str = ""
    client_secret: str = ""
    token_duur: int = 300
    storing: str = ""  # "", "503", "502-html", "200-html", "traag", "401", "403", "leeg-200"
    verzoeken: list[dict] = field(default_factory=list)
    tokens_uitgegeven: int = 0
    pogingen: int = 0  # every POST /personen, also the refused ones
    ongeldig: list[str] = field(default_factory=list)  # schema errors in what a test served
    _tokens: set[str] = field(default_factory=set)

    def token_intrekken(self) -> None:
        """As if every token expired at the authorization server."""
        self._tokens.clear()

    # --- the server ---------------------------------------------------------------------------

    def starten(self, *, tls=None, ca_pad=None) -> str:
        brp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                lengte = int(self.headers.get("Content-Length", 0))
                inhoud = self.rfile.read(lengte)
                if self.path == "/token":
                    brp._token(self, inhoud)
                elif self.path == "/personen":
                    brp._personen(self, inhoud)
                else:
                    brp._json(self, 404, probleem(404, "Opgevraagde resource bestaat niet."))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        schema = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(tls.certificaat_pad, tls.sleutel_pad)
            if ca_pad is not None:  # mutual TLS: no client certificate, no handshake
                context.verify_mode = ssl.CERT_REQUIRED
                context.load_verify_locations(ca_pad)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            schema = "https"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"{schema}://127.0.0.1:{self.server.server_address[1]}"

    def stoppen(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        assert not self.ongeldig, "served a response outside the contract:\n" + "\n".join(
            self.ongeldig
        )

    @staticmethod
    def _json(handler, status: int, inhoud, soort: str | None = None) -> None:
        body = json.dumps(inhoud).encode()
        handler.send_response(status)
        soort = soort or (
            "application/json; charset=utf-8" if status < 400 else "application/problem+json"
        )
        handler.send_header("Content-Type", soort)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _token(self, handler, inhoud: bytes) -> None:
        kop = handler.headers.get("Authorization", "")
        verwacht = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if kop != f"Basic {verwacht}" or b"grant_type=client_credentials" not in inhoud:
            self._json(handler, 401, {"error": "invalid_client"}, "application/json")
            return
        token = secrets.token_urlsafe(16)
        self._tokens.add(token)
        self.tokens_uitgegeven += 1
        self._json(
            handler,
            200,
            {"access_token": token, "token_type": "Bearer", "expires_in": self.token_duur},
            "application/json",
        )

    def _geauthenticeerd(self, handler) -> bool:
        if self.api_key:
            return handler.headers.get("X-API-KEY") == self.api_key
        kop = handler.headers.get("Authorization", "")
        return kop.startswith("Bearer ") and kop.removeprefix("Bearer ") in self._tokens

    def _personen(self, handler, inhoud: bytes) -> None:
        self.pogingen += 1
        if self.storing == "traag":
            time.sleep(3)
        if self.storing in ("401", "403") or not self._geauthenticeerd(handler):
            status = 403 if self.storing == "403" else 401
            titel = (
                "Niet correct geauthenticeerd." if status == 401 else "U bent niet geautoriseerd."
            )
            self._json(handler, status, probleem(status, titel))
            return
        if self.storing == "503":
            self._json(
                handler, 503, probleem(503, "Bronservice BRP is tijdelijk niet beschikbaar.")
            )
            return
        if self.storing in ("502-html", "200-html"):
            body = b"<html><body><h1>Gateway</h1></body></html>"
            handler.send_response(502 if self.storing == "502-html" else 200)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            return
        if not handler.headers.get("Content-Type", "").startswith("application/json"):
            self._json(handler, 415, probleem(415, "Media Type wordt niet ondersteund."))
            return
        try:
            vraag = json.loads(inhoud)
        except ValueError:
            self._json(handler, 400, probleem(400, "Een of meerdere parameters zijn niet correct."))
            return
        self.verzoeken.append(vraag)
        if (
            vraag.get("type") != "RaadpleegMetBurgerservicenummer"
            or not vraag.get("fields")
            or not vraag.get("burgerservicenummer")
        ):
            self._json(handler, 400, probleem(400, "Een of meerdere parameters zijn niet correct."))
            return
        personen = [self.personen[b] for b in vraag["burgerservicenummer"] if b in self.personen]
        if self.storing == "leeg-200":
            self._json(handler, 200, {"type": "RaadpleegMetBurgerservicenummer"})
            return
        inhoud = {"type": "RaadpleegMetBurgerservicenummer", "personen": personen}
        ongeldig = fouten(inhoud, "RaadpleegMetBurgerservicenummerResponse")
        if ongeldig:  # the test served something the contract does not allow: fail loudly
            self.ongeldig.extend(ongeldig)
            self._json(handler, 500, probleem(500, "Fixture voldoet niet aan het schema."))
            return
        self._json(handler, 200, inhoud)


def antwoord(*personen) -> dict:
    return {"type": "RaadpleegMetBurgerservicenummer", "personen": list(personen)}


def datum(iso="1979-03-14", lang="14 maart 1979"):
    return {"type": "Datum", "datum": iso, "langFormaat": lang}


def persoon(**velden) -> dict:
    basis = {
        "burgerservicenummer": "999993653",
        "naam": {"voornamen": "Jan", "voorvoegsel": "de", "geslachtsnaam": "Vries"},
        "geboorte": {"datum": datum()},
        "verblijfplaats": {
            "type": "Adres",
            "verblijfadres": {
                "officieleStraatnaam": "Burgemeester van Rijnsingel",
                "korteStraatnaam": "Burg v Rijnsingel",
                "huisnummer": 12,
                "huisletter": "a",
                "huisnummertoevoeging": "3",
                "postcode": "1234 AB",
                "woonplaats": "Voorbeeldstad",
            },
        },
        "gemeenteVanInschrijving": {"code": "9001", "omschrijving": "Voorbeeldstad"},
    }
    basis.update(velden)
    return basis
