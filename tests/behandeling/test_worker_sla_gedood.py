"""A real worker process is killed in the middle of the SLA sweep (issue 8): while it hands an
escalation to the mail server. After a restart the sweep completes: every aanvraag has the
right SLA state, every escalation is recorded once and accepted by the mail server once.
"""

import os
import re
import signal
import socketserver
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from aanvragen.models import Aanvraag
from behandeling.models import SlaSignaal
from behandeling.services import signaal_message_id
from portal.celery import app as celery_app
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from tests.helpers import start_worker, wacht_op, worker_omgeving, workers_stoppen

AANTAL = 4


class Postkamer(socketserver.StreamRequestHandler):
    """A small SMTP server. While `hangen` is set it takes a message and never answers (the
    worker is stuck mid-send); otherwise it accepts and keeps the Message-ID."""

    binnen: list[bytes] = []
    geaccepteerd: list[str] = []
    hangen = threading.Event()
    loslaten = threading.Event()

    def handle(self):
        self.wfile.write(b"220 postkamer ESMTP\r\n")
        while regel := self.rfile.readline():
            opdracht = regel[:4].upper()
            if opdracht == b"QUIT":
                self.wfile.write(b"221 tot ziens\r\n")
                return
            if opdracht != b"DATA":
                self.wfile.write(b"250 ok\r\n")  # EHLO, MAIL, RCPT, RSET, NOOP
                continue
            self.wfile.write(b"354 ga uw gang\r\n")
            bericht = b"".join(iter(lambda: self.rfile.readline(), b".\r\n"))
            Postkamer.binnen.append(bericht)
            if Postkamer.hangen.is_set():
                Postkamer.loslaten.wait(60)
                return
            Postkamer.geaccepteerd.append(
                re.search(rb"^Message-ID: (\S+)", bericht, re.M | re.I).group(1).decode()
            )
            self.wfile.write(b"250 aangenomen\r\n")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_gedood_tijdens_sla_ronde_elke_escalatie_precies_een_keer():
    celery_app.control.purge()
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Postkamer)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Postkamer.binnen.clear()
    Postkamer.geaccepteerd.clear()
    Postkamer.hangen.set()
    Postkamer.loslaten.clear()
    UserFactory(rollen=[Rol.TEAMLEIDER], email="tessa@gemeente.example")
    # Submitted weeks ago and never decided: te laat, an escalation each to the teamleider.
    ids = [
        ingediende_aanvraag(nu=datetime(2026, 10, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))).pk
        for _ in range(AANTAL)
    ]
    celery_app.control.purge()  # only the sweep runs: no receipts for these aanvragen
    env = worker_omgeving(
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(server.server_address[1]),
    )
    eerste = start_worker(env, "sla-eerste")
    tweede = None
    try:
        celery_app.send_task("behandeling.sla_bewaken")
        wacht_op(lambda: Postkamer.binnen, timeout=60)  # states updated, now mailing
        os.killpg(eerste.pid, signal.SIGKILL)
        eerste.wait(10)
        assert set(Aanvraag.objects.filter(pk__in=ids).values_list("sla_status", flat=True)) == {
            "te_laat"
        }
        assert SlaSignaal.objects.count() == AANTAL  # recorded before any mail went out
        assert not SlaSignaal.objects.filter(verstuurd_op__isnull=False).exists()
        assert Postkamer.geaccepteerd == []

        Postkamer.hangen.clear()
        Postkamer.loslaten.set()
        tweede = start_worker(env, "sla-tweede")
        celery_app.send_task("behandeling.sla_bewaken")  # beat's next run
        wacht_op(
            lambda: not SlaSignaal.objects.filter(verstuurd_op__isnull=True).exists(), timeout=60
        )
        signalen = list(SlaSignaal.objects.order_by("pk"))
        assert len(signalen) == AANTAL
        assert sorted(Postkamer.geaccepteerd) == sorted(map(signaal_message_id, signalen))
        # The interrupted message was offered again under the same Message-ID.
        assert len(Postkamer.binnen) == AANTAL + 1
    finally:
        workers_stoppen(eerste, tweede)
        server.shutdown()
        server.server_close()
        celery_app.control.purge()
