"""The wizard as an inwoner meets it: timeouts, resuming, and two tabs sending at once."""

import re

import pytest
from playwright.sync_api import expect

from aanvragen.models import Aanvraag
from tests.browser.helpers import inloggen, tot_controle
from tests.factories import voorbeeldbeleid

pytestmark = pytest.mark.browser


@pytest.fixture
def beleid(transactional_db):
    return voorbeeldbeleid()


def test_waarschuwing_voor_uitloggen_met_verlengen(
    live_server, beleid, nieuwe_pagina, toegankelijk
):
    page = nieuwe_pagina()
    page.clock.install()
    inloggen(page, live_server.url)
    # Wait for the wizard page itself: its timer starts when it loads. Fast-forwarding while the
    # login is still navigating would move the old page's clock (a race that failed under load).
    expect(page).to_have_title(re.compile("stap 1 van 5"))
    page.wait_for_load_state("load")
    waarschuwing = page.get_by_role("alertdialog")
    expect(waarschuwing).to_be_hidden()
    page.clock.fast_forward("13:01")
    expect(waarschuwing).to_be_visible()
    expect(page.get_by_role("button", name="Ja, ik ga verder")).to_be_focused()
    toegankelijk(page)
    page.get_by_role("button", name="Ja, ik ga verder").click()
    expect(waarschuwing).to_be_hidden()


def test_verder_na_uitloggen_zonder_iets_te_verliezen(live_server, beleid, nieuwe_pagina):
    page = nieuwe_pagina()
    inloggen(page, live_server.url)
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Hoeveel kost het?").fill("399")
    page.get_by_role("button", name="Uitloggen").click()

    inloggen(page, live_server.url)  # the wizard start resumes at the last step
    expect(page).to_have_title(re.compile("stap 2 van 5"))
    page.get_by_role("link", name="Vorige stap").click()
    expect(page.get_by_label("Telefoonnummer")).to_have_value("06 12345678")
    page.goto(f"{live_server.url}/aanvragen/mijn-aanvragen/")
    expect(page.get_by_test_id("concept")).to_contain_text("Ga verder met uw aanvraag")


def test_twee_tabbladen_tegelijk_versturen_geeft_een_aanvraag(live_server, beleid, browser):
    context = browser.new_context()
    eerste = context.new_page()
    inloggen(eerste, live_server.url)
    tot_controle(eerste)
    tweede = context.new_page()  # same browser, same session: a second tab
    tweede.goto(eerste.url)
    for tab in (eerste, tweede):
        tab.get_by_label(re.compile("Ik heb alles eerlijk")).check()

    # Press "versturen" in both tabs at once: each click returns before the server answers.
    for tab in (eerste, tweede):
        tab.evaluate(
            "() => document.querySelector('#wizard-formulier button[type=submit]').click()"
        )
    for tab in (eerste, tweede):
        tab.wait_for_load_state()
    expect(eerste.get_by_role("heading", level=1)).to_contain_text(
        re.compile("ontvangen|Stap 1 van 5")
    )
    assert Aanvraag.objects.count() == 1
    context.close()
