"""The outbox: every message the portal sends goes through here, exactly once.

`plaatsen` writes a `Bericht` in the caller's transaction, so the message exists if and only if
the event that causes it (a submission, a question, a decision, an escalation) was committed;
it then asks the worker to deliver it (after the commit, by task name). `bezorgen` (the task
`portal.berichten_bezorgen`, also run by beat every minute) sends what waits, one message per
transaction under a row lock: a worker killed mid-send leaves it waiting; a mail server that is
down or refuses gives a retry with growing waits (1, 2, 4 … minutes, at most an hour), and after
`MAX_POGINGEN` the message is marked *mislukt* and shown to beheer. A resend after a crash (the
server accepted, the worker died before it could record that) carries the same Message-ID, so
mail programs show it once. No request ever talks to the mail server.
"""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from portal.models import Bericht, BerichtStatus
from portal.opslag import prive_opslag
from portal.taken import na_commit

log = logging.getLogger(__name__)
MAX_POGINGEN = 12  # about a day and a half of waits
MAX_WACHTTIJD = timedelta(hours=1)


def plaatsen(
    *,
    soort: str,
    aan: list[str],
    onderwerp: str,
    template: str,
    context: dict,
    aanvraag_id: int | None = None,
    bijlage=None,
    nu=None,
) -> Bericht:
    """Put one message in the outbox, in the current transaction. `bijlage`: a stored file
    (a FieldFile such as Document.bestand) to attach."""
    nu = nu or timezone.now()
    bericht = Bericht.objects.create(
        soort=soort,
        aanvraag_id=aanvraag_id,
        aan=", ".join(aan),
        onderwerp=onderwerp[:200],
        tekst=render_to_string(template, context),
        bijlage_bestand=bijlage.name if bijlage else "",
        bijlage_naam=bijlage.name.rsplit("/", 1)[-1][:200] if bijlage else "",
        bijlage_type="application/pdf" if bijlage else "",
        aangemaakt_op=nu,
        volgende_poging_op=nu,
    )
    na_commit("portal.berichten_bezorgen")
    return bericht


def message_id(bericht: Bericht) -> str:
    domein = urlsplit(settings.PORTAL_BASIS_URL).hostname or "localhost"
    return f"<bericht-{bericht.pk}@{domein}>"


def wachttijd(pogingen: int) -> timedelta:
    """After the n-th failed attempt: 2^(n-1) minutes, at most an hour."""
    return min(timedelta(minutes=2 ** max(pogingen - 1, 0)), MAX_WACHTTIJD)


def bezorgen(*, nu=None, maximum: int = 500) -> int:
    """Send what waits and is due; returns how many were accepted by the mail server."""
    verzonden = 0
    for _ in range(maximum):
        with transaction.atomic():
            moment = nu or timezone.now()
            bericht = (
                Bericht.objects.select_for_update(skip_locked=True)
                .filter(status=BerichtStatus.WACHT, volgende_poging_op__lte=moment)
                .order_by("volgende_poging_op", "pk")
                .first()
            )
            if bericht is None:
                return verzonden
            try:
                _versturen(bericht)
            except Exception as fout:  # noqa: BLE001 - any failure: recorded, retried later
                _mislukt(bericht, fout, moment)
                continue
            bericht.status = BerichtStatus.VERZONDEN
            bericht.verzonden_op = timezone.now()
            bericht.pogingen += 1
            bericht.laatste_fout = ""
            bericht.save(update_fields=["status", "verzonden_op", "pogingen", "laatste_fout"])
            verzonden += 1
    return verzonden


def _versturen(bericht: Bericht) -> None:
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


def _mislukt(bericht: Bericht, fout: Exception, nu) -> None:
    bericht.pogingen += 1
    bericht.laatste_fout = f"{type(fout).__name__}: {fout}"[:300]
    bericht.volgende_poging_op = nu + wachttijd(bericht.pogingen)
    if bericht.pogingen >= MAX_POGINGEN:
        bericht.status = BerichtStatus.MISLUKT
        log.error("bericht %s na %s pogingen niet verzonden", bericht.pk, bericht.pogingen)
    else:
        log.warning("bericht %s niet verzonden (%s), opnieuw om %s", bericht.pk, fout, nu)
    bericht.save(update_fields=["pogingen", "laatste_fout", "volgende_poging_op", "status"])
