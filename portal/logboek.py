"""Logboek Dataverwerkingen: who or what processed which inwoner's personal data, and why.

Every read or change of an inwoner's data by a colleague or a process calls `vastleggen` with a
processing activity from VERWERKINGSACTIVITEITEN (the gemeente's register). An entry carries the
W3C trace id of the request or task, an operation id, the name of the act, start and end, the
outcome, who did it, and the BSN encrypted (Fernet) with a keyed hash (HMAC-SHA256) so an
inwoner's own entries can be found ("who looked at my file?") without storing the BSN in clear.
"""

from __future__ import annotations

import base64
import contextvars
import functools
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

VERWERKINGSACTIVITEITEN = {
    "aanvraag-behandelen": _("Aanvraag bijzondere bijstand beoordelen en besluiten"),
    "aanvraag-indienen": _("Aanvraag bijzondere bijstand ontvangen"),
    "besluit-versturen": _("Besluit en ontvangstbevestiging maken en versturen"),
    "uitbetalen": _("Toegekend geld uitbetalen"),
    "klantcontact": _("Inwoner helpen aan de telefoon"),
    "archiveren": _("Gegevens bewaren en vernietigen volgens de Selectielijst"),
    "beheer": _("Het portaal beheren (functioneel en technisch beheer)"),
}

_trace: contextvars.ContextVar[str | None] = contextvars.ContextVar("trace_id", default=None)


# W3C Trace Context, version 00: version-traceid-parentid-flags, lower-case hex, ids not zero.
TRACEPARENT = re.compile(
    r"^(?!ff)[0-9a-f]{2}-(?!0{32})([0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$"
)


def trace_begin(traceparent: str = "") -> str:
    """Start (or continue, from a well-formed W3C `traceparent` header) the trace of a request
    or task. Anything else (too long, upper case, zero ids, extra parts) starts a new trace:
    a client cannot put text of its choosing into the Logboek."""
    gevonden = TRACEPARENT.match(traceparent) if len(traceparent) == 55 else None
    trace_id = gevonden.group(1) if gevonden else secrets.token_hex(16)
    _trace.set(trace_id)
    return trace_id


def huidige_trace() -> str:
    return _trace.get() or trace_begin()


def _sleutel(doel: bytes) -> bytes:
    return _afgeleid((settings.LOGBOEK_SLEUTEL or settings.SECRET_KEY).encode(), doel)


@functools.lru_cache(maxsize=8)
def _afgeleid(basis: bytes, doel: bytes) -> bytes:
    """HKDF once per key and purpose (a statement of ten thousand payments logs ten thousand
    entries); a changed setting gives another cache entry."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"logboek", info=doel).derive(basis)


@functools.lru_cache(maxsize=8)
def _fernet(sleutel: bytes) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(sleutel))


def versleutel(bsn: str) -> str:
    return _fernet(_sleutel(b"versleutelen")).encrypt(bsn.encode()).decode()


def ontsleutel(token: str) -> str:
    return _fernet(_sleutel(b"versleutelen")).decrypt(token).decode()


def zoeksleutel(bsn: str) -> str:
    return hmac.new(_sleutel(b"zoeken"), bsn.encode(), hashlib.sha256).hexdigest()


def vastleggen(
    *,
    activiteit: str,
    naam: str,
    bsns: Iterable[tuple[str, int | None]] = (),
    objecten: Iterable[str] = (),
    door=None,
    proces: str = "",
    status: str = "ok",
    begin=None,
) -> int:
    """One entry per (BSN, aanvraag id), and one per object about a person we know no BSN of
    (`objecten`, e.g. "terugbelverzoek:12": a call-back request has only a name and a phone
    number). `door` is the colleague (a User) or None for a process named by `proces`.
    Returns the number of entries written."""
    from portal.models import Verwerking

    if activiteit not in VERWERKINGSACTIVITEITEN:
        raise ValueError(f"unknown processing activity {activiteit!r}")
    nu = timezone.now()
    medewerker = door if door is not None and getattr(door, "pk", None) else None
    gemeenschappelijk = {
        "trace_id": huidige_trace(),
        "naam": naam,
        "verwerkingsactiviteit": activiteit,
        "status": status,
        "begin": begin or nu,
        "eind": nu,
        "actor": f"medewerker:{medewerker.pk}" if medewerker else (proces or "proces"),
        "medewerker": medewerker,
    }
    regels = [
        Verwerking(
            operation_id=secrets.token_hex(8),
            betrokkene_versleuteld=versleutel(bsn),
            betrokkene_zoeksleutel=zoeksleutel(bsn),
            aanvraag_id=aanvraag_id,
            **gemeenschappelijk,
        )
        for bsn, aanvraag_id in {(b, a) for b, a in bsns if b}
    ] + [
        Verwerking(operation_id=secrets.token_hex(8), object_ref=ref, **gemeenschappelijk)
        for ref in dict.fromkeys(objecten)
    ]
    if len(regels) == 1:  # one INSERT on its own: bulk_create adds BEGIN and COMMIT around it
        regels[0].save(force_insert=True)
    else:
        Verwerking.objects.bulk_create(regels)
    return len(regels)


def voor_aanvraag(aanvraag, *, activiteit: str, naam: str, door=None, proces: str = "") -> None:
    """Log a processing of one aanvraag: the applicant and, when there is one, the partner."""
    vastleggen(
        activiteit=activiteit,
        naam=naam,
        bsns=[(aanvraag.bsn, aanvraag.pk), (aanvraag.partner_bsn, aanvraag.pk)],
        door=door,
        proces=proces,
    )


def van_betrokkene(bsn: str):
    """All entries about this inwoner, newest first ("who looked at my file?")."""
    from portal.models import Verwerking

    return Verwerking.objects.filter(betrokkene_zoeksleutel=zoeksleutel(bsn)).select_related(
        "medewerker"
    )
