"""'Bewijs volgt' in a real browser: the inwoner sends without the bon and uploads it later
from Mijn aanvragen; a colleague on the phone finishes a washing machine for a caller who
cannot hand over a file."""

import re

import pytest
from playwright.sync_api import expect

from aanvragen.models import Aanvraag, DocumentSoort
from portal.rollen import Rol
from tests.browser.helpers import OFFERTE, inloggen, medewerker_inloggen, tot_controle
from tests.factories import UserFactory, voorbeeldbeleid

pytestmark = pytest.mark.browser


@pytest.fixture
def beleid(transactional_db):
    return voorbeeldbeleid()


def test_inwoner_stuurt_de_bon_later(live_server, beleid, nieuwe_pagina, toegankelijk):
    base = live_server.url
    jan = nieuwe_pagina(mobiel=True)
    inloggen(jan, base)
    jan.get_by_label("Telefoonnummer").fill("06 12345678")
    jan.get_by_role("button", name="Volgende").click()
    # Without the bon and without the choice: the message says what can be done.
    jan.get_by_label("Waarvoor vraagt u geld aan?").select_option(label="Wasmachine")
    jan.get_by_label("Wat heeft u nodig en waarom?").fill("Kapot.")
    jan.get_by_label("Hoeveel kost het?").fill("450")
    jan.get_by_role("group", name="Betaalt een andere regeling").get_by_label("Nee").check()
    jan.get_by_role("group", name="Heeft u het al gekocht").get_by_label("Nee").check()
    jan.get_by_role("button", name="Volgende").click()
    expect(jan).to_have_title(re.compile("^Fout: "))
    expect(jan.locator("#foutsamenvatting")).to_contain_text("Ik stuur het bewijs later")
    toegankelijk(jan)
    # Everything typed is kept; ticking the box is enough.
    expect(jan.get_by_label("Hoeveel kost het?")).to_have_value("450")
    jan.get_by_label("Ik stuur het bewijs later").check()
    jan.get_by_role("button", name="Volgende").click()
    jan.get_by_label("Uw netto inkomen per maand").fill("1200")
    jan.get_by_role("group", name="Woont er een kind").get_by_label("Nee").check()
    jan.get_by_label("Hoeveel geld heeft u samen").fill("0")
    jan.get_by_role("button", name="Volgende").click()
    jan.get_by_label("Uw rekeningnummer (IBAN)").fill("NL91ABNA0417164300")
    jan.get_by_label("Naam van de rekeninghouder").fill("J. de Vries")
    jan.get_by_role("button", name="Volgende").click()
    expect(jan.locator(".portal-samenvatting")).to_contain_text("Stuur ik later")
    jan.get_by_label(re.compile("Ik heb alles eerlijk")).check()
    jan.get_by_role("button", name="Aanvraag versturen").click()
    expect(jan.get_by_role("heading", level=1)).to_have_text("Wij hebben uw aanvraag ontvangen")
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.bewijs_volgt

    jan.goto(f"{base}/aanvragen/mijn-aanvragen/")
    expect(jan.get_by_test_id(f"bewijs-{aanvraag.referentie}")).to_contain_text("offerte of bon")
    jan.get_by_role("link", name="Bewijs sturen").click()
    toegankelijk(jan)
    jan.get_by_label("Offerte of bon").set_input_files(OFFERTE)
    jan.get_by_role("button", name="Verstuur").click()
    expect(jan.get_by_role("status")).to_contain_text("Wij hebben uw bewijs ontvangen")
    expect(jan.get_by_test_id(f"bewijs-{aanvraag.referentie}")).to_have_count(0)
    aanvraag.refresh_from_db()
    assert not aanvraag.bewijs_volgt
    assert aanvraag.documenten.filter(soort=DocumentSoort.BEWIJS).count() == 1


def test_telefoon_vangnet_rondt_een_wasmachine_af_zonder_bestand(
    live_server, beleid, nieuwe_pagina, toegankelijk
):
    UserFactory(username="kees", first_name="Kees", rollen=[Rol.KLANTCONTACT])
    UserFactory(username="bea", first_name="Bea", rollen=[Rol.BEHANDELAAR])
    base = live_server.url
    kees = nieuwe_pagina()
    medewerker_inloggen(kees, base, "kees")
    kees.goto(f"{base}/aanvragen/namens/")
    kees.get_by_label("BSN van de beller").fill("999993653")
    kees.get_by_label(re.compile("Ik heb de identiteit van de beller")).check()
    kees.get_by_role("button", name="Begin de aanvraag").click()
    tot_controle(kees, bewijs_later="De beller stuurt het bewijs later")
    toegankelijk(kees)
    kees.get_by_label(re.compile("Ik heb de antwoorden voorgelezen")).check()
    kees.get_by_role("button", name="Aanvraag versturen").click()
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.status == "ingediend" and aanvraag.bewijs_volgt

    bea = nieuwe_pagina()
    medewerker_inloggen(bea, base, "bea")
    expect(bea.locator("table")).to_contain_text("bewijs volgt")
    bea.get_by_role("button", name="Volgende aanvraag").click()
    expect(bea.get_by_test_id("bewijs-volgt")).to_contain_text(
        "Vraag erom met een vraag om aanvulling"
    )
    bea.get_by_text("Vraag om aanvulling (de termijn staat dan stil)").click()
    expect(bea.get_by_label("Wat heeft u nodig van de aanvrager?")).to_have_value(
        re.compile("Wilt u ons nog sturen: offerte of bon")
    )
    toegankelijk(bea)
