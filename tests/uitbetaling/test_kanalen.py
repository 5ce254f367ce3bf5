"""Hand-off channels: the outbox, and HTTP against a real server on loopback."""

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from uitbetaling.batches import batch_afleveren, batch_samenstellen
from uitbetaling.kanalen import AfleverFout, HttpKanaal
from uitbetaling.models import BatchStatus

ONTVANGEN: list[tuple[dict, bytes]] = []


class Gateway(BaseHTTPRequestHandler):
    status = 201

    def do_POST(self):  # noqa: N802 - http.server's naming
        lengte = int(self.headers["Content-Length"])
        ONTVANGEN.append((dict(self.headers), self.rfile.read(lengte)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    ONTVANGEN.clear()
    server = HTTPServer(("127.0.0.1", 0), Gateway)
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    yield f"http://127.0.0.1:{server.server_port}/pain001"
    server.shutdown()
    Gateway.status = 201


def test_http_kanaal_stuurt_bestand_met_hash(gateway):
    inhoud = b"<Document/>"
    sha = hashlib.sha256(inhoud).hexdigest()
    HttpKanaal(gateway, token="geheim").afleveren("b.xml", inhoud, sha)
    koppen, lichaam = ONTVANGEN[0]
    assert lichaam == inhoud
    assert koppen["X-Content-SHA256"] == sha and koppen["Authorization"] == "Bearer geheim"


def test_http_fout_wordt_afleverfout(gateway):
    Gateway.status = 503
    with pytest.raises(AfleverFout):
        HttpKanaal(gateway).afleveren("b.xml", b"x", "0" * 64)
    with pytest.raises(AfleverFout):
        HttpKanaal("http://127.0.0.1:9/nergens", timeout=2).afleveren("b.xml", b"x", "0" * 64)


@pytest.mark.django_db
def test_batch_via_http_en_opnieuw_na_storing(gateway, settings):
    from tests.factories import betaalopdracht_van_toekenning

    settings.SEPA_KANAAL = "http"
    settings.SEPA_HTTP_URL = gateway
    opdracht = betaalopdracht_van_toekenning()
    batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id)
    Gateway.status = 500
    with pytest.raises(AfleverFout):
        batch_afleveren(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.AANGEMAAKT and "failed" in batch.afleverfout
    Gateway.status = 201
    batch_afleveren(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.AANGEBODEN
    assert ONTVANGEN[-1][1].decode() == batch.xml  # the same bytes, sent again
