"""One decision rule, used everywhere: the service refuses a deviation without a reason, the
page says so at the field, the approver sees asked / computed / chosen, and the beschikking
follows the decision (its motivation shown once, legal basis, payment, bezwaar)."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from aanvragen.models import Aanvraag
from aanvragen.statussen import Status
from behandeling.beschikking import beschikking_maken
from behandeling.besluiten import aanvraag_afwijzen, aanvraag_toekennen
from behandeling.regels import MotiveringOntbreekt
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.rollen import Rol
from tests.factories import UserFactory, dorpsveen, ingediende_aanvraag, opgepakte_aanvraag
from tests.helpers import pdf_tekst
from uitbetaling.models import Betaalopdracht

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def bril():
    """€ 250 asked for a bril; income low enough that the rules give all of it."""
    return opgepakte_aanvraag(
        kostensoort=_kostensoort("bril"),
        omschrijving="Nieuwe bril",
        bedrag=Decimal("250"),
        inkomen=Decimal("1000"),
        vermogen=Decimal("0"),
    )


def _kostensoort(slug):
    from tests.factories import voorbeeldbeleid
    from wegwijzer.models import Kostensoort

    voorbeeldbeleid()
    return Kostensoort.objects.get(slug=slug)


def test_meer_dan_gevraagd_zonder_reden_wordt_geweigerd_met_uitleg_bij_het_veld(client):
    aanvraag, bea = bril()
    client.force_login(bea)
    antwoord = client.post(
        reverse("behandeling:toekennen", args=[aanvraag.pk]),
        {"toekennen-bedrag": "300", "toekennen-vorm": "gift"},
    )
    assert antwoord.status_code == 400
    pagina = antwoord.content.decode()
    assert "U wijkt af van de berekening (meer dan de aanvrager vroeg," in pagina
    assert "Een collega keurt het daarna goed." in pagina
    assert 'name="toekennen-bedrag" value="300"' in pagina  # nothing typed is lost
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING and aanvraag.voorgesteld_bedrag is None
    assert not Betaalopdracht.objects.exists()


def test_meer_dan_gevraagd_met_reden_gaat_naar_vier_ogen_ook_onder_de_grens():
    aanvraag, bea = bril()
    aanvraag = aanvraag_toekennen(
        aanvraag_id=aanvraag.pk,
        behandelaar=bea,
        bedrag=Decimal("300"),
        motivering="De glazen kosten meer dan op de offerte stond.",
    )
    assert aanvraag.status == Status.IN_BEHANDELING
    assert aanvraag.voorgesteld_bedrag == Decimal("300.00")
    laatste = aanvraag.statuswijzigingen.order_by("pk").last()
    assert "hoger dan de aanvrager vroeg (€ 250,00)" in laatste.reden
    assert not Betaalopdracht.objects.exists()


def test_berekening_volgen_kan_zonder_reden_en_gaat_direct():
    aanvraag, bea = bril()
    aanvraag = aanvraag_toekennen(
        aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=Decimal("250"), motivering=""
    )
    assert aanvraag.status == Status.TOEGEKEND


def test_afwijzen_terwijl_de_berekening_ja_zegt_vraagt_een_reden():
    aanvraag, bea = bril()
    with pytest.raises(MotiveringOntbreekt):
        aanvraag_afwijzen(aanvraag_id=aanvraag.pk, behandelaar=bea, motivering=" ")
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING


def test_goedkeurder_ziet_gevraagd_berekend_voorgesteld_en_reden(client):
    aanvraag, bea = opgepakte_aanvraag(
        bedrag=Decimal("450"), inkomen=Decimal("1600"), vermogen=Decimal(0)
    )
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk,
        behandelaar=bea,
        bedrag=Decimal("1200"),
        motivering="Grote gezin, industriële machine nodig.",
    )
    tessa = UserFactory(rollen=[Rol.TEAMLEIDER])
    client.force_login(tessa)
    pagina = " ".join(
        client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode().split()
    )
    assert "<dt>Gevraagd</dt><dd>€ 450,00</dd>" in pagina
    assert "<dt>Volgens de berekening</dt><dd>€ 99,90</dd>" in pagina
    assert "<strong>€ 1.200,00</strong>" in pagina
    assert "Meer dan de aanvrager vroeg, meer dan het maximum voor deze kosten" in pagina
    assert "Grote gezin, industriële machine nodig." in pagina
    assert "Het bedrag is hoger dan het maximum voor deze kosten." in pagina
    assert "Het bedrag is hoger dan € 1.000,00." in pagina
    assert "NL91 ABNA 0417 1643 00" in pagina  # the payee in full


def _besloten(aanvraag):
    """As if decided on Monday 1 June 2026 at 10:00: the decision and its instruction's day."""
    from uitbetaling.models import Betaalopdracht
    from uitbetaling.selectors import verwachte_bankdag

    op = datetime(2026, 6, 1, 10, 0, tzinfo=AMS)
    Aanvraag.objects.filter(pk=aanvraag.pk).update(besloten_op=op)
    Betaalopdracht.objects.filter(aanvraag=aanvraag).update(verwacht_op=verwachte_bankdag(op))
    return pdf_tekst(beschikking_maken(aanvraag_id=aanvraag.pk))


