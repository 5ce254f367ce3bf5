"""A real worker process is killed while it renders beschikkingen (issue 8). After a restart and
the periodic catch-up, every decided aanvraag has exactly one beschikking: none lost, none twice.
"""

import os
import signal
from datetime import timedelta

import pytest

from aanvragen.models import Aanvraag, Document, DocumentSoort
from behandeling.besluiten import aanvraag_afwijzen
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.celery import app as celery_app
from portal.models import WorkerHartslag
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from tests.helpers import start_worker, wacht_op, worker_omgeving, workers_stoppen

AANTAL = 12


def _beschikkingen() -> int:
    return Document.objects.filter(soort=DocumentSoort.BESCHIKKING).count()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_gedood_tijdens_pdfs_elke_beschikking_precies_een_keer():
    celery_app.control.purge()
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    ids = []
    for _ in range(AANTAL):  # each decision queues its beschikking on commit (real Redis)
        aanvraag = ingediende_aanvraag()
        aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
        aanvraag_afwijzen(aanvraag_id=aanvraag.pk, behandelaar=bea, motivering="Nee.")
        ids.append(aanvraag.pk)
    env = worker_omgeving()
    eerste = start_worker(env, "pdf-eerste")
    tweede = None
    try:
        wacht_op(lambda: _beschikkingen() >= 2, timeout=90)
        os.killpg(eerste.pid, signal.SIGKILL)  # in the middle of the run
        eerste.wait(10)
        gedaan = _beschikkingen()
        assert gedaan < AANTAL, "the worker finished before it was killed: nothing was tested"

        tweede = start_worker(env, "pdf-tweede")
        # The task the killed worker held stays unacknowledged in Redis for the visibility
        # timeout; beat's catch-up (minutes later) makes what is still missing.
        Aanvraag.objects.filter(pk__in=ids).update(
            besloten_op=Aanvraag.objects.get(pk=ids[0]).besloten_op - timedelta(minutes=5)
        )
        for _ in range(2):
            celery_app.send_task("behandeling.beschikkingen_inhalen")
        wacht_op(lambda: _beschikkingen() == AANTAL, timeout=120)
        WorkerHartslag.objects.all().delete()
        celery_app.send_task("portal.hartslag")  # everything queued before it is done
        wacht_op(lambda: WorkerHartslag.objects.exists(), timeout=60)
        for aanvraag_id in ids:
            documenten = Document.objects.filter(
                aanvraag_id=aanvraag_id, soort=DocumentSoort.BESCHIKKING
            )
            assert documenten.count() == 1
            document = documenten.get()
            assert document.bestand.storage.exists(document.bestand.name)
            assert document.bestand.read(5) == b"%PDF-"
    finally:
        workers_stoppen(eerste, tweede)
        celery_app.control.purge()
