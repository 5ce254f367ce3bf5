import json
import os
import re
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import strategies as st

from aanvragen.brp import _fixture_brp, geldige_bsns, proefpersonen
from portal.models import Gemeente
from portal.rollen import Rol
from tests.factories import UserFactory
from uitbetaling.sepa import Debiteur, OpdrachtRij
from wegwijzer.models import Kostensoort


def wacht_op(voorwaarde, timeout: float = 20.0):
    """Poll until `voorwaarde()` is truthy and return it; fail after `timeout` seconds."""
    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        if waarde := voorwaarde():
            return waarde
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def post_stap(client, stap, data):
    """POST one wizard step; a (name, bytes) value becomes a fresh uploaded file."""
    velden = {"aanvraag-current_step": stap}
    for sleutel, waarde in data.items():
        if isinstance(waarde, tuple):
            waarde = SimpleUploadedFile(waarde[0], waarde[1])
        velden[f"{stap}-{sleutel}"] = waarde
    return client.post(reverse("aanvragen:stap", args=[stap]), velden)


class PortalClient(Client):
    """The test client, whose force_login also passes the second factor, as a colleague does
    after typing the code from the app. Tests of the second factor itself use the login form."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if user.is_staff or user.groups.exists():
            apparaat = tweede_factor(user)
            sessie = self.session
            sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
            sessie.save()


def tweede_factor(user) -> TOTPDevice:
    apparaat, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "test"}
    )
    return apparaat


ROOT = Path(__file__).resolve().parents[1]


def worker_omgeving(**extra: str) -> dict:
    """Environment for a real Celery worker process on the test database (and `extra`)."""
    db = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/"
        f"{db['NAME']}",
        **extra,
    }


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


def workers_stoppen(*processen) -> None:
    for proces in processen:
        if proces is not None and proces.poll() is None:
            os.killpg(proces.pid, signal.SIGTERM)
            proces.wait(20)


def als_inwoner(client=None, *, bsn: str = "999993653", niveau: str = "midden"):
    """Log `client` (a new PortalClient when none is given) in as the inwoner with this BSN,
    the way a DigiD login ends (`portal.digid.inwoner_inloggen`), and return it."""
    from django.conf import settings

    from portal.digid import inwoner_inloggen

    client = client or PortalClient()
    sessie = client.session
    inwoner_inloggen(type("R", (), {"session": sessie})(), bsn=bsn, niveau=niveau)
    sessie.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = sessie.session_key
    return client


# A private Redis server for tests that stop or kill it (never the suite's own).


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(poort: int) -> subprocess.Popen:
    proces = subprocess.Popen(
        [
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(poort),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def antwoordt():
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    wacht_op(antwoordt, timeout=20)
    return proces


def redis_stoppen(proces: subprocess.Popen) -> None:
    if proces.poll() is None:
        proces.terminate()
        proces.wait(10)


def gelijktijdig(*acties):
    """Run the actions in threads that start together; return (results, errors)."""
    start = threading.Barrier(len(acties))
    resultaten, fouten = [], []

    def loper(actie):
        try:
            start.wait()
            resultaten.append(actie())
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=loper, args=(a,)) for a in acties]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return resultaten, fouten


def antwoorden(**kwargs):
    gemeente = Gemeente.objects.get(cbs_code="9001")
    waarden = {
        "gemeente": str(gemeente.pk),
        "kostensoort": str(Kostensoort.objects.get(slug="wasmachine").pk),
        "bedrag": "450.00",
        "leefsituatie": "alleenstaande",
        "leeftijdsgroep": "21_aow",
        "inkomen": "1600.00",
        "vermogen": "0.00",
        "voorliggende_voorziening": "nee",
        "al_gekocht": "nee",
    }
    waarden.update(kwargs)
    return waarden


WAARDEN = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "1e9",
            "999999999999",
            "450,00",
            "4.50,0",
            "NaN",
            "∞",
            "gift",
            "lening",
            "leverancier",
            "NL91ABNA0417164300",
            "\x00",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "x" * 5000,
        ]
    ),
)


DEBITEUR = Debiteur("Gemeente Voorbeeldstad", "NL14BNGH0285001234", "BNGHNL2G")


def sepa_rij(**kwargs):
    waarden = dict(
        naam="J. de Vries",
        iban="NL91ABNA0417164300",
        bedrag=Decimal("99.90"),
        omschrijving="BB-2026-000001 Bijzondere bijstand",
        end_to_end_id="BB-2026-000001",
    )
    waarden.update(kwargs)
    return OpdrachtRij(**waarden)


def pdf_tekst(document) -> str:
    resultaat = subprocess.run(
        ["pdftotext", "-layout", document.bestand.path, "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(resultaat.stdout.split())


def ingelogd(bsn="999993653") -> Client:
    return als_inwoner(Client(), bsn=bsn)


def bsns(aantal: int) -> list[str]:
    return geldige_bsns(aantal, vanaf=300_000_000)


def brp_bestand(pad, nummers) -> str:
    pad.write_text(json.dumps(proefpersonen(nummers, voornaam="Test")))
    _fixture_brp.cache_clear()
    return str(pad)


MEDEWERKER_WACHTWOORD = "Een-lang-wachtwoord-2026"


def medewerker_met_wachtwoord(rol=Rol.BEHANDELAAR, **kwargs):
    user = UserFactory(rollen=[rol], **kwargs)
    user.set_password(MEDEWERKER_WACHTWOORD)
    user.save()
    return user


def wachtwoord_invullen(client, user, wachtwoord=MEDEWERKER_WACHTWOORD, volgende="/behandeling/"):
    return client.post(
        reverse("medewerker-inloggen"),
        {"username": user.username, "password": wachtwoord, "next": volgende},
    )


def totp_code(apparaat: TOTPDevice, verschuiving: int = 0) -> str:
    return f"{totp(apparaat.bin_key, t0=-verschuiving * 30):06d}"


def inwoner_client(nummer: str) -> PortalClient:
    return als_inwoner(bsn=nummer)


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

    @classmethod
    def leegmaken(cls) -> None:
        cls.binnen.clear()
        cls.geaccepteerd.clear()
        cls.hangen.clear()
        cls.loslaten.clear()


def postkamer_starten(poort: int = 0) -> socketserver.ThreadingTCPServer:
    """A local SMTP server (Postkamer) on `poort` (0: any free one), emptied, in a thread. Stop it
    with `server.shutdown(); server.server_close()`."""
    Postkamer.leegmaken()
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", poort), Postkamer)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def instellen(queryset, **velden) -> None:
    """Change rows as the admin does (save(), so the signals that keep caches right fire), not
    with a bulk update() that no cache hears of (portal.generatie)."""
    for rij in queryset:
        for naam, waarde in velden.items():
            setattr(rij, naam, waarde)
        rij.save()
