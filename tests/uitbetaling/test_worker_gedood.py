"""Exactly once under failure: a real worker process is killed at the worst moment, after the
batch was committed and while the file is being handed over. Nothing is lost, nothing doubles.
"""

import os
import signal
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.db import connection

from portal.celery import app as celery_app
from tests.helpers import wacht_op
from tests.uitbetaling.test_sepa import toegekend
from uitbetaling.models import BatchStatus, Betaalbatch, Betaalopdracht

ROOT = Path(__file__).resolve().parents[2]


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


def _worker_log():
    """The worker's stderr: discarded, or appended to $WORKER_LOG when debugging a test."""
    pad = os.environ.get("WORKER_LOG")
    return open(pad, "ab") if pad else subprocess.DEVNULL  # noqa: SIM115 - closed by Popen's child


def start_worker(env: dict, naam: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            f"--loglevel={os.environ.get('WORKER_LOGLEVEL', 'WARNING')}",
            f"--hostname={naam}@%h",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=_worker_log(),
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_gedood_tijdens_aflevering_geeft_geen_dubbele_of_verloren_betaling():
    celery_app.control.purge()
    bank = ThreadingHTTPServer(("127.0.0.1", 0), Bank)
    threading.Thread(target=bank.serve_forever, daemon=True).start()
    Bank.ontvangen.clear()
    Bank.hangen.set()
    Bank.loslaten.clear()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/"
        f"{db['NAME']}",
        "SEPA_KANAAL": "http",
        "SEPA_HTTP_URL": f"http://127.0.0.1:{bank.server_port}/pain001",
    }
    opdracht = toegekend()
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
        for proces in (eerste, tweede):
            if proces is not None and proces.poll() is None:
                os.killpg(proces.pid, signal.SIGTERM)
                proces.wait(20)
        bank.shutdown()
        celery_app.control.purge()
