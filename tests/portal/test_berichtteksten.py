"""Every message to the inwoner says what Awb 2:10 lid 2 asks (from 1 January 2027): what it is,
what it means, what is expected and by when, and where to read it — and nothing personal. The
SMS fits one message of 160 GSM-7 characters with the longest real values."""

import re

import pytest
from django.template.loader import render_to_string

from aanvragen.berichtkeuze import BERICHTEN
from aanvragen.berichtteksten import TEKSTEN, ingevuld, velden_van
from portal.tekst import gsm7_lengte
from tests.factories import GemeenteFactory

LANGSTE = {  # the longest values the portal sends (portal.berichten.personalisatie)
    "referentie": "BB-2026-123456",
    "link": "https://bijzondere-bijstand.voorbeeldstad.nl/m",
    "termijn": "30 september 2026",
    "code": "123456",
}
MET_TERMIJN = {"ontvangstbevestiging", "aanvulling", "beschikking"}


@pytest.mark.parametrize("soort", sorted(TEKSTEN))
def test_elk_deel_is_er(soort):
    tekst = TEKSTEN[soort]
    for deel in ("onderwerp", "wat", "gevolg", "doen", "wanneer", "sms"):
        assert str(getattr(tekst, deel)).strip(), f"{soort}: {deel} is leeg"


@pytest.mark.parametrize("soort", sorted(TEKSTEN))
def test_alleen_velden_die_het_portaal_stuurt(soort):
    toegestaan = {"referentie", "link"} | ({"termijn"} if soort in MET_TERMIJN else set())
    if soort == "email-code":
        toegestaan = {"code"}
    assert velden_van(soort) <= toegestaan


@pytest.mark.parametrize("soort", sorted(TEKSTEN))
def test_sms_past_in_een_bericht_en_noemt_niets_persoonlijks(soort):
    sms = ingevuld(soort, LANGSTE).sms
    lengte = gsm7_lengte(sms)
    assert lengte is not None, f"{soort}: niet in GSM-7: {sms!r}"
    assert lengte <= 160, f"{soort}: {lengte} tekens: {sms!r}"
    assert not re.search(r"\b\d{9}\b", sms)  # no BSN
    assert not re.search(r"\bNL\d{2}[A-Z]{4}", sms)  # no IBAN
    assert "€" not in sms and "EUR" not in sms  # no amounts
    if soort != "email-code":
        assert LANGSTE["link"] in sms  # where to read it


@pytest.mark.django_db
@pytest.mark.parametrize("soort", sorted(TEKSTEN))
def test_de_email_heeft_de_vier_delen_en_de_plek(soort):
    gemeente = GemeenteFactory()
    tekst = render_to_string(
        "berichten/inwoner_mail.txt",
        {"tekst": ingevuld(soort, LANGSTE), "link": LANGSTE["link"], "gemeente": gemeente},
    )
    for kop in ("Wat is dit?", "Wat betekent dit voor u?", "Wat moet u doen?", "Wanneer?"):
        assert kop in tekst
    assert "((" not in tekst  # every field filled in
    if soort in MET_TERMIJN:
        assert LANGSTE["termijn"] in tekst
    assert LANGSTE["link"] in tekst and gemeente.naam in tekst


def test_elke_soort_waarvoor_de_inwoner_kiest_heeft_een_tekst():
    zonder = set(BERICHTEN) - set(TEKSTEN) - {"ontvangst", "betaling"}  # not sent yet
    assert not zonder


@pytest.mark.parametrize(
    ("tekst", "lengte"), [("abc", 3), ("€ 5", 4), ("prijs [x]", 11), ("“quote”", None)]
)
def test_gsm7_lengte(tekst, lengte):
    assert gsm7_lengte(tekst) == lengte


def test_beheer_krijgt_de_teksten_voor_notifynl():
    from io import StringIO

    from django.core.management import call_command

    uit = StringIO()
    call_command("notifynl_teksten", stdout=uit)
    for soort, tekst in TEKSTEN.items():
        assert f"## {soort}" in uit.getvalue() and str(tekst.sms) in uit.getvalue()
