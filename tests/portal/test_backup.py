"""Backup and restore (issue 8): scripts/backup.sh, then scripts/restore.sh into an empty
database and an empty directory; every aanvraag, log entry and file comes back."""

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from aanvragen.models import Aanvraag, Document
from portal.models import Verwerking
from tests.factories import ingediende_aanvraag

ROOT = Path(__file__).resolve().parents[2]


def _url(naam: str) -> str:
    db = connection.settings_dict
    return f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{naam}"


@pytest.mark.django_db(transaction=True)
def test_backup_en_restore_in_een_lege_database(tmp_path):
    from aanvragen.documenten import ontvangstbevestiging_maken

    aanvragen = [ingediende_aanvraag(bsn=bsn) for bsn in ("999993653", "100042090")]
    for aanvraag in aanvragen:
        ontvangstbevestiging_maken(aanvraag_id=aanvraag.pk)
    document = Document.objects.filter(aanvraag=aanvragen[0]).first()
    assert document is not None
    env = {
        **os.environ,
        "DATABASE_URL": _url(connection.settings_dict["NAME"]),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    map_ = subprocess.run(
        [str(ROOT / "scripts/backup.sh"), str(tmp_path / "backups")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    doel = "test_portal_restore"
    with psycopg.connect(_url("postgres"), autocommit=True) as beheer:
        beheer.execute(f"DROP DATABASE IF EXISTS {doel}")
        beheer.execute(f"CREATE DATABASE {doel}")
    try:
        herstel = tmp_path / "hersteld"
        subprocess.run(
            [str(ROOT / "scripts/restore.sh"), map_],
            env={**env, "DATABASE_URL": _url(doel), "PRIVATE_MEDIA_ROOT": str(herstel)},
            capture_output=True,
            text=True,
            check=True,
        )
        with psycopg.connect(_url(doel)) as hersteld:
            aantal = hersteld.execute("SELECT count(*) FROM aanvragen_aanvraag").fetchone()[0]
            logregels = hersteld.execute("SELECT count(*) FROM portal_verwerking").fetchone()[0]
            referenties = {
                r[0] for r in hersteld.execute("SELECT referentie FROM aanvragen_aanvraag")
            }
        assert aantal == Aanvraag.objects.count() == 2
        assert logregels == Verwerking.objects.count() > 0
        assert referenties == {a.referentie for a in aanvragen}
        assert (herstel / document.bestand.name).read_bytes() == document.bestand.read()

        # A second restore into the now-filled database is refused: live data is never overwritten.
        nogmaals = subprocess.run(
            [str(ROOT / "scripts/restore.sh"), map_],
            env={**env, "DATABASE_URL": _url(doel), "PRIVATE_MEDIA_ROOT": str(tmp_path / "x")},
            capture_output=True,
            text=True,
        )
        assert nogmaals.returncode != 0 and "not empty" in nogmaals.stderr
    finally:
        with psycopg.connect(_url("postgres"), autocommit=True) as beheer:
            beheer.execute(f"DROP DATABASE IF EXISTS {doel} WITH (FORCE)")
