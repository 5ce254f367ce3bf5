import copy

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from portal.celery import app as celery_app
from portal.models import WorkerHartslag
from portal.rollen import Rol
from portal.tasks import hartslag
from tests.factories import UserFactory, voorbeeldbeleid
from tests.helpers import PortalClient, wacht_op
from wegwijzer.models import Kostensoort


@pytest.fixture
def client():
    return PortalClient()


@pytest.fixture
def admin_client(admin_user):
    client = PortalClient()
    client.force_login(admin_user)
    return client


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
        # Wait until the worker has handled everything sent at its start (a heartbeat).
        begin = timezone.now()
        hartslag.delay()
        wacht_op(lambda: WorkerHartslag.objects.filter(laatst_gezien__gte=begin).exists())
        yield worker


GELDIG_ZONDER_KOSTENSOORT = {
    "gegevens": {
        "telefoon": "06 12345678",
        "email": "jan@example.org",
        "berichten_via": "brief",
    },
    "kosten": {
        "omschrijving": "Mijn wasmachine is kapot.",
        "bedrag": "450",
        "voorliggende_voorziening": "nee",
        "al_gekocht": "nee",
        "bewijs": ("offerte.pdf", b"%PDF-1.4\n% offerte wasmachine\n%%EOF\n"),
    },
    "inkomen": {"inkomen": "1.600", "vermogen": "120,50", "alleenstaande_ouder": "nee"},
    "uitbetaling": {"iban": "nl91 abna 0417 1643 00", "rekeninghouder": "J. de Vries"},
    "controleren": {"verklaring": "on"},
}


@pytest.fixture
def GELDIG(db):
    """Valid answers per step, with the pk of a real kostensoort."""
    from django.utils import timezone

    from aanvragen.models import EmailCode

    voorbeeldbeleid()
    # Jan proved his address before (Wmebv: an address is used once proven with a code).
    nu = timezone.now()
    EmailCode.objects.create(
        bsn="999993653",
        email="jan@example.org",
        code_hash="-",
        aangemaakt_op=nu,
        geldig_tot=nu,
        gebruikt_op=nu,
    )
    antwoorden = copy.deepcopy(GELDIG_ZONDER_KOSTENSOORT)
    antwoorden["kosten"]["kostensoort"] = str(Kostensoort.objects.get(slug="wasmachine").pk)
    return antwoorden


@pytest.fixture(autouse=True)
def _lege_cache():
    """Every test starts with an empty cache (Redis in these settings): no figures, counters or
    throttles leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def lokale_digid(tmp_path, settings, monkeypatch):
    """A local DigiD identity provider (tests/digid_idp.py) with the portal configured for it
    and DigiD switched to SAML. Call it with the portal's base URL; it returns the IdP."""
    from tests.digid_idp import LokaleDigiD, TestCA, portal_configureren

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.DIGID_BACKEND = "saml"
    ca = TestCA(tmp_path)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca.paar.certificaat_pad))  # trust the test CA
    gestart = []

    def starten(base_url: str = "http://localhost") -> LokaleDigiD:
        sp = ca.uitgeven("portal-digid")
        idp = LokaleDigiD(ca=ca, sp_certificaat_pem=sp.certificaat_pem).starten()
        gestart.append(idp)
        portal_configureren(idp=idp, sp=sp, base_url=base_url)
        return idp

    yield starten
    for idp in gestart:
        idp.stoppen()
