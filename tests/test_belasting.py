"""Load with everything at once (issue 8): inwoners submit (each twice, as a double click from
two tabs), behandelaars claim with "Volgende aanvraag" and award, a real Celery worker makes the
payment instructions and the batch. Afterwards nothing is lost and nothing is doubled: one
aanvraag per inwoner, one claim and one award per aanvraag, one instruction per award, each in
exactly one batch. Also used by docs/resilience.md for the load held.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from aanvragen.models import Aanvraag, StatusWijziging
from aanvragen.statussen import Status
from portal.rollen import Rol
from tests.factories import UserFactory
from tests.helpers import (
    PortalClient,
    brp_bestand,
    bsns,
    inwoner_client,
    post_stap,
    wacht_op,
)
from uitbetaling.models import Betaalopdracht

INWONERS = 16
BEHANDELAARS = 6


def indienen(client, antwoorden) -> str:
    """All steps, then the submission (the wizard's done step) twice at once, as from two tabs;
    returns where the inwoner ends up."""
    for stap, data in antwoorden.items():
        response = post_stap(client, stap, data)
        assert response.status_code == 302
    klaar = response["Location"]
    uitkomsten = []

    def tab():
        try:
            uitkomsten.append(client.get(klaar))
        finally:
            connection.close()

    tabs = [threading.Thread(target=tab) for _ in range(2)]
    for t in tabs:
        t.start()
    for t in tabs:
        t.join(60)
    assert all(u.status_code == 302 for u in uitkomsten), [u.status_code for u in uitkomsten]
    return uitkomsten[0]["Location"]


@pytest.mark.worker
def test_gelijktijdig_indienen_oppakken_en_toekennen(tmp_path, GELDIG, celery_worker):
    nummers = bsns(INWONERS)
    with override_settings(BRP_FIXTURE=brp_bestand(tmp_path / "brp.json", nummers)):
        begin = time.perf_counter()
        with ThreadPoolExecutor(max_workers=8) as pool:

            def een(nummer):
                try:
                    return indienen(inwoner_client(nummer), GELDIG)
                finally:
                    connection.close()

            locaties = list(pool.map(een, nummers))
        indienen_s = time.perf_counter() - begin
    assert all("/aanvragen/ontvangen/" in loc or "/aanvragen/stap/" in loc for loc in locaties)
    assert Aanvraag.objects.filter(bsn__in=nummers).count() == INWONERS  # none lost, none twice
    assert Aanvraag.objects.filter(status=Status.INGEDIEND).count() == INWONERS

    behandelaars = [UserFactory(rollen=[Rol.BEHANDELAAR]) for _ in range(BEHANDELAARS)]
    toegekend = []

    def werken(user):
        client = PortalClient()
        client.force_login(user)
        try:
            while True:
                response = client.post(reverse("behandeling:volgende"))
                if "/behandeling/aanvraag/" not in response["Location"]:
                    return
                pk = int(response["Location"].rstrip("/").split("/")[-1])
                antwoord = client.post(
                    reverse("behandeling:toekennen", args=[pk]),
                    {
                        "toekennen-bedrag": "450",
                        "toekennen-motivering": "Wasmachine volgens beleid.",
                        "toekennen-vorm": "gift",
                        "bevestigd": "ja",
                    },
                )
                assert antwoord.status_code == 302, antwoord.content.decode()[:300]
                toegekend.append(pk)
        finally:
            connection.close()

    begin = time.perf_counter()
    with ThreadPoolExecutor(max_workers=BEHANDELAARS) as pool:
        list(pool.map(werken, behandelaars))
    behandelen_s = time.perf_counter() - begin

    assert sorted(toegekend) == sorted(Aanvraag.objects.values_list("pk", flat=True))
    for aanvraag in Aanvraag.objects.all():  # one claim and one award per aanvraag
        assert StatusWijziging.objects.filter(aanvraag=aanvraag, naar="in_behandeling").count() == 1
        assert StatusWijziging.objects.filter(aanvraag=aanvraag, naar="toegekend").count() == 1
    wacht_op(lambda: Betaalopdracht.objects.filter(batch__isnull=False).count() == INWONERS, 90)
    assert Betaalopdracht.objects.count() == INWONERS
    assert Betaalopdracht.objects.values("aanvraag").distinct().count() == INWONERS
    print(
        f"\nbelasting: {INWONERS} inwoners × 2 tabs in {indienen_s:.1f} s, "
        f"{BEHANDELAARS} behandelaars claimden en kenden toe in {behandelen_s:.1f} s, "
        f"{INWONERS} betaalopdrachten in batches; verloren 0, dubbel 0"
    )
