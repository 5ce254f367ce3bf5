from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aanvragen.selectors import voorstel_get
from portal.models import Gemeente
from tests.factories import ingediende_aanvraag, voorbeeldbeleid
from tests.helpers import antwoorden
from wegwijzer import services
from wegwijzer.check import staat_dump, staat_nieuw
from wegwijzer.models import Beleidsregel, Kostensoort, Normbedrag, WegwijzerTelling
from wegwijzer.regels import Oordeel

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def laatste_vraag(client, staat_antwoorden):
    staat = staat_nieuw()
    staat["antwoorden"] = staat_antwoorden
    data = {
        k: v for k, v in staat_antwoorden.items() if k in ("voorliggende_voorziening", "al_gekocht")
    }
    return client.post(
        reverse("wegwijzer:check"), {"staat": staat_dump(staat), "vraag": "anders", **data}
    )


@time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS))
def test_wegwijzer_en_voorstel_komen_uit_dezelfde_functie_en_versie(client):
    voorbeeldbeleid()
    response = laatste_vraag(client, antwoorden())
    uit_wegwijzer = response.context["uitkomst"]
    # Jan de Vries (born 1979, no partner) applies with the same numbers.
    aanvraag = ingediende_aanvraag(
        nu=datetime(2026, 3, 2, 10, 5, tzinfo=AMS),
        inkomen=Decimal("1600.00"),
        vermogen=Decimal("0.00"),
        bedrag=Decimal("450.00"),
    )
    voorstel = voorstel_get(aanvraag=aanvraag)
    assert uit_wegwijzer == voorstel
    assert voorstel.bedrag == Decimal("99.90")
    assert voorstel.versie_id == aanvraag.beleidsregel_id


def test_uitkomst_nee_met_reden_en_telling(client):
    voorbeeldbeleid()
    oven = Kostensoort.objects.get(slug="oven")
    response = laatste_vraag(client, antwoorden(kostensoort=str(oven.pk)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "U krijgt waarschijnlijk geen bijzondere bijstand" in html
    assert "gewone kosten" in html
    assert WegwijzerTelling.objects.get().uitkomst_nee == 1


def test_gemanipuleerde_staat_geeft_nette_pagina(client):
    voorbeeldbeleid()
    response = client.post(
        reverse("wegwijzer:check"), {"staat": "nep", "vraag": "kosten", "bedrag": "450"}
    )
    assert response.status_code == 400
    assert "Begin de check opnieuw" in response.content.decode()


def test_niets_persoonlijks_bewaard(client):
    voorbeeldbeleid()
    laatste_vraag(client, antwoorden())
    assert "wegwijzer_check" not in client.session
    rij = WegwijzerTelling.objects.values().get()
    assert set(rij) == {
        "id",
        "datum",
        "gemeente_id",
        "gestart",
        "afgerond",
        "uitkomst_ja",
        "uitkomst_nee",
        "uitkomst_onbekend",
        "seconden_totaal",
        "binnen_twee_minuten",
        "binnen_kwartier",
    }


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    vraag=st.sampled_from(["gemeente", "kosten", "situatie", "geld", "anders", "x", ""]),
    velden=st.dictionaries(
        st.sampled_from(
            [
                "gemeente",
                "kostensoort",
                "bedrag",
                "leefsituatie",
                "leeftijdsgroep",
                "inkomen",
                "vermogen",
                "voorliggende_voorziening",
                "al_gekocht",
                "terug",
            ]
        ),
        st.one_of(st.text(max_size=30), st.integers(-(10**9), 10**9).map(str)),
        max_size=8,
    ),
)
def test_willekeurige_invoer_geeft_nooit_500(client, vraag, velden):
    if not Gemeente.objects.exists():
        voorbeeldbeleid()
    staat = staat_nieuw()
    staat["antwoorden"] = {"gemeente": str(Gemeente.objects.first().pk)}
    response = client.post(
        reverse("wegwijzer:check"), {"staat": staat_dump(staat), "vraag": vraag, **velden}
    )
    assert response.status_code in (200, 400)


def test_nieuwe_normen_per_1_juli_zonder_codewijziging():
    beleid = voorbeeldbeleid()
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS)):
        maart = ingediende_aanvraag()
    # Functioneel beheer enters the 1-7-2026 norm as data.
    Normbedrag.objects.create(
        leefsituatie="alleenstaande",
        leeftijdsgroep="21_aow",
        bedrag=Decimal("1420.00"),
        geldig_vanaf=date(2026, 7, 1),
    )
    Normbedrag.objects.filter(geldig_vanaf=date(2026, 1, 1)).update(geldig_tot=date(2026, 6, 30))
    with time_machine.travel(datetime(2026, 7, 6, 10, 0, tzinfo=AMS)):
        juli = ingediende_aanvraag()
    assert maart.beleidsregel == juli.beleidsregel == beleid
    assert "€ 1.401,50" in voorstel_get(aanvraag=maart).motivering  # keeps its version
    assert "€ 1.420,00" in voorstel_get(aanvraag=juli).motivering


