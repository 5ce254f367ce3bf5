"""The BRP's real shapes in the inwoner's path: a houseboat applies, someone abroad gets the phone
route, a partner without a BSN declares consent, data under investigation is said to be so, and a
BRP behind a broken gateway gives the storing page, never a 500."""

import json

import pytest
from django.urls import reverse

from aanvragen.models import Aanvraag
from aanvragen.selectors import voorstel_get
from portal.models import Gemeente, PartnerToestemming
from tests.brp_server import LokaleBrp, persoon
from tests.helpers import als_inwoner, instellen, post_stap

pytestmark = pytest.mark.django_db


def indienen(client, GELDIG, **per_stap):
    for stap, data in GELDIG.items():
        antwoord = post_stap(client, stap, {**data, **per_stap.get(stap, {})})
        assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    client.get(reverse("aanvragen:stap", args=["klaar"]))
    return Aanvraag.objects.get()


def test_woonboot_vraagt_gewoon_aan_met_het_adres_uit_de_brp(GELDIG):
    client = als_inwoner(bsn="100200047")  # Locatie, birth date only as JaarMaandDatum
    pagina = client.get(reverse("aanvragen:stap", args=["gegevens"])).content.decode()
    assert "Woonboot bij de Zuiderbrug" in pagina
    aanvraag = indienen(client, GELDIG)
    assert aanvraag.adres == "Woonboot bij de Zuiderbrug"
    assert aanvraag.geboortedatum is None and aanvraag.leeftijd_brp == 43
    assert "geboortedatum niet precies" in voorstel_get(aanvraag=aanvraag).motivering


def test_behandelaar_ziet_de_leeftijd_als_de_geboortedatum_onvolledig_is(GELDIG, client):
    from behandeling.werkvoorraad import aanvraag_oppakken
    from portal.rollen import Rol
    from tests.factories import UserFactory

    aanvraag = indienen(als_inwoner(bsn="100200047"), GELDIG)
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    client.force_login(bea)
    pagina = client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode()
    assert "Geboortedatum onbekend: bevestig de leeftijdsgroep" in pagina
    assert "wel de leeftijd: 43 jaar" in pagina


def test_gescheiden_inwoner_woont_alleen(GELDIG):
    aanvraag = indienen(als_inwoner(bsn="100200011"), GELDIG)
    assert aanvraag.partner_situatie == "geen" and aanvraag.partner_naam == ""
    assert "€ 1.401,50" in voorstel_get(aanvraag=aanvraag).motivering  # the single norm


def test_partner_zonder_bsn_is_een_partner_en_verklaart_toestemming(GELDIG):
    instellen(
        Gemeente.objects.filter(cbs_code="9001"), partner_toestemming=PartnerToestemming.DIGID
    )
    client = als_inwoner(bsn="100200035")
    pagina = client.get(reverse("aanvragen:stap", args=["gegevens"])).content.decode()
    assert "Uw partner heeft geen burgerservicenummer (BSN) in Nederland." in pagina
    assert "logt daarvoor in met DigiD" not in pagina
    aanvraag = indienen(
        client,
        GELDIG,
        gegevens={"partner_toestemming": "on"},
        inkomen={"inkomen_partner": "0"},
    )
    assert aanvraag.status == "ingediend"  # not waiting for a DigiD the partner cannot use
    assert aanvraag.partner_situatie == "zonder_bsn" and aanvraag.partner_naam == "Layla Haddad"
    assert aanvraag.partner_toestemming_op is not None
    assert "€ 2.002,13" in voorstel_get(aanvraag=aanvraag).motivering  # the gehuwden norm


def test_adres_in_onderzoek_wordt_gezegd_en_gemeld(GELDIG, client):
    inwoner = als_inwoner(bsn="100200059")
    pagina = inwoner.get(reverse("aanvragen:stap", args=["gegevens"])).content.decode()
    assert "Dit gegeven wordt onderzocht" in pagina
    aanvraag = indienen(inwoner, GELDIG)
    assert aanvraag.brp_in_onderzoek == "adres"
    from portal.rollen import Rol
    from tests.factories import UserFactory

    client.force_login(UserFactory(rollen=[Rol.BEHANDELAAR]))
    staf = client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode()
    assert "In onderzoek bij de BRP: adres." in staf


def test_buitenland_krijgt_de_telefoonroute(tmp_path, settings, GELDIG):
    bestand = tmp_path / "brp.json"
    bestand.write_text(
        json.dumps(
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "personen": [
                    persoon(
                        verblijfplaats={
                            "type": "VerblijfplaatsBuitenland",
                            "verblijfadres": {
                                "regel1": "Rue de la Paix 1",
                                "land": {"code": "5002"},
                            },
                        }
                    )
                ],
            }
        )
    )
    settings.BRP_FIXTURE = str(bestand)
    antwoord = als_inwoner().get(reverse("aanvragen:stap", args=["gegevens"]))
    pagina = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "In de Basisregistratie Personen staat dat u in het buitenland woont." in pagina
    assert "14 0123" in pagina
    assert not Aanvraag.objects.exists()


@pytest.mark.parametrize("storing", ["200-html", "503", "401"])
def test_kapotte_brp_geeft_de_storingspagina(settings, storing, GELDIG):
    brp = LokaleBrp(personen={"999993653": persoon()}, api_key="sleutel", storing=storing)
    settings.BRP_BACKEND = "haalcentraal"
    settings.BRP_API_URL = brp.starten()
    settings.BRP_API_KEY = "sleutel"
    try:
        antwoord = als_inwoner().get(reverse("aanvragen:stap", args=["gegevens"]))
    finally:
        brp.stoppen()
    assert antwoord.status_code == 503
    assert "bel" in antwoord.content.decode().lower()
    gezondheid = als_inwoner().get(reverse("healthz")).json()
    assert gezondheid["brp"] == ("configuratie" if storing == "401" else "storing")
    assert gezondheid["status"] == "degraded"


def test_beheer_ziet_een_configuratiefout_van_de_brp(client):
    from django.core.cache import cache

    from aanvragen.brp import STAND_SLEUTEL
    from tests.factories import UserFactory

    beheer = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(beheer)
    assert "BRP: configuratie" not in client.get("/beheer/").content.decode()
    cache.set(STAND_SLEUTEL, "configuratie", 60)
    assert "BRP: configuratie" in client.get("/beheer/").content.decode()
