"""The ClamAV seam (issue 8). clamd cannot run here (its signature database needs the internet),
so a stand-in speaks clamd's INSTREAM protocol on a real socket and, like clamd with its
database, reports the EICAR test file as FOUND. The portal's own code path is unchanged.
"""

import socket
import struct
import threading
from io import BytesIO

import pytest
from django.test import override_settings

from aanvragen.virusscan import ScanNietBeschikbaar, scan
from tests.helpers import PortalClient, als_inwoner, post_stap

# The EICAR anti-virus test string (harmless; every scanner reports it).
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class NepClamd:
    """Answers zINSTREAM like clamd: 'stream: OK' or 'stream: Eicar-Signature FOUND'."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.adres = f"127.0.0.1:{self.server.getsockname()[1]}"
        self.gescand = 0
        threading.Thread(target=self._dienen, daemon=True).start()

    def _dienen(self):
        while True:
            try:
                verbinding, _ = self.server.accept()
            except OSError:
                return
            with verbinding:
                bestand = self._lezen(verbinding)
                self.gescand += 1
                antwoord = b"stream: Eicar-Signature FOUND" if EICAR in bestand else b"stream: OK"
                verbinding.sendall(antwoord + b"\0")

    @staticmethod
    def _lezen(verbinding) -> bytes:
        buffer = b""
        while b"\0" not in buffer:
            buffer += verbinding.recv(64)
        assert buffer.startswith(b"zINSTREAM\0")
        rest, data = buffer[len(b"zINSTREAM\0") :], b""
        while True:
            while len(rest) < 4:
                rest += verbinding.recv(65536)
            lengte = struct.unpack("!L", rest[:4])[0]
            rest = rest[4:]
            if lengte == 0:
                return data
            while len(rest) < lengte:
                rest += verbinding.recv(65536)
            data, rest = data + rest[:lengte], rest[lengte:]

    def stop(self):
        self.server.close()


@pytest.fixture
def clamd():
    nep = NepClamd()
    with override_settings(CLAMD_ADRES=nep.adres):
        yield nep
    nep.stop()


def test_schoon_en_besmet_bestand(clamd):
    schoon = scan(BytesIO(b"%PDF-1.4\n" + b"x" * 200_000))  # more than one INSTREAM block
    assert schoon.gescand and schoon.schoon and schoon.melding == "stream: OK"
    besmet = scan(BytesIO(b"%PDF-1.4\n" + EICAR))
    assert besmet.gescand and not besmet.schoon and "FOUND" in besmet.melding


def test_clamd_onbereikbaar_weigert_het_bestand():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dicht = f"127.0.0.1:{s.getsockname()[1]}"
    with override_settings(CLAMD_ADRES=dicht), pytest.raises(ScanNietBeschikbaar):
        scan(BytesIO(b"%PDF-1.4\n"))


def test_zonder_clamd_wordt_dat_vastgelegd():
    uitkomst = scan(BytesIO(b"%PDF-1.4\n"))
    assert not uitkomst.gescand and uitkomst.melding == "niet geconfigureerd"


@pytest.mark.django_db
def test_eicar_in_een_pdf_wordt_in_de_wizard_geweigerd(clamd, GELDIG):

    client = PortalClient()
    als_inwoner(client, bsn="999993653")
    post_stap(client, "gegevens", GELDIG["gegevens"])
    besmet = {**GELDIG["kosten"], "bewijs": ("offerte.pdf", b"%PDF-1.4\n" + EICAR + b"\n%%EOF")}
    response = post_stap(client, "kosten", besmet)
    assert response.status_code == 200
    assert "In dit bestand zit mogelijk een virus" in response.content.decode()
    assert post_stap(client, "kosten", GELDIG["kosten"]).status_code == 302  # a clean one is fine
    assert clamd.gescand == 2
