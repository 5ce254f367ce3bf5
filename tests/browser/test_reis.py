"""The whole Snelservice journey in a real browser: wegwijzer → DigiD → wizard → queue →
award with its payment instruction → the file handed to the bank by a real Celery worker → the
inwoner sees the status."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from aanvragen.models import Aanvraag
from portal.rollen import Rol
from tests.browser.helpers import OFFERTE, medewerker_inloggen
from tests.factories import UserFactory, voorbeeldbeleid
from tests.helpers import wacht_op
from tests.uitbetaling.camt_bestanden import Ntry, Tx, camt
from uitbetaling.models import Betaalopdracht

pytestmark = pytest.mark.browser


@pytest.fixture
def gegevens(transactional_db):
    voorbeeldbeleid()
    return {
        "behandelaar": UserFactory(username="bea", rollen=[Rol.BEHANDELAAR]),
        "financien": UserFactory(username="fleur", rollen=[Rol.FINANCIEN]),
    }


def test_inwoner_vraagt_aan_behandelaar_kent_toe_en_geld_gaat_eruit(
    live_server, celery_worker, gegevens, nieuwe_pagina, toegankelijk, tmp_path
):
    base = live_server.url
    inwoner = nieuwe_pagina(mobiel=True)

    # 1. Wegwijzer, no login needed.
    inwoner.goto(f"{base}/")
    expect(inwoner.get_by_role("heading", level=1)).to_contain_text("Bijzondere bijstand")
    toegankelijk(inwoner)
    inwoner.get_by_role("link", name="Vraag bijzondere bijstand aan").click()

    # 2. DigiD (simulator) with a BSN that fails the elfproef first.
    expect(inwoner).to_have_title(re.compile("DigiD"))
    inwoner.get_by_label("Burgerservicenummer (BSN)").fill("123456789")
    inwoner.get_by_role("button", name="Inloggen").click()
    expect(inwoner).to_have_title(re.compile("^Fout: "))
    expect(inwoner.get_by_role("alert")).to_contain_text("geen geldig burgerservicenummer")
    toegankelijk(inwoner)
    inwoner.get_by_label("Burgerservicenummer (BSN)").fill("999993653")
    inwoner.get_by_role("button", name="Inloggen").click()

    # 3. The wizard: prefilled from the BRP, then the inwoner's own answers.
    expect(inwoner).to_have_title(re.compile("stap 1 van 5"))
    expect(inwoner.get_by_text("Jan de Vries")).to_be_visible()
    toegankelijk(inwoner)
    inwoner.get_by_label("Telefoonnummer").fill("06 1234")
    inwoner.get_by_role("button", name="Volgende").click()
    expect(inwoner).to_have_title(re.compile("^Fout: "))
    toegankelijk(inwoner)
    inwoner.get_by_label("Telefoonnummer").fill("06 12345678")
    inwoner.get_by_role("button", name="Volgende").click()

    expect(inwoner).to_have_title(re.compile("stap 2 van 5"))
    inwoner.get_by_label("Waarvoor vraagt u geld aan?").select_option(label="Wasmachine")
    inwoner.get_by_label("Wat heeft u nodig en waarom?").fill("Mijn wasmachine is kapot.")
    inwoner.get_by_label("Hoeveel kost het?").fill("450")
    inwoner.get_by_role("group", name="Betaalt een andere regeling").get_by_label("Nee").check()
    inwoner.get_by_role("group", name="Heeft u het al gekocht").get_by_label("Nee").check()
    inwoner.get_by_label("Offerte of bon").set_input_files(OFFERTE)
    toegankelijk(inwoner)
    inwoner.get_by_role("button", name="Volgende").click()

    expect(inwoner).to_have_title(re.compile("stap 3 van 5"))
    inwoner.get_by_label("Uw netto inkomen per maand").fill("1.600")
    inwoner.get_by_label("Hoeveel geld heeft u samen").fill("0")
    inwoner.get_by_role("group", name="Woont er een kind").get_by_label("Nee").check()
    inwoner.get_by_role("button", name="Volgende").click()

    expect(inwoner).to_have_title(re.compile("stap 4 van 5"))
    inwoner.get_by_label("Uw rekeningnummer (IBAN)").fill("NL91 ABNA 0417 1643 00")
    inwoner.get_by_label("Naam van de rekeninghouder").fill("J. de Vries")
    inwoner.get_by_role("button", name="Volgende").click()

    expect(inwoner).to_have_title(re.compile("stap 5 van 5"))
    expect(inwoner.locator(".portal-samenvatting")).to_contain_text("€ 1.600,00")
    # The pre-check: the worked example of the Rotterdam-like demo rules.
    expect(inwoner.get_by_test_id("indicatie")).to_contain_text("€ 99,90")
    toegankelijk(inwoner)
    inwoner.get_by_label(re.compile("Ik heb alles eerlijk")).check()
    inwoner.get_by_role("button", name="Aanvraag versturen").click()

    expect(inwoner.get_by_role("heading", level=1)).to_have_text("Wij hebben uw aanvraag ontvangen")
    referentie = inwoner.locator("#referentie").inner_text()
    toegankelijk(inwoner)
    aanvraag = Aanvraag.objects.get(referentie=referentie)

    # 4. The behandelaar finds it in the queue and awards it.
    behandelaar = nieuwe_pagina()
    medewerker_inloggen(behandelaar, base, "bea")
    expect(behandelaar.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")
    expect(behandelaar.get_by_role("link", name=referentie)).to_be_visible()
    expect(behandelaar.locator(".portal-sla").first).to_be_visible()
    toegankelijk(behandelaar)
    behandelaar.get_by_role("button", name="Volgende aanvraag").click()
    expect(behandelaar.get_by_role("heading", level=1)).to_contain_text(referentie)
    expect(behandelaar.get_by_test_id("voorstel")).to_contain_text("€ 350,10")
    toegankelijk(behandelaar)
    # The form starts from the engine's proposal.
    expect(behandelaar.get_by_label("Toe te kennen bedrag")).to_have_value("99,90")
    behandelaar.get_by_role("button", name="Toekennen", exact=True).click()
    expect(behandelaar.get_by_test_id("bevestigen")).to_contain_text("€ 99,90, gift")
    toegankelijk(behandelaar)
    behandelaar.get_by_role("button", name="Ja, toekennen").click()
    expect(behandelaar.get_by_role("status")).to_contain_text("Toegekend")

    # 5. A real Celery worker creates exactly one payment instruction.
    opdracht = wacht_op(lambda: Betaalopdracht.objects.filter(aanvraag=aanvraag).first())
    assert str(opdracht.bedrag) == "99.90"

    # 6. The inwoner sees the award, then the payment.
    inwoner.goto(f"{base}/aanvragen/mijn-aanvragen/")
    expect(inwoner.get_by_test_id(f"status-{referentie}")).to_have_text("Toegekend")
    toegankelijk(inwoner)

    financien = nieuwe_pagina()
    medewerker_inloggen(financien, base, "fleur")
    expect(financien.get_by_role("heading", level=1)).to_have_text("Betalingen")
    toegankelijk(financien)
    # 7. The worker handed the file to the bank; financiën reads in the bank's camt.054, which
    # says the payment was booked: only then is it "uitbetaald", on the bank's booking date.
    opdracht = wacht_op(
        lambda: Betaalopdracht.objects.filter(pk=opdracht.pk, status="aangeboden").first()
    )
    afschrift = tmp_path / "camt054.xml"
    afschrift.write_bytes(
        camt(
            Ntry(
                opdracht.bedrag,
                boekdatum=date(2026, 12, 1),
                txs=[Tx(opdracht.end_to_end_id, opdracht.bedrag)],
            )
        )
    )
    financien.get_by_label(re.compile("Afschrift van de bank")).set_input_files(str(afschrift))
    financien.get_by_role("button", name="Verwerken").click()
    expect(financien.get_by_role("status").first).to_contain_text("1 uitgevoerd")

    inwoner.reload()
    expect(inwoner.get_by_test_id(f"status-{referentie}")).to_have_text("Uitbetaald")
    expect(inwoner.get_by_text("€ 99,90 uitbetaald op 1 december 2026")).to_be_visible()
    assert Betaalopdracht.objects.filter(aanvraag=aanvraag).count() == 1


def test_axe_controle_kan_falen(nieuwe_pagina, toegankelijk):
    """The accessibility check is real: a page with an unlabeled field fails it."""
    page = nieuwe_pagina()
    page.set_content('<html lang="nl"><title>x</title><main><input type="text"></main></html>')
    with pytest.raises(AssertionError):
        toegankelijk(page)
