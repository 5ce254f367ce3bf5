"""Exactly once under failure: a real worker process is killed at the worst moment, after the
batch was committed and while the file is being handed over. Nothing is lost, nothing doubles.
"""

import os
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from portal.celery import app as celery_app
from tests.factories import betaalopdracht_van_toekenning
from tests.helpers import start_worker, wacht_op, worker_omgeving, workers_stoppen
from uitbetaling.models import BatchStatus, Betaalbatch, Betaalopdracht


class Bank(BaseHTTPRequestHandler):
    """A payment gateway that first hangs (so the worker is stuck mid-hand-off), then accepts."""

    ontvangen: list[bytes] = []
    hangen = threading.Event()
    loslaten = threading.Event()

    def do_POST(self):  # noqa: N802
        Bank.ontvangen.append(self.rfile.read(int(self.headers["Content-Length"])))
        if Bank.hangen.is_set():
            Bank.loslaten.wait(60)
            return
        self.send_response(201)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_gedood_tijdens_aflevering_geeft_geen_dubbele_of_verloren_betaling():
    celery_app.control.purge()
    bank = ThreadingHTTPServer(("127.0.0.1", 0), Bank)
    threading.Thread(target=bank.serve_forever, daemon=True).start()
    Bank.ontvangen.clear()
    Bank.hangen.set()
    Bank.loslaten.clear()
    env = worker_omgeving(
        SEPA_KANAAL="http", SEPA_HTTP_URL=f"http://127.0.0.1:{bank.server_port}/pain001"
    )
    opdracht = betaalopdracht_van_toekenning()
    eerste = start_worker(env, "eerste")
    tweede = None
    try:
        celery_app.send_task("uitbetaling.batch_maken", args=[opdracht.gemeente_id])
        wacht_op(lambda: Bank.ontvangen, timeout=60)  # committed, and now handing over
        os.killpg(eerste.pid, signal.SIGKILL)  # the worst moment
        eerste.wait(10)

        batch = Betaalbatch.objects.get()
        assert batch.status == BatchStatus.AANGEMAAKT
        assert Betaalopdracht.objects.get().batch_id == batch.pk

        Bank.hangen.clear()
        Bank.loslaten.set()
        tweede = start_worker(env, "tweede")
        celery_app.send_task("uitbetaling.batches_verwerken")  # the periodic retry
        wacht_op(
            lambda: Betaalbatch.objects.filter(status=BatchStatus.AANGEBODEN).exists(), timeout=60
        )
        assert Betaalbatch.objects.count() == 1
        assert Betaalopdracht.objects.count() == 1
        assert Betaalopdracht.objects.get().batch_id == batch.pk
        # The same file (same MsgId) was offered again; the bank de-duplicates on MsgId.
        assert len(set(Bank.ontvangen)) == 1 and Bank.ontvangen[-1].decode() == batch.xml
    finally:
        workers_stoppen(eerste, tweede)
        bank.shutdown()
        celery_app.control.purge()
