from decimal import Decimal

import pytest
from django.urls import reverse

from aanvragen.models import Aanvraag
from behandeling.beschikking import beschikking_maken
from behandeling.besluiten import toekenning_goedkeuren
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.rollen import Rol
from tests.factories import UserFactory, dorpsveen, ingediende_aanvraag
from tests.helpers import pdf_tekst
from uitbetaling.selectors import voorstel_kenmerk

pytestmark = pytest.mark.django_db


def test_lening_vraagt_terugbetalingsafspraak_en_staat_in_beschikking(client):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=[dorpsveen()])
    aanvraag = ingediende_aanvraag(
        bsn="100042090", bedrag=Decimal("400"), inkomen=Decimal("1000")
    )  # Dorpsveen: a loan (Zoetermeer)
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    client.force_login(bea)
    pagina = client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode()
    assert 'value="lening" id="id_toekennen-vorm_1" checked' in pagina  # from the proposal
    zonder = client.post(
        reverse("behandeling:toekennen", args=[aanvraag.pk]),
        {
            "toekennen-bedrag": "400",
            "toekennen-motivering": "Wasmachine.",
            "toekennen-vorm": "lening",
            "bevestigd": "ja",
        },
    )
    assert zonder.status_code == 400
    assert "Vul de aflossing per maand in." in zonder.content.decode()
    te_weinig = client.post(
        reverse("behandeling:toekennen", args=[aanvraag.pk]),
        {
            "toekennen-bedrag": "400",
            "toekennen-motivering": "Wasmachine.",
            "toekennen-vorm": "lening",
            "bevestigd": "ja",
            "toekennen-lening_maandbedrag": "10",
            "toekennen-lening_termijnen": "12",
        },
    )
    assert "niet terugbetaald" in te_weinig.content.decode()
    client.post(
        reverse("behandeling:toekennen", args=[aanvraag.pk]),
        {
            "toekennen-bedrag": "300",
            "toekennen-motivering": "Wasmachine.",
            "toekennen-vorm": "lening",
            "bevestigd": "ja",
            "toekennen-lening_maandbedrag": "25",
            "toekennen-lening_termijnen": "12",
        },
    )
    aanvraag = Aanvraag.objects.get(pk=aanvraag.pk)
    assert (aanvraag.besluit_vorm, aanvraag.lening_maandbedrag, aanvraag.lening_termijnen) == (
        "lening",
        Decimal("25.00"),
        12,
    )
    tekst = pdf_tekst(beschikking_maken(aanvraag_id=aanvraag.pk))
    assert "lening zonder rente" in tekst and "€ 25,00 per maand terug, 12 maanden" in tekst
    assert "gedeeltelijke toekenning" in tekst  # asked € 400, got € 300
    assert "artikel 48 lid 2 en 51" in tekst
    client.force_login(UserFactory(rollen=[Rol.FINANCIEN], gemeenten=[dorpsveen()]))
    export = client.get(reverse("uitbetaling:leningen-export")).content.decode()
    assert f"{aanvraag.referentie};Dorpsveen;Anna Jansen" in export
    assert ";300.00;25.00;12;" in export
    client.force_login(UserFactory(rollen=[Rol.FINANCIEN]))  # Voorbeeldstad's financiën
    assert (
        aanvraag.referentie
        not in client.get(reverse("uitbetaling:leningen-export")).content.decode()
    )


def test_betalen_aan_leverancier(client):
    from uitbetaling.opdrachten import betaalopdracht_aanmaken

    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag()
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    client.force_login(bea)
    fout = client.post(
        reverse("behandeling:toekennen", args=[aanvraag.pk]),
        {
            "toekennen-bedrag": "450",
            "toekennen-motivering": "Wasmachine.",
            "toekennen-vorm": "gift",
            "bevestigd": "ja",
            "toekennen-betalen_aan": "leverancier",
            "toekennen-leverancier_iban": "NL00BANK0000000000",
        },
    )
    assert "Vul de naam van de leverancier in." in fout.content.decode()
    assert "Dit rekeningnummer klopt niet." in fout.content.decode()
    client.post(
        reverse("behandeling:toekennen", args=[aanvraag.pk]),
        {
            "toekennen-bedrag": "450",
            "toekennen-motivering": "Wasmachine.",
            "toekennen-vorm": "gift",
            "bevestigd": "ja",
            "toekennen-betalen_aan": "leverancier",
            "toekennen-leverancier_naam": "Witgoed & Zn",
            "toekennen-leverancier_iban": "NL44 RABO 0123 4567 89",
        },
    )
    aanvraag.refresh_from_db()  # a supplier chosen by the behandelaar: a colleague approves
    assert aanvraag.status == "in_behandeling" and aanvraag.voorgesteld_bedrag == Decimal("450")
    toekenning_goedkeuren(
        aanvraag_id=aanvraag.pk,
        door=UserFactory(rollen=[Rol.BEHANDELAAR]),
        kenmerk=voorstel_kenmerk(aanvraag),
    )
    opdracht = betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
    assert opdracht.iban == "NL44RABO0123456789"
    assert opdracht.naam == "Witgoed + Zn"  # EPC character set
    tekst = pdf_tekst(beschikking_maken(aanvraag_id=aanvraag.pk))
    assert "artikel 57 Participatiewet" in tekst
