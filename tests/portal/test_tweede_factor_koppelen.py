"""Linking an authenticator app: right after the password, a secret shown only once, confirmed
with a code within minutes; and a new session id once the second factor is passed."""

import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.tweefactor import KOPPEL_APPARAAT, WACHTWOORD_OP
from tests.helpers import PortalClient, medewerker_met_wachtwoord, totp_code, wachtwoord_invullen

pytestmark = pytest.mark.django_db
STAP = reverse("medewerker-tweede-stap")


def _sleutel(pagina) -> str:
    html = pagina.content.decode()
    return html.split('class="portal-sleutel">')[1].split("<")[0]


def test_elke_keer_een_nieuwe_sleutel_en_de_oude_werkt_niet_meer():
    client = PortalClient()
    bea = medewerker_met_wachtwoord()
    wachtwoord_invullen(client, bea)
    eerste = client.get(STAP)
    oud = TOTPDevice.objects.get(user=bea, confirmed=False)
    tweede = client.get(STAP)
    assert _sleutel(eerste) != _sleutel(tweede)  # the secret is never shown twice
    assert not TOTPDevice.objects.filter(pk=oud.pk).exists()
    antwoord = client.post(STAP, {"code": totp_code(oud)})  # whoever saw the first one
    assert antwoord.status_code == 400
    assert not TOTPDevice.objects.filter(user=bea, confirmed=True).exists()


def test_een_foute_code_geeft_een_nieuwe_sleutel():
    client = PortalClient()
    bea = medewerker_met_wachtwoord()
    wachtwoord_invullen(client, bea)
    getoond = _sleutel(client.get(STAP))
    fout = client.post(STAP, {"code": "000000"})
    assert "Deze code klopt niet" in fout.content.decode()
    assert "De vorige werkt niet meer" in fout.content.decode()
    assert _sleutel(fout) != getoond
    nieuw = TOTPDevice.objects.get(user=bea, confirmed=False)
    assert client.post(STAP, {"code": totp_code(nieuw)}).status_code == 302
    assert TOTPDevice.objects.get(user=bea).confirmed


def test_koppelen_alleen_kort_na_het_wachtwoord():
    client = PortalClient()
    bea = medewerker_met_wachtwoord()
    wachtwoord_invullen(client, bea)
    sessie = client.session
    sessie[WACHTWOORD_OP] = time.time() - 11 * 60
    sessie.save()
    antwoord = client.get(STAP, follow=True)
    assert "Log opnieuw in met uw wachtwoord" in antwoord.content.decode()
    assert not TOTPDevice.objects.filter(user=bea).exists()
    assert client.get(reverse("behandeling:werkvoorraad"))["Location"].startswith(
        reverse("medewerker-inloggen")
    )  # logged out


def test_een_getoonde_sleutel_verloopt():
    client = PortalClient()
    bea = medewerker_met_wachtwoord()
    wachtwoord_invullen(client, bea)
    client.get(STAP)
    apparaat = TOTPDevice.objects.get(user=bea, confirmed=False)
    sessie = client.session
    sessie[KOPPEL_APPARAAT] = [apparaat.pk, time.time() - 11 * 60]
    sessie[WACHTWOORD_OP] = time.time()
    sessie.save()
    antwoord = client.post(STAP, {"code": totp_code(apparaat)}, follow=True)
    assert "De tijd om te koppelen is voorbij" in antwoord.content.decode()
    assert not TOTPDevice.objects.filter(user=bea, confirmed=True).exists()


def test_na_de_tweede_stap_een_nieuwe_sessiesleutel():
    client = PortalClient()
    bea = medewerker_met_wachtwoord()
    apparaat = TOTPDevice.objects.create(user=bea, name="app", confirmed=True)
    wachtwoord_invullen(client, bea)
    voor = client.session.session_key
    assert client.post(STAP, {"code": totp_code(apparaat)}).status_code == 302
    na = client.session.session_key
    assert na != voor
    assert client.get(reverse("behandeling:werkvoorraad")).status_code == 200
