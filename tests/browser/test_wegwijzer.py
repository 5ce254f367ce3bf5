"""The Wegwijzer check in a real browser: an answer within two minutes, carried into the wizard."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.factories import voorbeeldbeleid
from wegwijzer.models import WegwijzerTelling

pytestmark = pytest.mark.browser


@pytest.fixture
def beleid(transactional_db):
    return voorbeeldbeleid()


def test_check_in_twee_minuten_en_door_naar_aanvraag(
    live_server, beleid, nieuwe_pagina, toegankelijk
):
    page = nieuwe_pagina(mobiel=True)
    begin = time.monotonic()
    page.goto(f"{live_server.url}/wegwijzer/")
    page.get_by_role("link", name="Check in 2 minuten").click()

    expect(page).to_have_title(re.compile("vraag 1 van 5"))
    toegankelijk(page)
    page.get_by_role("button", name="Volgende vraag").click()  # nothing chosen
    expect(page).to_have_title(re.compile("^Fout: "))
    expect(page.get_by_role("alert")).to_contain_text("Kies de gemeente waar u woont.")
    toegankelijk(page)
    page.get_by_label("Voorbeeldstad").check()
    page.get_by_role("button", name="Volgende vraag").click()

    expect(page).to_have_title(re.compile("vraag 2 van 5"))
    page.get_by_label("Wasmachine").check()
    page.get_by_label("Hoeveel kost het ongeveer?").fill("veel")
    page.get_by_role("button", name="Volgende vraag").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul een bedrag in euro")
    expect(page.get_by_label("Wasmachine")).to_be_checked()  # nothing typed is lost
    toegankelijk(page)
    page.get_by_label("Hoeveel kost het ongeveer?").fill("450")
    page.get_by_role("button", name="Volgende vraag").click()

    expect(page).to_have_title(re.compile("vraag 3 van 5"))
    page.get_by_label("Alleen, zonder kinderen").check()
    page.get_by_label("21 jaar of ouder").check()
    toegankelijk(page)
    page.get_by_role("button", name="Volgende vraag").click()

    expect(page).to_have_title(re.compile("vraag 4 van 5"))
    page.get_by_label("Hoeveel geld komt er elke maand binnen?").fill("1600")
    page.get_by_label("Hoeveel geld heeft u op uw rekeningen").fill("0")
    page.get_by_role("button", name="Volgende vraag").click()

    expect(page).to_have_title(re.compile("vraag 5 van 5"))
    page.get_by_role("group", name="Betaalt een andere regeling").get_by_label("Nee").check()
    page.get_by_role("group", name="Heeft u het al gekocht").get_by_label("Nee, nog niet").check()
    toegankelijk(page)
    page.get_by_role("button", name="Bekijk de uitkomst").click()

    uitkomst = page.get_by_test_id("uitkomst")
    expect(uitkomst).to_contain_text("U krijgt waarschijnlijk € 99,90")
    expect(page.get_by_role("list").last).to_contain_text("€ 350,10")
    toegankelijk(page)
    duur = time.monotonic() - begin
    assert duur < 120, f"the check took {duur:.0f} s"

    telling = WegwijzerTelling.objects.get()
    assert (telling.gestart, telling.afgerond, telling.uitkomst_ja) == (1, 1, 1)
    assert telling.binnen_twee_minuten == 1

    # "Aanvraag starten" carries the answers into the wizard: nothing is asked twice.
    page.get_by_role("button", name="Aanvraag starten").click()
    page.get_by_label("Burgerservicenummer (BSN)").fill("999993653")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_label("Hoeveel kost het?")).to_have_value("450,00")
    expect(page.get_by_label("Waarvoor vraagt u geld aan?")).to_have_value(
        str(beleid.kostensoorten.get(kostensoort__slug="wasmachine").kostensoort_id)
    )


def test_vorige_vraag_werkt_zonder_javascript(live_server, beleid, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/wegwijzer/check/")
    page.get_by_label("Dorpsveen").check()
    page.get_by_role("button", name="Volgende vraag").click()
    expect(page).to_have_title(re.compile("vraag 2 van 5"))
    page.get_by_role("button", name="Vorige vraag").click()
    expect(page).to_have_title(re.compile("vraag 1 van 5"))
    expect(page.get_by_label("Dorpsveen")).to_be_checked()
    context.close()


def test_leesbaar_op_320_pixels(live_server, beleid, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for pad in ("/wegwijzer/", "/wegwijzer/check/"):
        page.goto(f"{live_server.url}{pad}")
        breedte = page.evaluate("document.documentElement.scrollWidth")
        assert breedte <= 320, f"{pad} scrolls sideways ({breedte}px)"
    context.close()


def test_check_gebruikt_elk_antwoord(live_server, beleid, nieuwe_pagina, toegankelijk):
    """A bril of which the insurance pays part, already bought; and someone from elsewhere."""
    page = nieuwe_pagina(mobiel=True)
    page.goto(f"{live_server.url}/wegwijzer/check/")
    page.get_by_label("Ik woon in een andere gemeente").check()
    page.get_by_role("button", name="Volgende vraag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag het aan bij uw eigen gemeente")
    expect(page.get_by_test_id("gemeenten")).to_contain_text("Voorbeeldstad")
    toegankelijk(page)

    page.get_by_role("link", name="Opnieuw beginnen").click()
    page.get_by_label("Voorbeeldstad").check()
    page.get_by_role("button", name="Volgende vraag").click()
    page.get_by_label("Bril").check()
    page.get_by_label("Hoeveel kost het ongeveer?").fill("250")
    page.get_by_role("button", name="Volgende vraag").click()
    page.get_by_label("Alleen, zonder kinderen").check()
    page.get_by_label("21 jaar of ouder").check()
    page.get_by_role("button", name="Volgende vraag").click()
    page.get_by_label("Hoeveel geld komt er elke maand binnen?").fill("1000")
    page.get_by_label("Hoeveel geld heeft u op uw rekeningen").fill("0")
    page.get_by_role("button", name="Volgende vraag").click()
    page.get_by_role("group", name="Betaalt een andere regeling").get_by_label(
        "Ja, een deel"
    ).check()
    page.get_by_role("group", name="Heeft u het al gekocht").get_by_label("Ja").check()
    page.get_by_role("button", name="Bekijk de uitkomst").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul in hoeveel de regeling")
    toegankelijk(page)
    page.get_by_label("Betaalt de regeling of verzekering een deel?").fill("75")
    page.get_by_role("button", name="Bekijk de uitkomst").click()
    expect(page.get_by_test_id("uitkomst")).to_contain_text("U krijgt waarschijnlijk € 175,00")
    stappen = page.get_by_role("list").last
    expect(stappen).to_contain_text("die betaalt een deel, € 75,00")
    expect(stappen).to_contain_text("U heeft het al gekocht.")
    expect(page.get_by_text("Voorbeeldbeleid bijzondere bijstand 2026")).to_be_visible()
    toegankelijk(page)
