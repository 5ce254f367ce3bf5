import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


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
