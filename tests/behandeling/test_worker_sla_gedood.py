"""A real worker process is killed in the middle of the SLA sweep (issue 8): while it hands an
escalation to the mail server. After a restart the sweep and the outbox complete: every aanvraag
has the right SLA state, every escalation is recorded once and accepted by the mail server once.
"""

import os
import signal
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from aanvragen.models import Aanvraag
from behandeling.models import SlaSignaal
from portal.celery import app as celery_app
from portal.kanalen import message_id
from portal.models import Bericht, BerichtStatus
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from tests.helpers import (
    Postkamer,
    postkamer_starten,
    start_worker,
    wacht_op,
    worker_omgeving,
    workers_stoppen,
)

AANTAL = 4


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_gedood_tijdens_sla_ronde_elke_escalatie_precies_een_keer():
    celery_app.control.purge()
    server = postkamer_starten()
    Postkamer.hangen.set()
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
        assert Bericht.objects.filter(status=BerichtStatus.WACHT).count() == AANTAL
        assert Postkamer.geaccepteerd == []

        Postkamer.hangen.clear()
        Postkamer.loslaten.set()
        tweede = start_worker(env, "sla-tweede")
        celery_app.send_task("behandeling.sla_bewaken")  # beat's next run
        celery_app.send_task("portal.berichten_bezorgen")  # and the outbox's
        wacht_op(
            lambda: not Bericht.objects.exclude(status=BerichtStatus.VERZONDEN).exists(),
            timeout=60,
        )
        signalen = list(SlaSignaal.objects.select_related("bericht").order_by("pk"))
        assert len(signalen) == AANTAL
        assert sorted(Postkamer.geaccepteerd) == sorted(
            message_id(signaal.bericht) for signaal in signalen
        )
        # The interrupted message was offered again under the same Message-ID.
        assert len(Postkamer.binnen) == AANTAL + 1
    finally:
        workers_stoppen(eerste, tweede)
        server.shutdown()
        server.server_close()
        celery_app.control.purge()
