"""Web security (issue 8): headers, the staff's second factor, login throttling, rate limits and
personal numbers kept out of logs."""

import logging

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import limieten
from portal.privacy import MaskeerPersoonsgegevens, maskeer
from tests.helpers import (
    PortalClient,
    als_inwoner,
    medewerker_met_wachtwoord,
    totp_code,
    wachtwoord_invullen,
)

pytestmark = pytest.mark.django_db


# --- headers ---------------------------------------------------------------------------------


def test_beveiligingsheaders_en_csp_zonder_unsafe_inline(client):
    response = client.get(reverse("wegwijzer:start"))
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for directive in (
        "default-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
    ):
        assert directive in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_hsts_en_veilige_cookies_over_https():
    client = PortalClient()
    response = client.get(reverse("digid-simulator"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    client.post(reverse("digid-simulator"), {"bsn": "999993653", "niveau": "midden"}, secure=True)
    sessie = client.cookies["sessionid"]
    assert sessie["secure"] and sessie["httponly"] and sessie["samesite"] == "Lax"


def test_geen_pagina_gebruikt_inline_stijl_of_script():
    from pathlib import Path

    for pad in Path("templates").rglob("*.html"):
        if pad.name.endswith("_pdf.html"):
            continue  # rendered to PDF by WeasyPrint, never served as a page
        tekst = pad.read_text()
        assert "style=" not in tekst and "<style" not in tekst, pad
        assert "<script>" not in tekst and " on" + "click=" not in tekst, pad


# --- second factor ---------------------------------------------------------------------------


def test_zonder_code_uit_de_app_geen_toegang():
    client = PortalClient()
    bea = medewerker_met_wachtwoord()
    response = wachtwoord_invullen(client, bea)
    assert response.status_code == 302
    werkvoorraad = client.get(reverse("behandeling:werkvoorraad"))
    assert werkvoorraad.status_code == 302
    assert werkvoorraad["Location"].startswith(reverse("medewerker-tweede-stap"))
    assert client.get(reverse("admin:index")).status_code == 302  # the admin refuses too


def test_app_koppelen_met_qr_en_daarna_inloggen_met_code():
    client = PortalClient()
    bea = medewerker_met_wachtwoord()
    wachtwoord_invullen(client, bea)
    pagina = client.get(reverse("medewerker-tweede-stap") + "?next=/behandeling/")
    html = pagina.content.decode()
    assert "Koppel een app" in html and "<svg" in html and "style=" not in html
    apparaat = TOTPDevice.objects.get(user=bea, confirmed=False)
    assert totp_code(apparaat) != "000000"
    goed = client.post(
        reverse("medewerker-tweede-stap"), {"code": totp_code(apparaat), "next": "/behandeling/"}
    )
    assert goed["Location"] == "/behandeling/"
    assert client.get(reverse("behandeling:werkvoorraad")).status_code == 200
    apparaat.refresh_from_db()
    assert apparaat.confirmed

    # Next time: password, then only the code.
    volgende = PortalClient()
    wachtwoord_invullen(volgende, bea)
    html = volgende.get(reverse("medewerker-tweede-stap")).content.decode()
    assert "Vul de code uit uw app in" in html and "<svg" not in html
    response = volgende.post(
        reverse("medewerker-tweede-stap"),
        {"code": totp_code(apparaat, 1), "next": "//evil.example"},
    )
    assert response["Location"] == reverse("medewerker-start")  # no open redirect


def test_vijf_keer_een_fout_wachtwoord_blokkeert_het_account():
    bea = medewerker_met_wachtwoord()
    for _ in range(4):
        response = wachtwoord_invullen(PortalClient(), bea, wachtwoord="fout")
        assert response.status_code == 200
        assert "klopt niet" in response.content.decode()
    assert (
        wachtwoord_invullen(PortalClient(), bea, wachtwoord="fout").status_code == 429
    )  # the fifth
    geblokkeerd = wachtwoord_invullen(PortalClient(), bea)  # even the right password
    assert geblokkeerd.status_code == 429
    assert "Te vaak een verkeerd wachtwoord" in geblokkeerd.content.decode()


def test_foute_code_geeft_een_duidelijke_melding():
    client = PortalClient()
    bea = medewerker_met_wachtwoord()
    TOTPDevice.objects.create(user=bea, name="app", confirmed=True)
    wachtwoord_invullen(client, bea)
    fout = client.post(reverse("medewerker-tweede-stap"), {"code": "12345a"})
    assert "Deze code klopt niet" in fout.content.decode()
    kort = client.post(reverse("medewerker-tweede-stap"), {"code": "123"})
    assert "De code heeft 6 cijfers" in kort.content.decode()


def test_vijf_keer_een_foute_code_blokkeert_ook():
    client = PortalClient()
    bea = medewerker_met_wachtwoord()
    apparaat = TOTPDevice.objects.create(user=bea, name="app", confirmed=True)
    wachtwoord_invullen(client, bea)
    for _ in range(5):
        response = client.post(reverse("medewerker-tweede-stap"), {"code": "123456"})
    assert response.status_code == 429
    assert client.get(reverse("behandeling:werkvoorraad")).status_code == 302  # logged out
    nieuw = PortalClient()
    assert wachtwoord_invullen(nieuw, bea).status_code == 429
    assert apparaat.pk


# --- rate limits -----------------------------------------------------------------------------


@pytest.fixture
def lage_limieten(monkeypatch):
    for naam, limiet in list(limieten.LIMIETEN.items()):
        monkeypatch.setitem(limieten.LIMIETEN, naam, limieten.Limiet(limiet.per, "3/m"))


def test_wegwijzer_check_heeft_een_limiet(client, lage_limieten):
    for _ in range(3):
        assert client.post(reverse("wegwijzer:check"), {"staat": "x"}).status_code == 400
    response = client.post(reverse("wegwijzer:check"), {"staat": "x"})
    assert response.status_code == 429
    assert "te vaak achter elkaar" in response.content.decode()
    assert client.get(reverse("wegwijzer:check")).status_code == 200  # reading stays possible


def test_digid_en_medewerker_inloggen_hebben_een_limiet(client, lage_limieten):
    for _ in range(3):
        client.post(reverse("digid-simulator"), {"bsn": "123"})
    assert client.post(reverse("digid-simulator"), {"bsn": "123"}).status_code == 429
    for _ in range(3):
        client.post(reverse("medewerker-inloggen"), {"username": "x", "password": "y"})
    assert (
        client.post(reverse("medewerker-inloggen"), {"username": "z", "password": "y"}).status_code
        == 429
    )


# --- personal numbers out of logs --------------------------------------------------------------


def test_bsn_en_iban_worden_gemaskeerd_in_logregels():
    assert maskeer("BSN 999993653 en NL91 ABNA 0417 1643 00") == "BSN [BSN] en [IBAN]"
    assert maskeer("bedrag 450,00 op 2026-11-28") == "bedrag 450,00 op 2026-11-28"
    record = logging.LogRecord(
        "x",
        logging.ERROR,
        __file__,
        1,
        "inwoner %s rekening %s",
        ("999993653", "NL91ABNA0417164300"),
        None,
    )
    MaskeerPersoonsgegevens().filter(record)
    assert record.getMessage() == "inwoner [BSN] rekening [IBAN]"


def test_het_logfilter_zit_op_de_handler():
    from django.conf import settings

    assert "privacy" in settings.LOGGING["handlers"]["console"]["filters"]


def test_uploaden_en_indienen_hebben_een_limiet_en_niets_gaat_verloren(lage_limieten, GELDIG):
    from aanvragen.models import Aanvraag, AanvraagConcept
    from tests.helpers import post_stap

    client = PortalClient()
    als_inwoner(client, bsn="999993653")
    post_stap(client, "gegevens", GELDIG["gegevens"])
    for _ in range(3):
        assert post_stap(client, "kosten", GELDIG["kosten"]).status_code == 302
    te_veel = post_stap(client, "kosten", GELDIG["kosten"])
    assert te_veel.status_code == 429
    assert AanvraagConcept.objects.get().data["step_data"]["kosten"]  # the draft is intact
    for stap in ("inkomen", "uitbetaling"):
        post_stap(client, stap, GELDIG[stap])
    for _ in range(3):
        post_stap(client, "controleren", {"verklaring": ""})  # refused form: counts as a try
    assert post_stap(client, "controleren", GELDIG["controleren"]).status_code == 429
    assert not Aanvraag.objects.exists()


def test_een_heel_lange_gebruikersnaam_geeft_een_melding_en_telt_mee():
    """Found by the fuzzer: a 5 000-character username gave a 500 (django-axes stored it)."""
    naam = "x" * 5000
    for _ in range(4):
        response = PortalClient().post(
            reverse("medewerker-inloggen"), {"username": naam, "password": "fout"}
        )
        assert response.status_code == 200
    assert (
        PortalClient()
        .post(reverse("medewerker-inloggen"), {"username": naam, "password": "fout"})
        .status_code
        == 429
    )
