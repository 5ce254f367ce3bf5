"""The Wegwijzer tells the truth: every answer asked is used, the savings sentence names the
amount after the buffer, draagkracht is explained, "andere gemeente" says where to go, and
the list of kosten shows what is paid apart from what is not."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from portal.models import Gemeente
from tests.factories import voorbeeldbeleid
from tests.helpers import antwoorden
from wegwijzer.check import staat_dump, staat_nieuw
from wegwijzer.models import Kostensoort
from wegwijzer.regels import Oordeel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("beleid")]
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def beleid():
    voorbeeldbeleid()


def uitkomst(client, **kwargs):
    staat = staat_nieuw()
    staat["antwoorden"] = antwoorden(**kwargs)
    data = {
        k: v
        for k, v in staat["antwoorden"].items()
        if k in ("voorliggende_voorziening", "al_gekocht", "vergoed_door_ander")
    }
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS)):
        antwoord = client.post(
            reverse("wegwijzer:check"), {"staat": staat_dump(staat), "vraag": "anders", **data}
        )
    return antwoord, " ".join(antwoord.content.decode().split())


def test_al_gekocht_wordt_gebruikt(client):
    antwoord, pagina = uitkomst(client, al_gekocht="ja")
    assert "U heeft het al gekocht. Bij deze kosten mag dat. Stuur de bon" in pagina


def test_verzekering_betaalt_een_deel_dan_wordt_de_rest_bekeken(client):
    bril = str(Kostensoort.objects.get(slug="bril").pk)
    antwoord, pagina = uitkomst(
        client,
        kostensoort=bril,
        bedrag="250.00",
        inkomen="1000.00",
        voorliggende_voorziening="deels",
        vergoed_door_ander="75",
    )
    assert antwoord.context["uitkomst"].oordeel == Oordeel.JA
    assert "die betaalt een deel, € 75,00. Voor de rest, € 175,00" in pagina
    assert "De kosten zijn € 175,00." in pagina


def test_deels_zonder_bedrag_vraagt_het_bedrag(client):
    antwoord, pagina = uitkomst(client, voorliggende_voorziening="deels")
    assert "Vul in hoeveel de regeling of verzekering betaalt" in pagina


def test_spaargeld_zin_noemt_het_bedrag_na_de_buffer_en_draagkracht_is_uitgelegd(client):
    antwoord, pagina = uitkomst(client, vermogen="12000.00")
    assert (
        "U heeft € 12.000,00 aan geld. Daarvan is € 1.401,50 voor uw gewone uitgaven. "
        "Dan blijft € 10.598,50 over. Wat boven de grens van € 8.000,00 komt, telt mee: "
        "€ 2.598,50." in pagina
    )
    assert "(dat heet uw draagkracht)" in pagina
    assert "Voorbeeldbeleid bijzondere bijstand 2026" in pagina
    assert "((" not in pagina and "gemodelleerd" not in pagina


def test_andere_gemeente_zegt_waar_u_heen_moet(client):
    staat = staat_nieuw()
    antwoord = client.post(
        reverse("wegwijzer:check"),
        {"staat": staat_dump(staat), "vraag": "gemeente", "gemeente": "anders"},
    )
    pagina = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Vraag het aan bij uw eigen gemeente" in pagina
    assert 'href="https://www.voorbeeldstad.example/bijzondere-bijstand"' in pagina
    assert "14 en dan het netnummer" in pagina
    eerste = client.get(reverse("wegwijzer:check")).content.decode()
    assert "Ik woon in een andere gemeente" in eerste


def test_startpagina_zet_wat_niet_betaald_wordt_apart(client):
    pagina = client.get(reverse("wegwijzer:start")).content.decode()
    lijst, niet = pagina.split('data-testid="niet-vergoed"')
    assert "Oven" not in lijst.split("Voor welke kosten?")[1]
    assert "<li>Oven</li>" in niet


def test_een_gemeente_dan_toch_een_weg_voor_wie_ergens_anders_woont(client):
    from wegwijzer.models import Beleidsregel

    Beleidsregel.objects.exclude(gemeente__cbs_code="9001").delete()
    Gemeente.objects.exclude(cbs_code="9001").delete()
    pagina = client.get(reverse("wegwijzer:check")).content.decode()
    assert "Deze check is voor inwoners van Voorbeeldstad." in pagina
    assert reverse("wegwijzer:andere-gemeente") in pagina
