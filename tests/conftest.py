import pytest
from celery.contrib.testing.worker import start_worker

from portal.celery import app as celery_app
from portal.rollen import Rol
from tests.factories import UserFactory


@pytest.fixture
def behandelaar(db):
    return UserFactory(rollen=[Rol.BEHANDELAAR])


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker (in a thread of this process) consuming from the real Redis broker.

    Not eager mode: tasks travel through Redis. The database is the test database, with
    committed data (transactional_db), as a separate worker process would see it.
    """
    celery_app.control.purge()
    with start_worker(
        celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30, loglevel="WARNING"
    ) as worker:
        yield worker
