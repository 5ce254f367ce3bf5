"""The behandelaar's day in a real browser: next aanvraag, a call, a request for more
information answered by the inwoner, an award above the four-eyes amount approved by a
colleague, and the beschikking PDF checked as text."""

import re
import subprocess
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from aanvragen.models import DocumentSoort
from portal.rollen import Rol
from tests.browser.helpers import medewerker_inloggen
from tests.factories import UserFactory, ingediende_aanvraag
from tests.helpers import wacht_op

pytestmark = pytest.mark.browser


@pytest.fixture
def dossier(transactional_db):
    UserFactory(username="bea", first_name="Bea", last_name="Behandelaar", rollen=[Rol.BEHANDELAAR])
    UserFactory(
        username="tessa", first_name="Tessa", last_name="Teamleider", rollen=[Rol.TEAMLEIDER]
    )
    return ingediende_aanvraag(
        bedrag=Decimal("1400"), inkomen=Decimal("900"), omschrijving="Tandarts: nieuwe kroon"
    )


def test_behandelaar_belt_vraagt_aanvulling_kent_toe_en_collega_keurt_goed(
    live_server, celery_worker, dossier, nieuwe_pagina, toegankelijk
):
    base = live_server.url
    bea = nieuwe_pagina()
    medewerker_inloggen(bea, base, "bea")
    bea.get_by_role("button", name="Volgende aanvraag").click()
    expect(bea.get_by_role("heading", level=1)).to_contain_text(dossier.referentie)
    toegankelijk(bea)

    # A call, in a few clicks.
    bea.get_by_text("Gesprek vastleggen").click()
    bea.get_by_label("Samenvatting").fill("Gebeld: offerte van de tandarts volgt.")
    bea.get_by_label("Uitkomst").select_option(label="Aanvulling nodig")
    bea.get_by_role("button", name="Vastleggen").click()
    expect(bea.get_by_test_id("contactlog")).to_contain_text("offerte van de tandarts volgt")

    # Ask for the quote: the clock stops.
    bea.get_by_text("Vraag om aanvulling (de termijn staat dan stil)").click()
    bea.get_by_label("Wat heeft u nodig van de aanvrager?").fill(
        "Stuur de offerte van de tandarts."
    )
    bea.get_by_role("button", name="Vraag om aanvulling versturen").click()
    expect(bea.get_by_role("heading", name=re.compile("Wacht op aanvulling"))).to_be_visible()
    toegankelijk(bea)

    # The inwoner answers in Mijn aanvragen.
    jan = nieuwe_pagina(mobiel=True)
    jan.goto(f"{base}/aanvragen/mijn-aanvragen/")
    jan.get_by_label("Burgerservicenummer (BSN)").fill("999993653")
    jan.get_by_role("button", name="Inloggen").click()
    expect(jan.get_by_test_id(f"vraag-{dossier.referentie}")).to_contain_text("offerte")
    jan.get_by_role("link", name="Beantwoord de vraag").click()
    toegankelijk(jan)
    jan.get_by_label("Uw antwoord").fill("Hierbij de offerte.")
    jan.get_by_label("Bestand (niet verplicht)").set_input_files(
        {"name": "offerte.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    )
    jan.get_by_role("button", name="Verstuur").click()
    expect(jan.get_by_role("status")).to_contain_text("Dank u wel")

    # The behandelaar awards above the four-eyes amount: only a proposal.
    bea.reload()
    expect(bea.get_by_test_id("contactlog")).to_contain_text("Hierbij de offerte.")
    # More than asked, without a reason: refused, with the reason why at the field.
    bea.get_by_label("Toe te kennen bedrag").fill("1.500")
    bea.get_by_role("button", name="Toekennen", exact=True).click()
    expect(bea.locator("#foutsamenvatting")).to_contain_text(
        "U wijkt af van de berekening (meer dan de aanvrager vroeg"
    )
    expect(bea.get_by_label("Toe te kennen bedrag")).to_have_value("1.500")
    toegankelijk(bea)
    bea.get_by_label("Toe te kennen bedrag").fill("1.200")
    bea.get_by_label("Uitleg bij de toekenning").fill("Noodzakelijke tandartskosten.")
    bea.get_by_role("button", name="Toekennen", exact=True).click()
    # First what will happen: amount, payee, the reason, and that a colleague must approve.
    expect(bea.get_by_role("heading", level=1)).to_contain_text("Toekennen: € 1.200,00")
    expect(bea.get_by_test_id("bevestigen")).to_contain_text("Noodzakelijke tandartskosten.")
    expect(bea.get_by_text("Een collega moet dit daarna goedkeuren")).to_be_visible()
    toegankelijk(bea)
    bea.get_by_role("button", name="Ja, voorstellen").click()
    expect(bea.get_by_test_id("vier-ogen")).to_contain_text("€ 1.200,00")
    expect(bea.get_by_role("button", name="Goedkeuren en toekennen")).to_have_count(0)

    # A colleague approves.
    tessa = nieuwe_pagina()
    medewerker_inloggen(tessa, base, "tessa")
    tessa.get_by_role("link", name=dossier.referentie).first.click()
    toegankelijk(tessa)
    # The approver sees asked, computed and proposed side by side, with the reason.
    vergelijking = tessa.get_by_test_id("vergelijking")
    expect(vergelijking).to_contain_text("Gevraagd")
    expect(vergelijking).to_contain_text("€ 1.400,00")
    expect(vergelijking).to_contain_text("Volgens de berekening")
    expect(vergelijking).to_contain_text("€ 1.200,00")
    expect(vergelijking).to_contain_text("Meer dan het maximum voor deze kosten")
    expect(vergelijking).to_contain_text("Noodzakelijke tandartskosten.")
    tessa.get_by_role("button", name="Goedkeuren en toekennen").click()
    expect(tessa.get_by_role("status")).to_contain_text("Goedgekeurd")
    tessa.goto(f"{base}/behandeling/dashboard/")
    expect(tessa.get_by_role("heading", level=1)).to_contain_text("beloftes")
    expect(tessa.get_by_test_id("trend-besluiten")).to_be_visible()
    toegankelijk(tessa)
    # From a figure to the aanvragen behind it.
    tessa.get_by_test_id("zekerheden").get_by_role(
        "row", name="3. Besluit binnen 5 werkdagen"
    ).get_by_role("link").first.click()
    expect(tessa.get_by_role("heading", level=1)).to_have_text("3. Besluit binnen 5 werkdagen")
    expect(tessa.get_by_test_id("zekerheid-lijst")).to_contain_text(dossier.referentie)
    toegankelijk(tessa)

    # The worker makes the beschikking; its text says what was decided and how to object.
    document = wacht_op(
        lambda: dossier.documenten.filter(soort=DocumentSoort.BESCHIKKING).first(), timeout=30
    )
    tekst = " ".join(
        subprocess.run(
            ["pdftotext", document.bestand.path, "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Wij geven u € 1.200,00 bijzondere bijstand." in tekst
    assert "Noodzakelijke tandartskosten." in tekst
    assert "bezwaar maken" in tekst
    jan.reload()
    expect(jan.get_by_role("link", name="Beschikking (PDF)")).to_be_visible()
