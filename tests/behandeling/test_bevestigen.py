"""Award, refusal and buiten behandeling ask once more on a page of their own (no JavaScript):
what will happen, to whom and why; nothing changes until the colleague confirms, and a form
error or another colleague's aanvraag never reaches that page."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from aanvragen.statussen import Status
from portal.rollen import Rol
from tests.factories import UserFactory, opgepakte_aanvraag
from uitbetaling.models import Betaalopdracht

pytestmark = pytest.mark.django_db


def _verborgen_velden(pagina: str) -> dict:
    """The fields the confirmation page posts back, read from its HTML."""
    return {
        unescape(naam): unescape(waarde)
        for naam, waarde in re.findall(
            r'<input type="hidden" name="([^"]+)" value="([^"]*)">', pagina
        )
        if naam != "csrfmiddlewaretoken"
    }


def _bril(bedrag="250"):
    from tests.factories import voorbeeldbeleid
    from wegwijzer.models import Kostensoort

    voorbeeldbeleid()
    return opgepakte_aanvraag(
        kostensoort=Kostensoort.objects.get(slug="bril"),
        omschrijving="Nieuwe bril",
        bedrag=Decimal(bedrag),
        inkomen=Decimal("1000"),
        vermogen=Decimal("0"),
        rekeninghouder="ي. الحسن",  # a name in Arabic script
    )


def test_toekennen_vraagt_eerst_en_kent_pas_toe_na_ja(client):
    aanvraag, bea = _bril()
    client.force_login(bea)
    url = reverse("behandeling:toekennen", args=[aanvraag.pk])
    vraag = client.post(url, {"toekennen-bedrag": "250", "toekennen-vorm": "gift"})
    assert vraag.status_code == 200
    pagina = vraag.content.decode()
    assert "Toekennen: € 250,00 aan" in pagina
    assert "ي. الحسن" in pagina and "NL91 ABNA 0417 1643 00" in pagina and "ABN AMRO" in pagina
    assert "Dit volgt de berekening." in pagina
    assert "Ja, toekennen" in pagina and "Nee, terug naar de aanvraag" in pagina
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING and not Betaalopdracht.objects.exists()

    terug = _verborgen_velden(pagina)
    assert terug["bevestigd"] == "ja" and terug["toekennen-bedrag"] == "250"
    antwoord = client.post(url, terug)
    assert antwoord.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.TOEGEKEND and aanvraag.toegekend_bedrag == Decimal("250")
    assert Betaalopdracht.objects.filter(aanvraag=aanvraag).count() == 1


def test_toekennen_aan_leverancier_zegt_dat_een_collega_moet_goedkeuren(client):
    aanvraag, bea = _bril()
    client.force_login(bea)
    velden = {
        "toekennen-bedrag": "250",
        "toekennen-vorm": "gift",
        "toekennen-betalen_aan": "leverancier",
        "toekennen-leverancier_naam": "Optiek Zuid",
        "toekennen-leverancier_iban": "NL20 INGB 0001 2345 67",
    }
    pagina = client.post(reverse("behandeling:toekennen", args=[aanvraag.pk]), velden)
    tekst = pagina.content.decode()
    assert "Betalen aan (leverancier)" in tekst and "Optiek Zuid" in tekst
    assert "NL20 INGB 0001 2345 67 · ING" in tekst
    assert "Een collega moet dit daarna goedkeuren" in tekst and "Ja, voorstellen" in tekst
    aanvraag.refresh_from_db()
    assert aanvraag.voorgesteld_bedrag is None and aanvraag.leverancier_iban == ""

    client.post(reverse("behandeling:toekennen", args=[aanvraag.pk]), _verborgen_velden(tekst))
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING
    assert aanvraag.voorgesteld_bedrag == Decimal("250")
    assert aanvraag.leverancier_iban == "NL20INGB0001234567"


def test_afwijken_zonder_reden_komt_niet_bij_de_vraag_maar_bij_het_veld(client):
    aanvraag, bea = _bril()
    client.force_login(bea)
    antwoord = client.post(
        reverse("behandeling:toekennen", args=[aanvraag.pk]),
        {"toekennen-bedrag": "200", "toekennen-vorm": "gift"},
    )
    assert antwoord.status_code == 400
    assert "U wijkt af van de berekening" in antwoord.content.decode()
    assert "Ja, toekennen" not in antwoord.content.decode()


def test_afwijzen_vraagt_eerst(client):
    aanvraag, bea = _bril()
    client.force_login(bea)
    url = reverse("behandeling:afwijzen", args=[aanvraag.pk])
    vraag = client.post(url, {"afwijzen-motivering": "Er is al een bril vergoed dit jaar."})
    pagina = vraag.content.decode()
    assert vraag.status_code == 200 and "afwijzen?" in pagina and "Ja, afwijzen" in pagina
    assert "Afwijking van de berekening" in pagina  # the rules say yes: a reason is required
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING
    client.post(url, _verborgen_velden(pagina))
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AFGEWEZEN
    assert aanvraag.besluit_motivering == "Er is al een bril vergoed dit jaar."


def test_de_aanvraag_van_een_collega_krijgt_geen_vraag_maar_de_weigering(client):
    aanvraag, _bea = _bril()
    ander = UserFactory(rollen=[Rol.BEHANDELAAR])
    client.force_login(ander)
    antwoord = client.post(
        reverse("behandeling:toekennen", args=[aanvraag.pk]),
        {"toekennen-bedrag": "250", "toekennen-vorm": "gift"},
        follow=True,
    )
    assert "Ja, toekennen" not in antwoord.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING and not Betaalopdracht.objects.exists()
