"""PostgreSQL restarted while inwoners submit (issue 8). Every submission that was confirmed is in
the database afterwards; every one that failed got the error page, never a false confirmation;
and after the restart the portal serves again without being restarted itself.

This restarts the machine's real PostgreSQL (the suite's own server), so it runs as root or
with password-less sudo, as `make test` does when it starts the service.
"""

import os
import subprocess
import threading
import time

import pytest
from django.db import connection
from django.test import override_settings

from aanvragen.models import Aanvraag
from tests.helpers import PortalClient, brp_bestand, bsns, post_stap, wacht_op

INWONERS = 12


def postgres_herstarten() -> None:
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    subprocess.run([*sudo, "service", "postgresql", "restart"], check=True, capture_output=True)


def postgres_klaar() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0


@pytest.mark.django_db(transaction=True)
def test_postgres_herstart_tijdens_indienen_geen_valse_bevestiging(tmp_path, GELDIG):
    nummers = bsns(INWONERS)
    clients = {}
    with override_settings(BRP_FIXTURE=brp_bestand(tmp_path / "brp.json", nummers)):
        for nummer in nummers:  # everyone fills in the form; only the submission is left
            from tests.helpers import inwoner_client

            client = inwoner_client(nummer)
            client.raise_request_exception = False  # a failing view answers 500, as in production
            for stap, data in GELDIG.items():
                response = post_stap(client, stap, data)
                assert response.status_code == 302, response.content.decode()[:3000]
                klaar = response["Location"]
            clients[nummer] = (client, klaar)
        uitkomsten: dict[str, tuple[int, str, str]] = {}

        def indienen(nummer, wacht):
            time.sleep(wacht)
            client, klaar = clients[nummer]
            try:
                response = client.get(klaar)
                uitkomsten[nummer] = (
                    response.status_code,
                    response.get("Location", ""),
                    response.content.decode(errors="replace"),
                )
            finally:
                connection.close()

        threads = [
            threading.Thread(target=indienen, args=(nummer, i * 0.35))
            for i, nummer in enumerate(nummers)
        ]
        for t in threads:
            t.start()
        time.sleep(0.8)
        connection.close()
        postgres_herstarten()  # while submissions are running
        for t in threads:
            t.join(120)
        wacht_op(postgres_klaar, timeout=60)
        connection.close()

    bevestigd = {n: loc for n, (status, loc, _) in uitkomsten.items() if status == 302}
    mislukt = {n: html for n, (status, _, html) in uitkomsten.items() if status != 302}
    assert len(uitkomsten) == INWONERS
    for nummer, locatie in bevestigd.items():
        if "/ontvangen/" in locatie:  # confirmed: it must be there
            referentie = locatie.rstrip("/").split("/")[-1]
            assert Aanvraag.objects.filter(referentie=referentie, bsn=nummer).exists()
    for html in mislukt.values():  # failed: the error page, nothing that looks like success
        assert "Er ging iets mis" in html and "ontvangen" not in html.lower()
    print(
        f"\npostgres-herstart: {INWONERS} indieningen, {len(bevestigd)} bevestigd en bewaard, "
        f"{len(mislukt)} kregen de foutpagina, valse bevestigingen 0"
    )
    # The portal serves again without a restart of its own.
    nog_een = PortalClient()
    assert nog_een.get("/wegwijzer/").status_code == 200
