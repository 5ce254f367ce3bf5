"""The channels a message travels by: our own mail server (SMTP), and NotifyNL's e-mail and SMS.

Every channel does two things for the outbox (portal/berichten.py): hand one message over
(`versturen`: the channel's id for it, and the text as it went out) and, where the channel can
tell, say whether it arrived (`aflevering`). A channel raises `Weigering` when the message can
never go this way (NotifyNL answered 400: an unknown number, a template that does not fit) and
any other exception when it may work later (NotifyNL unreachable, 429, 5xx): the outbox then
tries again with growing waits, so nothing is lost and nothing goes twice.

NotifyNL is the Dutch instance of GOV.UK Notify, reached with its own Python client
(`notifications-python-client`) at the gemeente's base URL; the text lives in NotifyNL's
templates, we send only the template id and the personalisation fields (never personal data:
a reference and a link to Mijn aanvragen), and as `reference` only "bericht-<id>".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from portal.models import Aflevering, Bericht, BerichtKanaal, NotifyInstelling
from portal.opslag import prive_opslag

# NotifyNL's statuses that end a message's journey; the others (created, sending, pending,
# sent: an international SMS without a report) mean "ask again later".
log = logging.getLogger(__name__)
EINDSTATUSSEN = {a.value for a in Aflevering}
NOTIFY_TIMEOUT_S = 10


class Weigering(Exception):
    """The channel refused this message for good: trying again would give the same answer."""


@dataclass(frozen=True)
class Verzonden:
    extern_id: str  # the channel's id ("" for SMTP: it has none we can ask about)
    tekst: str  # what went out, as the proof (NotifyNL answers with the text it made)


class Kanaal(Protocol):
    def versturen(self, bericht: Bericht) -> Verzonden: ...

    def aflevering(self, bericht: Bericht) -> str:
        """NotifyNL's status name for the message (portal.models.Aflevering when final)."""
        ...


class SmtpKanaal:
    """The portal's own mail server. It tells nothing about arrival."""

    def versturen(self, bericht: Bericht) -> Verzonden:
        mail = EmailMessage(
            subject=bericht.onderwerp,
            body=bericht.tekst,
            to=bericht.aan.split(", "),
            headers={"Message-ID": message_id(bericht)},
        )
        if bericht.bijlage_bestand:
            with prive_opslag().open(bericht.bijlage_bestand, "rb") as bestand:
                mail.attach(bericht.bijlage_naam, bestand.read(), bericht.bijlage_type)
        mail.send()
        return Verzonden(extern_id="", tekst=bericht.tekst)

    def aflevering(self, bericht: Bericht) -> str:
        return ""


class NotifyKanaal:
    """E-mail or SMS through a gemeente's NotifyNL service."""

    def __init__(self, instelling: NotifyInstelling, kanaal: str):
        self.instelling = instelling
        self.kanaal = kanaal
        self.sjablonen = {
            s.soort: str(s.template_id) for s in instelling.sjablonen.all() if s.kanaal == kanaal
        }
        self._verbinding: NotificationsAPIClient | None = None

    def _client(self) -> NotificationsAPIClient:
        """One client per channel and run of the outbox: its HTTP session keeps the
        connection to NotifyNL open between messages (a new token is made per request)."""
        if self._verbinding is None:
            self._verbinding = NotificationsAPIClient(
                self.instelling.api_sleutel,
                base_url=self.instelling.basis_url,
                timeout=NOTIFY_TIMEOUT_S,
            )
        return self._verbinding

    def _template_id(self, soort: str) -> str:
        if soort not in self.sjablonen:
            raise Weigering(f"Geen NotifyNL-template voor {soort} ({self.kanaal}).")
        return self.sjablonen[soort]

    def versturen(self, bericht: Bericht) -> Verzonden:
        template_id = self._template_id(bericht.soort)
        client = self._client()
        try:
            if self.kanaal == BerichtKanaal.NOTIFY_SMS:
                antwoord = client.send_sms_notification(
                    phone_number=bericht.aan,
                    template_id=template_id,
                    personalisation=bericht.personalisatie or None,
                    reference=f"bericht-{bericht.pk}",
                    sms_sender_id=self.instelling.sms_afzender_id or None,
                )
            else:
                antwoord = client.send_email_notification(
                    email_address=bericht.aan,
                    template_id=template_id,
                    personalisation=bericht.personalisatie or None,
                    reference=f"bericht-{bericht.pk}",
                )
        except HTTPError as fout:
            if fout.status_code == 400:  # NotifyNL's BadRequestError: this message, never
                raise Weigering(f"NotifyNL weigert: {_melding(fout)}") from fout
            raise
        inhoud = antwoord.get("content") or {}
        tekst = inhoud.get("body", "")
        if inhoud.get("subject"):
            tekst = f"{inhoud['subject']}\n\n{tekst}"
        return Verzonden(extern_id=str(antwoord["id"]), tekst=tekst)

    def aflevering(self, bericht: Bericht) -> str:
        return str(self._client().get_notification_by_id(bericht.extern_id).get("status", ""))


