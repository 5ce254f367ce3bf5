"""A local NotifyNL (GOV.UK Notify API v2), started by a test, that behaves like the published
contract (tests/notify_schema.py): a JWT bearer token per request, signed HS256 with the API
key's secret, `iss` the service id and `iat` within 30 seconds (checked with the same function
Notify's own API uses, `notifications_python_client.authentication.decode_jwt_token`);
`POST /v2/notifications/sms|email` render the template with the personalisation or refuse with
Notify's error bodies (400 BadRequestError / ValidationError, 403 AuthError, 429, 500);
`GET /v2/notifications/{id}` reports the status, which moves created → sending → the outcome
this test chose for the recipient.

It is not a mock of the client: the portal talks to it with `notifications-python-client` over
HTTP, exactly as to NotifyNL.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import phonenumbers
from notifications_python_client.authentication import decode_jwt_token, get_token_issuer
from notifications_python_client.errors import TokenError

from tests import notify_schema as schema

VELD = re.compile(r"\(\(([^)]+)\)\)")


def api_sleutel(naam: str = "portal") -> tuple[str, str, str]:
    """A new API key as NotifyNL issues it: "<name>-<service id>-<secret>"."""
    dienst, geheim = str(uuid.uuid4()), str(uuid.uuid4())
    return f"{naam}-{dienst}-{geheim}", dienst, geheim


def fout(status: int, soort: str, melding: str) -> dict:
    return {"status_code": status, "errors": [{"error": soort, "message": melding}]}


@dataclass
class LokaleNotify:
    diensten: dict[str, str] = field(default_factory=dict)  # service id → secret
    sjablonen: dict[str, dict] = field(default_factory=dict)  # template id → type, subject, body
    meldingen: dict[str, dict] = field(default_factory=dict)  # notification id → its record
    uitkomst: dict[str, str] = field(default_factory=dict)  # recipient → final status
    storing: str = ""  # "", "500", "429", "503-html"
    vertraging: float = 0.0  # seconds per request (a slow NotifyNL, to stop it mid-run)
    verzoeken: list[dict] = field(default_factory=list)
    ongeldig: list[str] = field(default_factory=list)  # contract errors (requests or answers)
    _server: ThreadingHTTPServer | None = None
    _poort: int = 0  # kept: started again, it listens where the portal was pointed
    _slot: threading.Lock = field(default_factory=threading.Lock)

    def dienst(self, naam: str = "portal") -> str:
        """A service with one API key; returns the key."""
        sleutel, dienst, geheim = api_sleutel(naam)
        self.diensten[dienst] = geheim
        return sleutel

    def sjabloon(self, soort: str, body: str, subject: str = "") -> str:
        template_id = str(uuid.uuid4())
        self.sjablonen[template_id] = {"type": soort, "body": body, "subject": subject}
        return template_id

    def verstuurd(self, soort: str | None = None) -> list[dict]:
        return [m for m in self.meldingen.values() if soort in (None, m["type"])]

    # --- the server ---------------------------------------------------------------------------

    def starten(self) -> str:
        notify = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as NotifyNL's load balancer does
            disable_nagle_algorithm = True  # no 40 ms wait for a delayed ACK per answer
            wbufsize = 65536  # headers and body in one write

            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                notify._behandel(self, "POST")

            def do_GET(self):
                notify._behandel(self, "GET")

        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self._poort), Handler)
        self._poort = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self.url

    @property
    def url(self) -> str:
        host, poort = self._server.server_address[:2]
        return f"http://{host}:{poort}"

    def stoppen(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # --- the API ------------------------------------------------------------------------------

    def _behandel(self, verzoek: BaseHTTPRequestHandler, methode: str) -> None:
        if self.vertraging:
            time.sleep(self.vertraging)
        lengte = int(verzoek.headers.get("Content-Length") or 0)
        ruw = verzoek.rfile.read(lengte) if lengte else b""
        self.verzoeken.append(
            {"methode": methode, "pad": verzoek.path, "headers": dict(verzoek.headers), "body": ruw}
        )
        if self.storing == "503-html":
            return self._antwoord(verzoek, 503, "<html><body>Service Unavailable</body></html>")
        if self.storing == "500":
            return self._json(verzoek, 500, fout(500, "Exception", "Internal server error"))
        dienst = self._dienst(verzoek)
        if isinstance(dienst, dict):
            return self._json(verzoek, dienst["status_code"], dienst)
        if self.storing == "429":
            melding = "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"
            return self._json(verzoek, 429, fout(429, "RateLimitError", melding))
        if methode == "POST" and verzoek.path in (
            "/v2/notifications/sms",
            "/v2/notifications/email",
        ):
            return self._versturen(verzoek, verzoek.path.rsplit("/", 1)[1], ruw)
        if methode == "GET" and verzoek.path.startswith("/v2/notifications/"):
            return self._opvragen(verzoek, verzoek.path.rsplit("/", 1)[1])
        self._json(verzoek, 404, fout(404, "NotFound", "The requested URL was not found"))

    def _dienst(self, verzoek) -> str | dict:
        kop = verzoek.headers.get("Authorization", "")
        if not kop.startswith("Bearer "):
            melding = "Unauthorized: authentication token must be provided"
            return fout(401, "AuthError", melding)
        token = kop.removeprefix("Bearer ").strip()
        try:
            dienst = get_token_issuer(token)
            geheim = self.diensten.get(dienst)
            if geheim is None:
                return fout(403, "AuthError", "Invalid token: service not found")
            decode_jwt_token(token, geheim)
        except TokenError as e:
            return fout(403, "AuthError", e.message)
        return dienst

    def _versturen(self, verzoek, soort: str, ruw: bytes) -> None:
        try:
            data = json.loads(ruw)
        except ValueError:
            return self._json(verzoek, 400, fout(400, "BadRequestError", "Invalid JSON supplied"))
        contract = schema.POST_SMS_VERZOEK if soort == "sms" else schema.POST_EMAIL_VERZOEK
        if problemen := schema.fouten(contract, data):
            self.ongeldig.extend(problemen)
            return self._json(verzoek, 400, fout(400, "ValidationError", problemen[0]))
        sjabloon = self.sjablonen.get(data["template_id"])
        if sjabloon is None or sjabloon["type"] != soort:
            return self._json(verzoek, 400, fout(400, "BadRequestError", "Template not found"))
        ontvanger = data["phone_number"] if soort == "sms" else data["email_address"]
        if soort == "sms" and not _geldig_nummer(ontvanger):
            return self._json(
                verzoek, 400, fout(400, "ValidationError", "phone_number Not a valid phone number")
            )
        if soort == "email" and "@" not in ontvanger.strip("@"):
            return self._json(
                verzoek,
                400,
                fout(400, "ValidationError", "email_address Not a valid email address"),
            )
        velden = data.get("personalisation") or {}
        ontbreekt = [
            v for v in VELD.findall(sjabloon["body"] + sjabloon["subject"]) if v not in velden
        ]
        if ontbreekt:
            melding = f"Missing personalisation: {', '.join(sorted(set(ontbreekt)))}"
            return self._json(verzoek, 400, fout(400, "BadRequestError", melding))
        body = VELD.sub(lambda m: str(velden[m[1]]), sjabloon["body"])
        onderwerp = VELD.sub(lambda m: str(velden[m[1]]), sjabloon["subject"])
        melding_id = str(uuid.uuid4())
        template = {
            "id": data["template_id"],
            "version": 1,
            "uri": f"{self.url}/v2/templates/{data['template_id']}",
        }
        with self._slot:
            self.meldingen[melding_id] = {
                "id": melding_id,
                "type": soort,
                "aan": ontvanger,
                "reference": data.get("reference"),
                "body": body,
                "subject": onderwerp if soort == "email" else None,
                "template": template,
                "personalisation": velden,
                "created_at": _nu(),
                "gevraagd": 0,
            }
        inhoud = (
            {"body": body, "from_number": "Gemeente"}
            if soort == "sms"
            else {"body": body, "subject": onderwerp, "from_email": "gemeente@notifynl.nl"}
        )
        antwoord = {
            "id": melding_id,
            "reference": data.get("reference"),
            "content": inhoud,
            "uri": f"{self.url}/v2/notifications/{melding_id}",
            "template": template,
        }
        contract = schema.POST_SMS_ANTWOORD if soort == "sms" else schema.POST_EMAIL_ANTWOORD
        self.ongeldig.extend(schema.fouten(contract, antwoord))
        self._json(verzoek, 201, antwoord)

    def _opvragen(self, verzoek, melding_id: str) -> None:
        try:
            uuid.UUID(melding_id)
        except ValueError:
            melding = "notification_id is not a valid UUID"
            return self._json(verzoek, 400, fout(400, "ValidationError", melding))
        with self._slot:
            melding = self.meldingen.get(melding_id)
            if melding is None:
                return self._json(verzoek, 404, fout(404, "NoResultFound", "No result found"))
            melding["gevraagd"] += 1
            status = self._status(melding)
        antwoord = {
            "id": melding["id"],
            "reference": melding["reference"],
            "email_address": melding["aan"] if melding["type"] == "email" else None,
            "phone_number": melding["aan"] if melding["type"] == "sms" else None,
            **{f"line_{i}": None for i in range(1, 7)},
            "postcode": None,
            "type": melding["type"],
            "status": status,
            "template": melding["template"],
            "body": melding["body"],
            "subject": melding["subject"],
            "created_at": melding["created_at"],
            "sent_at": melding["created_at"] if status != "created" else None,
            "completed_at": _nu() if status in schema.STATUSSEN["email"][2:] else None,
        }
        self.ongeldig.extend(schema.fouten(schema.GET_MELDING_ANTWOORD, antwoord))
        self._json(verzoek, 200, antwoord)

    def _status(self, melding: dict) -> str:
        """created on the first question, sending on the second, then the chosen outcome."""
        stappen = ["created", "sending", self.uitkomst.get(melding["aan"], "delivered")]
        return stappen[min(melding["gevraagd"] - 1, 2)]

    def _json(self, verzoek, status: int, data: dict) -> None:
        if status >= 400:
            self.ongeldig.extend(schema.fouten(schema.FOUT_ANTWOORD, data))
        self._antwoord(verzoek, status, json.dumps(data), "application/json")

    def _antwoord(self, verzoek, status: int, tekst: str, soort: str = "text/html") -> None:
        body = tekst.encode()
        verzoek.send_response(status)
        verzoek.send_header("Content-Type", soort)
        verzoek.send_header("Content-Length", str(len(body)))
        verzoek.end_headers()
        verzoek.wfile.write(body)


def _geldig_nummer(nummer: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(nummer, "NL"))
    except phonenumbers.NumberParseException:
        return False


def _nu() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