def _gemeenschappelijk(tekst):
    assert "Artikel 35 van de Participatiewet" in tekst
    assert "Voorbeeldbeleid bijzondere bijstand 2026" in tekst
    assert "gemodelleerd" not in tekst  # the internal name stays internal
    assert "uiterlijk op 13 juli 2026" in tekst
    assert "Bezwaar maken is gratis." in tekst
    assert "bezwaar" in tekst and "example/bezwaar" in tekst
    assert "Postbus 1000" in tekst
    assert "Dat kan digitaal of met een brief" not in tekst


def test_beschikking_toekenning_volgens_berekening_toont_de_berekening_een_keer():
    aanvraag, bea = bril()
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=Decimal("250"), motivering=""
    )
    tekst = _besloten(aanvraag)
    _gemeenschappelijk(tekst)
    assert "Wij geven u € 250,00 bijzondere bijstand." in tekst
    assert "Zo hebben wij het uitgerekend:" in tekst
    assert tekst.count("De kosten zijn € 250,00.") == 1  # once, not twice
    assert "artikel 48 lid 1 (bijstand als gift)" in tekst
    assert (
        "Wij maken het geld op maandag 1 juni 2026 over naar rekening NL91 **** **** **43 00"
        in (tekst)
    )
    assert "Wij wijken af" not in tekst


def test_beschikking_gedeeltelijke_toekenning_met_afwijking_noemt_berekening_en_reden():
    aanvraag, bea = opgepakte_aanvraag(
        bedrag=Decimal("450"), inkomen=Decimal("1600"), vermogen=Decimal(0)
    )
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk,
        behandelaar=bea,
        bedrag=Decimal("200"),
        motivering="U heeft extra kosten voor het aansluiten, die tellen wij mee.",
    )
    tekst = _besloten(aanvraag)
    _gemeenschappelijk(tekst)
    assert "Wij geven u € 200,00 bijzondere bijstand." in tekst
    assert "U vroeg € 450,00. U krijgt dus een deel" in tekst
    assert "Volgens onze rekenregels krijgt u € 99,90. Zo rekenden wij dat uit:" in tekst
    assert "Wij wijken af van deze berekening. U heeft extra kosten voor het aansluiten" in tekst
    assert tekst.count("De kosten zijn € 450,00.") == 1  # the calculation once


def test_beschikking_lening():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=[dorpsveen()])
    aanvraag = ingediende_aanvraag(bsn="100042090", bedrag=Decimal("400"), inkomen=Decimal("1000"))
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk,
        behandelaar=bea,
        bedrag=Decimal("400"),
        motivering="",
        vorm="lening",
        lening_maandbedrag=Decimal("40"),
        lening_termijnen=10,
    )
    tekst = _besloten(aanvraag)
    assert "Wij geven u € 400,00 bijzondere bijstand." in tekst
    assert "lening zonder rente. U betaalt € 40,00 per maand terug, 10 maanden" in tekst
    assert "artikel 48 lid 2 en 51 (bijstand als lening)" in tekst
    assert "Postbus 20" in tekst and "dorpsveen.example/bezwaar" in tekst
    assert "Bezwaar maken is gratis." in tekst


def test_beschikking_afwijzing_volgens_berekening():
    aanvraag, bea = opgepakte_aanvraag(
        bedrag=Decimal("450"), inkomen=Decimal("1600"), vermogen=Decimal("20000")
    )
    aanvraag_afwijzen(aanvraag_id=aanvraag.pk, behandelaar=bea, motivering="")
    tekst = _besloten(aanvraag)
    _gemeenschappelijk(tekst)
    assert "Wij wijzen uw aanvraag af." in tekst
    assert "Zo hebben wij het uitgerekend:" in tekst
    assert "U krijgt daarom geen bijzondere bijstand." in tekst
    assert "Wanneer krijgt u het geld" not in tekst
    assert "artikel 48" not in tekst
