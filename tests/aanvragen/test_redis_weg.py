"""Redis down while an inwoner submits (issue 8): the aanvraag is saved and confirmed on screen;
the receipt that could not be queued is made once Redis is back, by the catch-up task, once.

A private Redis on its own port is started and killed; the suite's broker is never touched.
"""

import signal
from datetime import timedelta

import pytest
from celery import Celery

from aanvragen.models import Aanvraag, Document, DocumentSoort
from portal.celery import app as suite_app
from tests.helpers import (
    PortalClient,
    als_inwoner,
    post_stap,
    redis_stoppen,
    start_redis,
    start_worker,
    vrije_poort,
    wacht_op,
    worker_omgeving,
    workers_stoppen,
)


def _nieuwe_verbindingen() -> None:
    suite_app._pool = None
    suite_app.amqp._producer_pool = None


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_redis_weg_tijdens_indienen_verliest_niets(GELDIG, monkeypatch, caplog):
    poort = vrije_poort()
    redis = start_redis(poort)
    broker = f"redis://127.0.0.1:{poort}/0"
    worker = None
    for sleutel in ("broker_url", "broker_write_url", "broker_read_url"):
        monkeypatch.setattr(suite_app.conf, sleutel, broker)
    _nieuwe_verbindingen()  # the web process's producer pool now points at the private Redis
    try:
        client = PortalClient()
        als_inwoner(client, bsn="999993653")

        redis.send_signal(signal.SIGKILL)  # Redis dies while the inwoner fills in the form
        redis.wait(10)
        for stap, data in GELDIG.items():
            response = post_stap(client, stap, data)
            assert response.status_code == 302, response.content.decode()[:500]
        bevestiging = client.get(response["Location"], follow=True)
        assert bevestiging.status_code == 200
        aanvraag = Aanvraag.objects.get()
        assert aanvraag.referentie in bevestiging.content.decode()  # confirmed on screen
        assert not Document.objects.filter(soort=DocumentSoort.ONTVANGSTBEVESTIGING).exists()
        assert "aanvragen.ontvangstbevestiging_maken niet aangeboden" in caplog.text  # it was down

        # Redis is back (empty). Some minutes later beat's catch-up runs, twice for good measure.
        redis = start_redis(poort)
        Aanvraag.objects.filter(pk=aanvraag.pk).update(
            ingediend_op=aanvraag.ingediend_op - timedelta(minutes=5)
        )
        env = worker_omgeving(CELERY_BROKER_URL=broker)
        monkeypatch.setenv("CELERY_BROKER_URL", broker)
        beat = Celery(set_as_current=False)
        worker = start_worker(env, "redis-weg")
        for _ in range(2):
            beat.send_task("aanvragen.ontvangstbevestigingen_inhalen")
        wacht_op(
            lambda: Document.objects.filter(soort=DocumentSoort.ONTVANGSTBEVESTIGING).exists(),
            timeout=60,
        )
        beat.send_task("portal.hartslag")  # the worker took everything before it
        from portal.models import WorkerHartslag

        wacht_op(lambda: WorkerHartslag.objects.exists(), timeout=30)
        assert (
            Document.objects.filter(
                aanvraag=aanvraag, soort=DocumentSoort.ONTVANGSTBEVESTIGING
            ).count()
            == 1
        )
        beat.close()
    finally:
        workers_stoppen(worker)
        redis_stoppen(redis)
        monkeypatch.undo()
        _nieuwe_verbindingen()