def test_nieuwe_versie_beleid_en_oude_blijft_bevroren(admin_user):
    beleid = voorbeeldbeleid()
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS)):
        oud = ingediende_aanvraag()
    nieuw = services.beleidsregel_nieuwe_versie(
        beleidsregel=beleid, door=admin_user, vanaf=date(2026, 7, 1)
    )
    beleid.refresh_from_db()
    assert beleid.geldig_tot == date(2026, 6, 30)
    assert nieuw.geldig_vanaf == date(2026, 7, 1)
    assert nieuw.kostensoorten.count() == beleid.kostensoorten.count()
    assert services.beleidsregel_in_gebruik(beleidsregel=beleid)
    oud.refresh_from_db()
    assert oud.beleidsregel == beleid
    overlap = Beleidsregel(
        gemeente=beleid.gemeente, regeling=beleid.regeling, naam="x", geldig_vanaf=date(2026, 6, 1)
    )
    with pytest.raises(ValidationError):
        overlap.full_clean()


def test_beleid_in_gebruik_is_alleen_lezen_in_admin(admin_client):
    beleid = voorbeeldbeleid()
    url = reverse("admin:wegwijzer_beleidsregel_change", args=[beleid.pk])
    ingediende_aanvraag()
    response = admin_client.post(url, {"naam": "gewijzigd"})
    beleid.refresh_from_db()
    assert beleid.naam != "gewijzigd"
    assert response.status_code in (200, 403)


def test_telling_per_dag():
    gemeente = voorbeeldbeleid().gemeente
    services.check_gestart(gemeente_id=gemeente.pk, datum=date(2026, 3, 2))
    services.check_afgerond(
        gemeente_id=gemeente.pk, datum=date(2026, 3, 2), oordeel=Oordeel.ONBEKEND, seconden=200
    )
    telling = WegwijzerTelling.objects.get()
    assert (
        telling.gestart,
        telling.afgerond,
        telling.uitkomst_onbekend,
        telling.binnen_twee_minuten,
        telling.binnen_kwartier,
    ) == (1, 1, 1, 0, 1)


def test_beleidsversie_uit_cache_tot_het_beleid_wijzigt(django_assert_num_queries):
    from wegwijzer.models import KostensoortBeleid
    from wegwijzer.selectors import beleidsversie_get

    beleid = voorbeeldbeleid()
    gemeente, peildatum = beleid.gemeente, date(2026, 3, 2)
    eerste = beleidsversie_get(gemeente=gemeente, regeling=beleid.regeling, peildatum=peildatum)
    with django_assert_num_queries(0):  # the second page view asks the cache, not the database
        beleidsversie_get(gemeente=gemeente, regeling=beleid.regeling, peildatum=peildatum)
    regel = KostensoortBeleid.objects.get(beleidsregel=beleid, kostensoort__slug="wasmachine")
    regel.maximum_bedrag = Decimal("123.00")
    regel.save()  # functioneel beheer changes a rule
    na = beleidsversie_get(gemeente=gemeente, regeling=beleid.regeling, peildatum=peildatum)
    assert eerste.kostensoorten["wasmachine"].maximum != Decimal("123.00")
    assert na.kostensoorten["wasmachine"].maximum == Decimal("123.00")


@pytest.mark.parametrize(
    ("leefsituatie", "alleenstaande_ouder"),
    [("alleenstaande", "nee"), ("alleenstaande_ouder", "ja"), ("gehuwden", None)],
)
def test_check_vult_de_vraag_over_kinderen_in_de_aanvraag_in(leefsituatie, alleenstaande_ouder):
    from aanvragen.van_check import SESSIE_SLEUTEL, voor_stap

    verzoek = type("R", (), {"session": {SESSIE_SLEUTEL: {"leefsituatie": leefsituatie}}})()
    assert voor_stap(verzoek, "inkomen").get("alleenstaande_ouder") == alleenstaande_ouder
