"""DigiD levels: order, SAML names, and the simulator keeping to the regeling's level."""

import pytest
from django.urls import reverse

from portal.digid import SESSIE_SLEUTEL
from portal.models import Regeling
from portal.niveaus import Niveau, voldoet


def test_volgorde_en_namen():
    assert Niveau.BASIS < Niveau.MIDDEN < Niveau.SUBSTANTIEEL < Niveau.HOOG
    for niveau in Niveau:
        assert Niveau.van_urn(niveau.urn) is niveau
        assert Niveau.van_naam(niveau.naam) is niveau
    assert Niveau.van_urn("urn:oasis:names:tc:SAML:2.0:ac:classes:Password") is None


@pytest.mark.parametrize(
    ("behaald", "vereist", "uitkomst"),
    [
        ("midden", "midden", True),
        ("hoog", "midden", True),
        ("basis", "midden", False),
        ("midden", "substantieel", False),
        ("onbekend", "basis", False),
        ("hoog", "onzin", False),
    ],
)
def test_voldoet(behaald, vereist, uitkomst):
    assert voldoet(behaald, vereist) is uitkomst


@pytest.mark.django_db
def test_simulator_weigert_een_lager_niveau_dan_de_regeling_vraagt(client):
    from tests.factories import voorbeeldbeleid

    voorbeeldbeleid()
    regeling = Regeling.objects.get(slug="bijzondere-bijstand")
    regeling.digid_niveau = "substantieel"
    regeling.save()
    pagina = client.get(reverse("digid-simulator"))
    assert 'value="substantieel" selected' in pagina.content.decode()
    response = client.post(reverse("digid-simulator"), {"bsn": "999993653", "niveau": "midden"})
    assert response.status_code == 200
    assert "moet u inloggen met DigiD Substantieel" in response.content.decode()
    assert SESSIE_SLEUTEL not in client.session
    client.post(reverse("digid-simulator"), {"bsn": "999993653", "niveau": "substantieel"})
    assert client.session[SESSIE_SLEUTEL]["niveau"] == "substantieel"
