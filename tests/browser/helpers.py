"""What the browser journeys share: logging in as inwoner or colleague, the wizard up to its
check page, an upload."""

import re

from django.contrib.auth.models import User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

WACHTWOORD = "geheim-wachtwoord"
OFFERTE = {
    "name": "offerte.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4\n% offerte\n%%EOF\n",
}


def inloggen(page, base, bsn="999993653"):
    page.goto(f"{base}/aanvragen/")
    page.get_by_label("Burgerservicenummer (BSN)").fill(bsn)
    page.get_by_role("button", name="Inloggen").click()


def tot_controle(
    page,
    *,
    met_partner: bool = False,
    rekeninghouder: str = "J. de Vries",
    bewijs_later: str = "",
):
    """Fill in steps 1 to 4 with valid answers (a washing machine) and stop at the check.

    `bewijs_later`: the label of the "proof follows" box to tick instead of uploading."""
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Waarvoor vraagt u geld aan?").select_option(label="Wasmachine")
    page.get_by_label("Wat heeft u nodig en waarom?").fill("Kapot.")
    page.get_by_label("Hoeveel kost het?").fill("450")
    page.get_by_role("group", name="Betaalt een andere regeling").get_by_label("Nee").check()
    page.get_by_role("group", name="Heeft u het al gekocht").get_by_label("Nee").check()
    if bewijs_later:
        page.get_by_label(bewijs_later).check()
    else:
        page.get_by_label("Offerte of bon").set_input_files(OFFERTE)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Uw netto inkomen per maand").fill("1200")
    if met_partner:
        page.get_by_label("Netto inkomen van uw partner per maand").fill("0")
    else:
        page.get_by_role("group", name="Woont er een kind").get_by_label("Nee").check()
    page.get_by_label("Hoeveel geld heeft u samen").fill("0")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Uw rekeningnummer (IBAN)").fill("NL91ABNA0417164300")
    page.get_by_label("Naam van de rekeninghouder").fill(rekeninghouder)
    page.get_by_role("button", name="Volgende").click()
    expect(page).to_have_title(re.compile("stap 5 van 5"))


def medewerker_inloggen(page, base, gebruikersnaam):
    """Password, then the code from the colleague's authenticator app (computed here)."""
    page.goto(f"{base}/medewerker/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    kop = page.get_by_role("heading", level=1)
    expect(kop).to_contain_text(re.compile("app"))
    user = User.objects.get(username=gebruikersnaam)
    if "Koppel" in kop.inner_text():  # first time: the QR code is shown, the app scans it
        expect(page.get_by_role("img", name="QR-code om de app te koppelen")).to_be_visible()
        apparaat = TOTPDevice.objects.get(user=user, confirmed=False)
        knop = "App koppelen en inloggen"
    else:
        apparaat = TOTPDevice.objects.get(user=user, confirmed=True)
        knop = "Inloggen"
    page.get_by_label("Code uit uw app").fill(f"{totp(apparaat.bin_key):06d}")
    page.get_by_role("button", name=knop).click()
    expect(kop).not_to_contain_text(re.compile("app"))
