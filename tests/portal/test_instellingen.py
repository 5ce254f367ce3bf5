"""Production settings: `check --deploy` is clean, and nothing runs without a secret key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from portal.digid import bsn_uit_name_id

ROOT = Path(__file__).resolve().parents[2]
PRODUCTIE = {
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "bijstand.example.nl",
    "DATABASE_URL": "postgres://portal:portal@127.0.0.1:5432/portal",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
}


def manage(*args, **env):
    schoon = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DIGID_"))}
    schoon.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**schoon, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_schoon_met_productie_instellingen():
    resultaat = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTIE)
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr
    assert "no issues" in resultaat.stdout


def test_zonder_secret_key_start_productie_niet():
    env = {k: v for k, v in PRODUCTIE.items() if k != "DJANGO_SECRET_KEY"}
    resultaat = manage("check", **env)
    assert resultaat.returncode != 0
    assert "DJANGO_SECRET_KEY" in resultaat.stderr


def test_productie_standaard_is_digid_saml_zonder_simulator():
    resultaat = manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.DIGID_BACKEND, s.DIGID_SIMULATOR_TOEGESTAAN,"
        " s.TIME_ZONE, s.LANGUAGE_CODE, s.SECURE_SSL_REDIRECT)",
        **PRODUCTIE,
    )
    assert resultaat.stdout.split() == [
        "False",
        "saml",
        "False",
        "Europe/Amsterdam",
        "nl",
        "True",
    ], resultaat.stderr


@pytest.mark.parametrize(
    ("name_id", "bsn"),
    [
        ("s00000000:999993653", "999993653"),
        ("s00000001:999993653", None),
        ("s00000000:12345", None),
        ("", None),
        ("s00000000:99999365a", None),
    ],
)
def test_bsn_uit_digid_name_id(name_id, bsn):
    assert bsn_uit_name_id(name_id) == bsn


@pytest.mark.parametrize(
    "env", [{"DIGID_BACKEND": "simulator"}, {"DIGID_SIMULATOR_TOEGESTAAN": "1"}]
)
def test_simulator_weigert_zonder_debug(env):
    resultaat = manage("check", **PRODUCTIE, **env)
    assert resultaat.returncode != 0
    assert "only allowed with DJANGO_DEBUG=1" in resultaat.stderr
    assert manage("check", **PRODUCTIE, **env, DJANGO_DEBUG="1").returncode == 0
