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

A message travels by one channel (portal/kanalen.py): our own mail server, or NotifyNL's e-mail
or SMS when the gemeente has that on. A channel that refuses a message for good (NotifyNL's
400) marks it *mislukt* at once, without retries. NotifyNL gives each message an id; the beat
task `portal.berichten_aflevering` asks it whether the message arrived (delivered,
permanent-failure, temporary-failure, technical-failure) until it knows, with growing waits.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import timezone

from portal.kanalen import EINDSTATUSSEN, Kanalen, Weigering, kanaal_voor, stand_melden
from portal.models import Aflevering, Bericht, BerichtKanaal, BerichtStatus
from portal.taken import na_commit

log = logging.getLogger(__name__)
MAX_POGINGEN = 12  # about a day and a half of waits
PER_RUN = 500  # messages per run of the task; a full run queues the next
MAX_WACHTTIJD = timedelta(hours=1)
AFLEVERING_VRAGEN_TOT = timedelta(days=7)

# A message that will not arrive this way: refused by NotifyNL, or reported not delivered. Sent
# inside the transaction that records it (once per message); aanvragen falls back to another
# way (portal has no knowledge of the inwoner's choice).
niet_aangekomen = Signal()  # NotifyNL keeps a message's status for 7 days


def plaatsen(
    *,
    soort: str,
    aan: list[str],
    onderwerp: str,
    template: str,
    context: dict,
    aanvraag_id: int | None = None,
    gemeente_id: int | None = None,
    personalisatie: dict | None = None,
    kanaal: str = BerichtKanaal.SMTP,
    bijlage=None,
    nu=None,
) -> Bericht | None:
    """Put one message in the outbox, in the current transaction. `kanaal` is the preferred
    channel (portal.kanalen.kanaal_voor decides with the gemeente's settings); an SMS that
    cannot go is not placed (None). `personalisatie`: the fields of the NotifyNL template, never
    personal data. `bijlage`: a stored file (a FieldFile such as Document.bestand) to attach
    (our own mail server only: NotifyNL links to Mijn aanvragen instead)."""
    nu = nu or timezone.now()
    gekozen = kanaal_voor(gemeente_id=gemeente_id, soort=soort, voorkeur=kanaal)
    if gekozen is None:
        return None
    via_notify = gekozen != BerichtKanaal.SMTP
    bericht = Bericht.objects.create(
        soort=soort,
        aanvraag_id=aanvraag_id,
        gemeente_id=gemeente_id,
        kanaal=gekozen,
        personalisatie=personalisatie or {},
        aan=", ".join(aan),
        onderwerp=onderwerp[:200],
        tekst=render_to_string(template, context),
        bijlage_bestand=bijlage.name if bijlage and not via_notify else "",
        bijlage_naam=bijlage.name.rsplit("/", 1)[-1][:200] if bijlage and not via_notify else "",
        bijlage_type="application/pdf" if bijlage and not via_notify else "",
        aangemaakt_op=nu,
        volgende_poging_op=nu,
    )
    na_commit("portal.berichten_bezorgen")
    return bericht


def personalisatie(referentie: str | None, *, termijn=None) -> dict:
    """The fields every NotifyNL template of the portal may use: the aanvraag's reference (no
    personal data: it names no one), the link to Mijn aanvragen and, where there is one, the
    deadline in words ("15 december 2026", short enough for an SMS). The texts that use them:
    aanvragen/berichtteksten.py."""
    from django.urls import reverse

    from portal.datum import datum_tekst

    velden = {
        "referentie": referentie or "",
        "link": f"{settings.PORTAL_BASIS_URL}{reverse('kort-mijn-aanvragen')}",
    }
    if termijn is not None:
        velden["termijn"] = datum_tekst(termijn, "lang")
    return velden


def wachttijd(pogingen: int) -> timedelta:
    """After the n-th failed attempt: 2^(n-1) minutes, at most an hour."""
    return min(timedelta(minutes=2 ** max(pogingen - 1, 0)), MAX_WACHTTIJD)


