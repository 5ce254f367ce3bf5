import socket

from celery import shared_task
from celery.signals import worker_ready
from django.utils import timezone

from portal import berichten
from portal.models import WorkerHartslag


@shared_task(name="portal.hartslag", bind=True)
def hartslag(self) -> str:
    """Beat sends this every 30 s; the worker records that it is alive (read by /healthz)."""
    naam = self.request.hostname or socket.gethostname()
    WorkerHartslag.objects.update_or_create(naam=naam, defaults={"laatst_gezien": timezone.now()})
    return naam


@worker_ready.connect
def _hartslag_bij_start(sender, **kwargs) -> None:
    """Report alive at once, not only after beat's first 30 seconds."""
    sender.app.send_task("portal.hartslag")


@shared_task(name="portal.berichten_aflevering", acks_late=True)
def berichten_aflevering() -> int:
    """Ask NotifyNL whether the messages it accepted arrived (portal/berichten.py); by beat."""
    return berichten.aflevering_vragen()


@shared_task(name="portal.berichten_bezorgen", acks_late=True)
def berichten_bezorgen() -> int:
    """Send the outbox (portal/berichten.py): queued after each commit that placed a message,
    and by beat every minute. A full run asks for the next one at once, so a backlog (after an
    outage) drains without waiting for beat."""
    verzonden = berichten.bezorgen(maximum=berichten.PER_RUN)
    if verzonden >= berichten.PER_RUN:
        berichten_bezorgen.delay()
    return verzonden
