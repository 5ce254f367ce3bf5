"""Exactly once when Redis restarts: a queued hand-off is lost with Redis's memory, the periodic
safety nets (as beat runs them) still put the award's one instruction in one file.

Uses a private Redis on another port, so the suite's own broker is never touched.
"""

import signal
from pathlib import Path

import pytest
from celery import Celery

from portal.celery import app as suite_app
from tests.factories import toegekende_aanvraag
from tests.helpers import (
    redis_stoppen,
    start_redis,
    start_worker,
    vrije_poort,
    wacht_op,
    worker_omgeving,
    workers_stoppen,
)
from uitbetaling.models import BatchStatus, Betaalbatch, Betaalopdracht


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_redis_herstart_verliest_de_taak_maar_niet_de_betaling(tmp_path, monkeypatch):
    poort = vrije_poort()
    redis = start_redis(poort)
    broker = f"redis://127.0.0.1:{poort}/0"
    env = worker_omgeving(CELERY_BROKER_URL=broker, SEPA_OUTBOX_DIR=str(tmp_path))
    worker = None
    aanvraag = toegekende_aanvraag()  # its on-commit hand-off goes to the suite's broker
    try:
        # Celery reads CELERY_BROKER_URL from the environment before any argument; the private
        # app must not become the current app, or shared tasks elsewhere would use its broker.
        monkeypatch.setenv("CELERY_BROKER_URL", broker)
        app = Celery(set_as_current=False)
        app.send_task("uitbetaling.batch_maken", args=[aanvraag.gemeente_id])
        redis.send_signal(signal.SIGKILL)  # Redis dies before any worker took the task
        redis.wait(10)
        redis = start_redis(poort)  # an empty Redis: the task is gone
        app.close()
        app = Celery(set_as_current=False)  # beat, reconnected to the new Redis
        worker = start_worker(env, "herstart")
        for _ in range(2):  # beat's safety nets, twice: a retry must not double anything
            app.send_task("uitbetaling.ontbrekende_betaalopdrachten_aanmaken")
            app.send_task("uitbetaling.batches_verwerken")
        wacht_op(
            lambda: Betaalbatch.objects.filter(status=BatchStatus.AANGEBODEN).exists(), timeout=60
        )
        # Let the worker finish the remaining messages, then count.
        app.send_task("portal.hartslag")
        wacht_op(
            lambda: __import__(
                "portal.models", fromlist=["WorkerHartslag"]
            ).WorkerHartslag.objects.exists(),
            timeout=30,
        )
        assert Betaalopdracht.objects.filter(aanvraag=aanvraag).count() == 1
        batch = Betaalbatch.objects.get()
        assert batch.opdrachten.get().aanvraag == aanvraag
        assert (Path(tmp_path) / batch.bestandsnaam).exists()
    finally:
        workers_stoppen(worker)
        redis_stoppen(redis)
        monkeypatch.undo()
        suite_app.control.purge()
