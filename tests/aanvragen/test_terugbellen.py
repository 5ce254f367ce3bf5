import pytest
from django.urls import reverse

from aanvragen.models import Terugbelverzoek
from portal.models import Gemeente
from portal.rollen import Rol
from tests.factories import UserFactory, voorbeeldbeleid

pytestmark = pytest.mark.django_db


def test_inwoner_vraagt_terugbellen_en_klantcontact_handelt_af(client):
    voorbeeldbeleid()
    fout = client.post(reverse("aanvragen:terugbellen"), {"naam": "", "telefoon": "12"})
    assert "Vul uw naam in." in fout.content.decode()
    assert not Terugbelverzoek.objects.exists()
    gemeente = Gemeente.objects.get(cbs_code="9001")
    response = client.post(
        reverse("aanvragen:terugbellen"),
        {
            "gemeente": gemeente.pk,
            "naam": "Jan",
            "telefoon": "06 12345678",
            "tijdvak": "ochtend",
            "vraag": "Wasmachine",
        },
    )
    assert "Wij bellen u binnen 1 werkdag" in response.content.decode()

    medewerker = UserFactory(rollen=[Rol.KLANTCONTACT])
    client.force_login(medewerker)
    lijst = client.get(reverse("aanvragen:terugbelverzoeken")).content.decode()
    assert "06 12345678" in lijst
    verzoek = Terugbelverzoek.objects.get()
    client.post(reverse("aanvragen:terugbelverzoeken"), {"verzoek": verzoek.pk})
    verzoek.refresh_from_db()
    assert verzoek.afgehandeld_door == medewerker
    dubbel = client.post(reverse("aanvragen:terugbelverzoeken"), {"verzoek": "abc"}, follow=True)
    assert dubbel.status_code == 200