def message_id(bericht: Bericht) -> str:
    domein = urlsplit(settings.PORTAL_BASIS_URL).hostname or "localhost"
    return f"<bericht-{bericht.pk}@{domein}>"


def _melding(fout: HTTPError) -> str:
    """NotifyNL's error text: `errors` is a list of {"error", "message"}."""
    melding = fout.message
    if isinstance(melding, list):
        return "; ".join(str(m.get("message", m)) for m in melding if isinstance(m, dict))
    return str(melding)


STAND_SLEUTEL = "notifynl:stand"  # the last failure's kind, for /healthz (no personal data)
STAND_SECONDEN = 15 * 60


def stand_get() -> str:
    """ "ok", or what went wrong at the last NotifyNL hand-off that failed, until one succeeds
    (or 15 minutes pass): "configuratie" (key refused: beheer's work) or "storing"."""
    try:
        return cache.get(STAND_SLEUTEL) or "ok"
    except Exception:  # the cache is down: /healthz reports the broker itself
        return "onbekend"


def stand_melden(bericht: Bericht, fout: Exception | None) -> None:
    """After a hand-off through NotifyNL: the failure (None: it worked) for /healthz."""
    if bericht.kanaal == BerichtKanaal.SMTP:
        return
    try:
        if fout is None:
            cache.delete(STAND_SLEUTEL)
        else:
            code = getattr(fout, "status_code", None)
            soort = "configuratie" if code in (401, 403) else "storing"
            cache.set(STAND_SLEUTEL, soort, STAND_SECONDEN)
    except Exception:  # noqa: BLE001 - the cache down must not stop the outbox
        log.warning("NotifyNL-stand niet bewaard: cache onbereikbaar")


class Kanalen:
    """The channels of one run of the outbox (a few seconds): a gemeente's NotifyNL settings,
    key and templates are read once per run, not once per message."""

    def __init__(self):
        self._kanalen: dict[tuple, Kanaal | Weigering] = {}

    def van(self, bericht: Bericht) -> Kanaal:
        if bericht.kanaal == BerichtKanaal.SMTP:
            return SmtpKanaal()
        sleutel = (bericht.gemeente_id, bericht.kanaal)
        if sleutel not in self._kanalen:
            try:
                self._kanalen[sleutel] = kanaal_van(bericht)
            except Weigering as fout:
                self._kanalen[sleutel] = fout
        gevonden = self._kanalen[sleutel]
        if isinstance(gevonden, Weigering):
            raise gevonden
        return gevonden


def kanaal_van(bericht: Bericht) -> Kanaal:
    if bericht.kanaal == BerichtKanaal.SMTP:
        return SmtpKanaal()
    instelling = (
        NotifyInstelling.objects.filter(gemeente_id=bericht.gemeente_id)
        .prefetch_related("sjablonen")
        .first()
    )
    if instelling is None or not instelling.actief or not instelling.api_sleutel:
        raise Weigering("NotifyNL staat voor deze gemeente niet aan.")
    return NotifyKanaal(instelling, bericht.kanaal)


def kanaal_voor(*, gemeente_id: int | None, soort: str, voorkeur: str) -> str | None:
    """The channel a new message of `soort` takes. An SMS only through NotifyNL with a template
    for it (else None: it is not sent); an e-mail through NotifyNL when the gemeente has that
    on with a template for it, else through our own mail server."""
    kanalen: set[str] = set()
    if gemeente_id is not None:
        instelling = (
            NotifyInstelling.objects.filter(gemeente_id=gemeente_id, actief=True)
            .prefetch_related("sjablonen")
            .first()
        )
        if instelling is not None:
            kanalen = {s.kanaal for s in instelling.sjablonen.all() if s.soort == soort}
    if voorkeur in kanalen:
        return voorkeur
    if voorkeur == BerichtKanaal.NOTIFY_SMS:
        return None
    if BerichtKanaal.NOTIFY_EMAIL in kanalen:
        return BerichtKanaal.NOTIFY_EMAIL
    return BerichtKanaal.SMTP