def bezorgen(*, nu=None, maximum: int = PER_RUN) -> int:
    """Send what waits and is due; returns how many a channel accepted."""
    verzonden = 0
    kanalen = Kanalen()
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
                uit = kanalen.van(bericht).versturen(bericht)
            except Weigering as fout:
                _geweigerd(bericht, fout)
                continue
            except Exception as fout:  # noqa: BLE001 - any failure: recorded, retried later
                _mislukt(bericht, fout, moment)
                stand_melden(bericht, fout)
                continue
            stand_melden(bericht, None)
            bericht.status = BerichtStatus.VERZONDEN
            bericht.verzonden_op = timezone.now()
            bericht.pogingen += 1
            bericht.laatste_fout = ""
            bericht.extern_id = uit.extern_id
            bericht.tekst = uit.tekst or bericht.tekst
            bericht.status_vragen_op = (
                bericht.verzonden_op + timedelta(minutes=1) if uit.extern_id else None
            )
            bericht.save(
                update_fields=[
                    "status",
                    "verzonden_op",
                    "pogingen",
                    "laatste_fout",
                    "extern_id",
                    "tekst",
                    "status_vragen_op",
                ]
            )
            verzonden += 1
    return verzonden


def aflevering_vragen(*, nu=None, maximum: int = 500) -> int:
    """Ask the channel whether the messages it accepted arrived, each when due; a final answer
    is recorded with its time, any other (or no answer) asks again after a growing wait, for
    at most `AFLEVERING_VRAGEN_TOT`. Returns how many final answers came."""
    bekend = 0
    kanalen = Kanalen()
    for _ in range(maximum):
        with transaction.atomic():
            moment = nu or timezone.now()
            bericht = (
                Bericht.objects.select_for_update(skip_locked=True)
                .filter(
                    status=BerichtStatus.VERZONDEN,
                    aflevering="",
                    status_vragen_op__lte=moment,
                )
                .exclude(extern_id="")
                .order_by("status_vragen_op", "pk")
                .first()
            )
            if bericht is None:
                return bekend
            bericht.status_vragen_pogingen += 1
            try:
                status = kanalen.van(bericht).aflevering(bericht)
            except Exception as fout:  # noqa: BLE001 - unreachable: ask again later
                log.warning("aflevering van bericht %s niet op te vragen: %s", bericht.pk, fout)
                status = ""
            bericht.extern_status = status[:30] or bericht.extern_status
            if status in EINDSTATUSSEN:
                bericht.aflevering = status
                bericht.aflevering_op = timezone.now()
                bericht.status_vragen_op = None
                bekend += 1
                if status != Aflevering.AFGELEVERD:
                    niet_aangekomen.send(sender=Bericht, bericht=bericht)
            else:
                volgende = moment + wachttijd(bericht.status_vragen_pogingen)
                verzonden = bericht.verzonden_op or moment
                te_laat = volgende > verzonden + AFLEVERING_VRAGEN_TOT
                bericht.status_vragen_op = None if te_laat else volgende
            bericht.save(
                update_fields=[
                    "status_vragen_pogingen",
                    "extern_status",
                    "aflevering",
                    "aflevering_op",
                    "status_vragen_op",
                ]
            )
    return bekend


def _geweigerd(bericht: Bericht, fout: Exception) -> None:
    bericht.pogingen += 1
    bericht.status = BerichtStatus.MISLUKT
    bericht.laatste_fout = str(fout)[:300]
    log.error("bericht %s geweigerd: %s", bericht.pk, fout)
    bericht.save(update_fields=["pogingen", "status", "laatste_fout"])
    niet_aangekomen.send(sender=Bericht, bericht=bericht)


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
    if bericht.status == BerichtStatus.MISLUKT:
        niet_aangekomen.send(sender=Bericht, bericht=bericht)
