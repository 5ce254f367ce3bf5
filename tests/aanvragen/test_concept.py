"""Nothing is lost: every step is saved server-side and resumes after a new login."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aanvragen.models import Aanvraag, AanvraagConcept
from aanvragen.tasks import concepten_opruimen
from portal.digid import SESSIE_SLEUTEL
from portal.rollen import Rol
from tests.factories import UserFactory
from tests.helpers import PortalClient as Client
from tests.helpers import ingelogd, post_stap

pytestmark = pytest.mark.django_db


def test_na_nieuwe_login_verder_bij_laatste_stap(GELDIG):
    eerste = ingelogd()
    post_stap(eerste, "gegevens", GELDIG["gegevens"])
    post_stap(eerste, "kosten", GELDIG["kosten"])
    concept = AanvraagConcept.objects.get()
    assert concept.stap == "inkomen"
    assert "450" in str(concept.data["step_data"]["kosten"])

    tweede = ingelogd()  # a new browser session, a new DigiD login
    response = tweede.get(reverse("aanvragen:start"))
    assert response["Location"] == reverse("aanvragen:stap", args=["inkomen"])
    kosten = tweede.get(reverse("aanvragen:stap", args=["kosten"])).content.decode()
    assert "Mijn wasmachine is kapot." in kosten
    for stap in ("inkomen", "uitbetaling", "controleren"):
        post_stap(tweede, stap, GELDIG[stap])
    tweede.get(reverse("aanvragen:stap", args=["klaar"]))
    assert Aanvraag.objects.count() == 1
    assert not AanvraagConcept.objects.exists()  # the draft is gone once sent


def test_verlopen_sessie_verliest_niets(GELDIG):
    client = ingelogd()
    post_stap(client, "gegevens", GELDIG["gegevens"])
    sessie = client.session
    data = sessie[SESSIE_SLEUTEL]
    data["laatste_activiteit"] = (timezone.now() - timedelta(minutes=16)).isoformat()
    sessie[SESSIE_SLEUTEL] = data
    sessie.save()

    response = post_stap(client, "kosten", GELDIG["kosten"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("digid-simulator"))
    assert AanvraagConcept.objects.get().stap == "kosten"  # the first step is kept
    opnieuw = ingelogd()
    assert opnieuw.get(reverse("aanvragen:start"))["Location"].endswith("/stap/kosten/")


def test_concept_van_inwoner_en_van_klantcontact_zijn_gescheiden(GELDIG):
    inwoner = ingelogd()
    post_stap(inwoner, "gegevens", GELDIG["gegevens"])
    medewerker = Client()
    medewerker.force_login(UserFactory(rollen=[Rol.KLANTCONTACT]))
    medewerker.post(
        reverse("aanvragen:namens-start"), {"bsn": "999993653", "identiteit_gecontroleerd": "on"}
    )
    assert medewerker.get(reverse("aanvragen:start"))["Location"].endswith("/stap/gegevens/")
    assert AanvraagConcept.objects.count() == 1


def test_ander_bsn_ziet_concept_niet(GELDIG):
    post_stap(ingelogd(), "gegevens", {**GELDIG["gegevens"], "telefoon": "06 98765432"})
    ander = ingelogd("111222333")
    html = ander.get(reverse("aanvragen:stap", args=["gegevens"])).content.decode()
    assert "Fatima El Amrani" in html
    assert "06 98765432" not in html


def test_oude_concepten_worden_opgeruimd(GELDIG, settings):
    post_stap(ingelogd(), "gegevens", GELDIG["gegevens"])
    assert concepten_opruimen() == 0
    AanvraagConcept.objects.update(bijgewerkt_op=timezone.now() - timedelta(days=31))
    assert concepten_opruimen() == 1
    assert not AanvraagConcept.objects.exists()
