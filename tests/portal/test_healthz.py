from datetime import timedelta

import pytest
from django.utils import timezone

from portal.models import WorkerHartslag
from portal.tasks import hartslag
from tests.helpers import wacht_op


@pytest.mark.django_db
def test_healthz_meldt_database_en_broker_en_geen_worker(client):
    response = client.get("/healthz")
    data = response.json()
    assert response.status_code == 200
    assert data["database"] == "ok"
    assert data["broker"] == "ok"  # the real Redis of the test run
    assert data["worker"] == "down"
    assert data["status"] == "degraded"


@pytest.mark.django_db
def test_healthz_oude_hartslag_is_down(client):
    WorkerHartslag.objects.create(naam="w", laatst_gezien=timezone.now() - timedelta(minutes=10))
    assert client.get("/healthz").json()["worker"] == "down"


@pytest.mark.worker
def test_healthz_ziet_een_levende_worker(client, celery_worker):
    hartslag.delay()
    wacht_op(lambda: WorkerHartslag.objects.exists())
    data = client.get("/healthz").json()
    assert data == {**data, "status": "ok", "database": "ok", "broker": "ok", "worker": "ok"}
