"""DigiD over SAML in Chromium: an inwoner and her partner log in at a local DigiD (a real HTTPS
identity provider, tests/digid_idp.py) and the partner gives consent (Pw art. 43)."""

import re

import pytest
from playwright.sync_api import expect

from aanvragen.models import Aanvraag
from aanvragen.statussen import Status
from portal.models import Gemeente
from portal.niveaus import Niveau
from tests.browser.helpers import tot_controle
from tests.factories import voorbeeldbeleid
from tests.helpers import instellen

pytestmark = pytest.mark.browser


@pytest.fixture
def beleid(transactional_db):
    voorbeeldbeleid()
    instellen(Gemeente.objects.filter(cbs_code="9001"), partner_toestemming="digid")


def pagina(browser):
    # The local DigiD's certificate comes from the test CA, which Chromium does not know.
    context = browser.new_context(locale="nl-NL", ignore_https_errors=True)
    context.set_default_timeout(15_000)
    return context.new_page()


def digid_inloggen(page, bsn):
    expect(page).to_have_title("Inloggen bij DigiD (test)")  # the form went there by itself
    page.get_by_label("BSN").fill(bsn)
    page.get_by_role("button", name="Inloggen").click()


def test_aanvraag_en_toestemming_partner_met_digid_saml(
    live_server, beleid, lokale_digid, browser, toegankelijk
):
    idp = lokale_digid(live_server.url)
    fatima = pagina(browser)
    fatima.goto(f"{live_server.url}/aanvragen/")
    digid_inloggen(fatima, "111222333")

    expect(fatima).to_have_title(re.compile("stap 1 van 5"))
    expect(fatima.get_by_text("geeft Youssef El Amrani daarna zelf toestemming")).to_be_visible()
    toegankelijk(fatima)
    tot_controle(fatima, met_partner=True, rekeninghouder="F. El Amrani")
    fatima.get_by_label(re.compile("Ik heb alles eerlijk")).check()
    fatima.get_by_role("button", name="Aanvraag versturen").click()
    fatima.goto(f"{live_server.url}/aanvragen/mijn-aanvragen/")
    expect(fatima.get_by_role("main")).to_contain_text("wacht op toestemming")
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.status == Status.CONCEPT and aanvraag.partner_bsn == "100025006"

    youssef = pagina(browser)
    youssef.goto(f"{live_server.url}/aanvragen/mijn-aanvragen/")
    digid_inloggen(youssef, "100025006")
    youssef.get_by_role("link", name=re.compile("Bekijk en geef toestemming")).click()
    expect(youssef.get_by_role("heading", level=1)).to_have_text(
        "Toestemming voor de aanvraag van uw partner"
    )
    toegankelijk(youssef)
    youssef.get_by_role("button", name="Ik geef toestemming").click()
    expect(youssef.get_by_role("status")).to_contain_text("Uw toestemming is vastgelegd")

    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGEDIEND
    assert "toestemming met DigiD" in aanvraag.bevestiging
    # Two logins, each resolved once over the back channel at the level the regeling asks.
    assert idp.resolves == 2
    assert [v.niveaus for v in idp.ontvangen] == [[Niveau.MIDDEN.urn]] * 2
