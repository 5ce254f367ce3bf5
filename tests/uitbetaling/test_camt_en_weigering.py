import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from portal.rollen import Rol
from tests.factories import UserFactory, betaalopdracht_van_toekenning
from tests.helpers import DEBITEUR, PortalClient, sepa_rij
from uitbetaling.batches import batch_afleveren, batch_samenstellen
from uitbetaling.models import OpdrachtStatus
from uitbetaling.opdrachten import betaalopdracht_geweigerd_melden
from uitbetaling.sepa import pain001_maken

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.django_db
def test_geweigerde_betaling_opnieuw_klaarzetten_blijft_een_opdracht(client, settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    opdracht = betaalopdracht_van_toekenning()
    batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id)
    batch_afleveren(batch_id=batch.pk)
    betaalopdracht_geweigerd_melden(
        opdracht_id=opdracht.pk,
        door=UserFactory(rollen=[Rol.FINANCIEN]),
        reden="AC04 rekening opgeheven",
    )
    behandelaar = opdracht.aanvraag.behandelaar
    client.force_login(behandelaar)
    pagina = client.get(reverse("behandeling:aanvraag", args=[opdracht.aanvraag_id]))
    assert "De bank heeft de betaling geweigerd" in pagina.content.decode()
    client.post(
        reverse("behandeling:betaling-opnieuw", args=[opdracht.aanvraag_id]),
        {
            "opnieuw-iban": "NL20INGB0001234567",
            "opnieuw-rekeninghouder": "J. de Vries",
            "opnieuw-reden": "Aanvrager belde: oude rekening opgeheven.",
        },
    )
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.GEWEIGERD  # a new account waits for a colleague
    collega = PortalClient()
    collega.force_login(UserFactory(rollen=[Rol.BEHANDELAAR]))
    pagina = collega.get(reverse("behandeling:aanvraag", args=[opdracht.aanvraag_id]))
    kenmerk = re.search(r'name="kenmerk" value="(\w+)"', pagina.content.decode()).group(1)
    assert "NL20 INGB 0001 2345 67" in pagina.content.decode()
    collega.post(
        reverse("behandeling:rekening-beoordelen", args=[opdracht.aanvraag_id]),
        {"kenmerk": kenmerk, "besluit": "goedkeuren"},
    )
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.KLAARGEZET
    assert opdracht.iban == "NL20INGB0001234567" and opdracht.batch is None
    batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id)
    assert batch.opdrachten.get() == opdracht
    assert type(opdracht).objects.filter(aanvraag=opdracht.aanvraag).count() == 1


def test_gouden_bestand_pain001_03():
    bestand = pain001_maken(
        debiteur=DEBITEUR,
        rijen=[
            sepa_rij(),
            sepa_rij(
                naam="Zoe + Soren van Dijk",
                end_to_end_id="BB-2026-000002",
                bedrag=Decimal("450.00"),
                omschrijving="BB-2026-000002 Bijzondere bijstand",
            ),
        ],
        uitvoerdatum=date(2026, 12, 1),
        msg_id="BB9001-20261201100000-000001",
        pmt_inf_id="BB9001-20261201100000-000001-1",
    )
    zonder_tijd = re.sub(rb"<CreDtTm>[^<]+</CreDtTm>", b"<CreDtTm/>", bestand.xml)
    verwacht = (GOLDEN / "pain001_03.xml").read_bytes().strip()
    assert zonder_tijd == verwacht
