"""Separation of duties on money: whoever sets or changes where money goes never releases it,
and the second colleague approves exactly the payee they saw."""

import re
import uuid
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from aanvragen.brp import FixtureBrp
from aanvragen.indienen import aanvraag_bevestigen, aanvraag_indienen
from aanvragen.status import AanvraagGewijzigd
from aanvragen.statussen import Status
from behandeling.besluiten import (
    VierOgenFout,
    aanvraag_toekennen,
    toekenning_afkeuren,
    toekenning_goedkeuren,
)
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.models import Gemeente
from portal.rollen import Rol
from tests.factories import (
    RegelingFactory,
    UserFactory,
    gegevens,
    ingediende_aanvraag,
    opgepakte_aanvraag,
)
from tests.helpers import PortalClient, gelijktijdig, instellen
from uitbetaling.batches import batch_afleveren, batch_samenstellen
from uitbetaling.models import Betaalopdracht, OpdrachtStatus, Rekeningwijziging
from uitbetaling.opdrachten import betaalopdracht_aanmaken, betaalopdracht_geweigerd_melden
from uitbetaling.rekeningwijziging import rekeningwijziging_beoordelen, rekeningwijziging_kenmerk
from uitbetaling.selectors import voorstel_kenmerk

pytestmark = pytest.mark.django_db
LEVERANCIER_IBAN = "NL44RABO0123456789"
DUITS = "DE89370400440532013000"


def ingelogd(user) -> PortalClient:
    client = PortalClient()
    client.force_login(user)
    return client


def kenmerk_op(pagina) -> str:
    return re.search(r'name="kenmerk" value="(\w+)"', pagina.content.decode()).group(1)


def naar_leverancier(client, aanvraag, *, iban=LEVERANCIER_IBAN, bedrag="99,90"):
    return client.post(
        reverse("behandeling:toekennen", args=[aanvraag.pk]),
        {
            "toekennen-bedrag": bedrag,
            "toekennen-motivering": "Wasmachine.",
            "toekennen-vorm": "gift",
            "bevestigd": "ja",
            "toekennen-betalen_aan": "leverancier",
            "toekennen-leverancier_naam": "Witgoed BV",
            "toekennen-leverancier_iban": iban,
        },
        follow=True,
    )


def test_leverancier_onder_de_grens_ziet_een_collega_met_iban_en_bank(settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    aanvraag, bea = opgepakte_aanvraag()
    naar_leverancier(ingelogd(bea), aanvraag)
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING  # € 99,90 is far below € 1 000: still four eyes
    assert not Betaalopdracht.objects.exists()

    collega = ingelogd(UserFactory(rollen=[Rol.BEHANDELAAR]))
    pagina = collega.get(reverse("behandeling:aanvraag", args=[aanvraag.pk]))
    paneel = pagina.content.decode()
    assert "Witgoed BV" in paneel and "NL44 RABO 0123 4567 89" in paneel
    assert "RABOBANK" in paneel.upper()  # the bank's name, from schwifty
    assert "Het geld gaat naar een leverancier" in paneel
    assert "NL91 ABNA 0417 1643 00" in paneel  # the inwoner's own account, to compare

    collega.post(
        reverse("behandeling:goedkeuren", args=[aanvraag.pk]), {"kenmerk": kenmerk_op(pagina)}
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.TOEGEKEND
    opdracht = betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
    batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id)
    ns = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
    xml = ElementTree.fromstring(batch.xml.encode())
    assert xml.find(".//p:CdtrAcct/p:Id/p:IBAN", ns).text == LEVERANCIER_IBAN


def test_buitenlandse_rekening_alleen_als_de_gemeente_het_toestaat():
    aanvraag, bea = opgepakte_aanvraag()
    client = ingelogd(bea)
    fout = naar_leverancier(client, aanvraag, iban=DUITS)
    assert "Vul een Nederlands rekeningnummer in" in fout.content.decode()
    instellen(Gemeente.objects.filter(pk=aanvraag.gemeente_id), buitenlandse_iban=True)
    naar_leverancier(client, aanvraag, iban=DUITS)
    pagina = ingelogd(UserFactory(rollen=[Rol.BEHANDELAAR])).get(
        reverse("behandeling:aanvraag", args=[aanvraag.pk])
    )
    assert "buitenlandse rekening (DE)" in pagina.content.decode()
    assert "Het is een buitenlandse rekening." in pagina.content.decode()


def namens_ingediend(kim, *, iban: str):
    return aanvraag_indienen(
        persoon=FixtureBrp().persoon_get("999993653"),
        gegevens=gegevens(iban=iban),
        regeling=RegelingFactory(),
        token=uuid.uuid4(),
        namens=kim,
    )


def test_rekening_van_de_telefoon_gaat_langs_een_tweede_collega():
    ingediende_aanvraag()  # first: the world the inwoner lives in
    kim = UserFactory(rollen=[Rol.KLANTCONTACT, Rol.BEHANDELAAR], first_name="Kim")
    aanvraag = namens_ingediend(kim, iban="NL02RABO0123456789")
    assert aanvraag.rekening_door_medewerker
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=Decimal("99.90"), motivering="ok"
    )
    aanvraag.refresh_from_db()
    assert aanvraag.voorgesteld_bedrag == Decimal("99.90")  # not awarded alone
    pagina = ingelogd(kim).get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content
    assert "typte het rekeningnummer aan de telefoon" in pagina.decode()
    assert "Goedkeuren en toekennen" not in pagina.decode()  # Kim typed it: not Kim
    with pytest.raises(VierOgenFout):
        toekenning_goedkeuren(aanvraag_id=aanvraag.pk, door=kim, kenmerk=voorstel_kenmerk(aanvraag))


def test_eigen_bekende_rekening_of_bevestiging_met_digid_heft_de_vlag_op():
    ingediende_aanvraag()  # the inwoner gave NL91ABNA0417164300 themself with DigiD
    kim = UserFactory(rollen=[Rol.KLANTCONTACT])
    assert not namens_ingediend(kim, iban="NL91ABNA0417164300").rekening_door_medewerker
    instellen(Gemeente.objects.filter(cbs_code="9001"), bevestiging_namens="digid")
    nieuw = namens_ingediend(kim, iban="NL02RABO0123456789")
    assert nieuw.rekening_door_medewerker and nieuw.status == Status.CONCEPT
    bevestigd = aanvraag_bevestigen(aanvraag_id=nieuw.pk, bsn="999993653")
    assert not bevestigd.rekening_door_medewerker


def test_begunstigde_verandert_niet_terwijl_een_collega_kijkt():
    aanvraag, bea = opgepakte_aanvraag()
    naar_leverancier(ingelogd(bea), aanvraag)
    collega = ingelogd(UserFactory(rollen=[Rol.BEHANDELAAR]))
    gezien = kenmerk_op(collega.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])))
    # The proposer tries to swap the supplier's account while the proposal waits.
    tweede = naar_leverancier(ingelogd(bea), aanvraag, iban="NL20INGB0001234567")
    assert "Er wacht al een voorstel op goedkeuring" in tweede.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.leverancier_iban == LEVERANCIER_IBAN
    # Taken back and proposed again with another account: the old approval page no longer works.
    toekenning_afkeuren(
        aanvraag_id=aanvraag.pk, door=UserFactory(rollen=[Rol.BEHANDELAAR]), reden="x"
    )
    naar_leverancier(ingelogd(bea), aanvraag, iban="NL20INGB0001234567")
    antwoord = collega.post(
        reverse("behandeling:goedkeuren", args=[aanvraag.pk]), {"kenmerk": gezien}, follow=True
    )
    assert "Het voorstel is veranderd nadat u het opende" in antwoord.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING


@pytest.mark.django_db(transaction=True)
def test_twee_goedkeurders_tegelijk_een_toekenning():
    aanvraag, bea = opgepakte_aanvraag()
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=Decimal("1200"), motivering="ok"
    )
    aanvraag.refresh_from_db()
    kenmerk = voorstel_kenmerk(aanvraag)
    bas, tessa = UserFactory(rollen=[Rol.BEHANDELAAR]), UserFactory(rollen=[Rol.TEAMLEIDER])
    resultaten, fouten = gelijktijdig(
        lambda: toekenning_goedkeuren(aanvraag_id=aanvraag.pk, door=bas, kenmerk=kenmerk),
        lambda: toekenning_goedkeuren(aanvraag_id=aanvraag.pk, door=tessa, kenmerk=kenmerk),
    )
    assert len(resultaten) == 1 and len(fouten) == 1
    assert isinstance(fouten[0], AanvraagGewijzigd)
    assert aanvraag.statuswijzigingen.filter(naar=Status.TOEGEKEND).count() == 1


@pytest.fixture
def geweigerd(settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    aanvraag, bea = opgepakte_aanvraag()
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=Decimal("99.90"), motivering="ok"
    )
    opdracht = betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
    batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id)
    batch_afleveren(batch_id=batch.pk)
    betaalopdracht_geweigerd_melden(
        opdracht_id=opdracht.pk, door=UserFactory(rollen=[Rol.FINANCIEN]), reden="AC04"
    )
    return opdracht, bea


def opnieuw(client, opdracht, iban="NL20INGB0001234567", naam="J. de Vries"):
    return client.post(
        reverse("behandeling:betaling-opnieuw", args=[opdracht.aanvraag_id]),
        {"opnieuw-iban": iban, "opnieuw-rekeninghouder": naam, "opnieuw-reden": "Gebeld."},
        follow=True,
    )


def test_alleen_de_behandelaar_zet_een_geweigerde_betaling_opnieuw_klaar(geweigerd):
    opdracht, bea = geweigerd
    ander = ingelogd(UserFactory(rollen=[Rol.BEHANDELAAR]))
    pagina = ander.get(reverse("behandeling:aanvraag", args=[opdracht.aanvraag_id]))
    assert "Betaling opnieuw klaarzetten" not in pagina.content.decode()
    antwoord = opnieuw(ander, opdracht)
    assert "Alleen de behandelaar van deze aanvraag of een teamleider" in antwoord.content.decode()
    assert not Rekeningwijziging.objects.exists()


def test_zelfde_rekening_gaat_direct_opnieuw(geweigerd):
    opdracht, bea = geweigerd
    opnieuw(ingelogd(bea), opdracht, iban=opdracht.iban, naam=opdracht.naam)
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.KLAARGEZET and opdracht.batch is None
    assert not Rekeningwijziging.objects.exists()


def test_nieuwe_rekening_keurt_een_collega_goed_en_staat_in_geschiedenis_en_logboek(geweigerd):
    from portal import logboek

    opdracht, bea = geweigerd
    opnieuw(ingelogd(bea), opdracht)
    wijziging = Rekeningwijziging.objects.get()
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.GEWEIGERD and opdracht.iban == "NL91ABNA0417164300"
    # The proposer cannot approve it, not even with a hand-made POST.
    eigen = ingelogd(bea).post(
        reverse("behandeling:rekening-beoordelen", args=[opdracht.aanvraag_id]),
        {"kenmerk": rekeningwijziging_kenmerk(wijziging), "besluit": "goedkeuren"},
        follow=True,
    )
    assert "U stelde deze rekening zelf voor" in eigen.content.decode()
    collega = ingelogd(UserFactory(rollen=[Rol.TEAMLEIDER]))
    pagina = collega.get(reverse("behandeling:aanvraag", args=[opdracht.aanvraag_id]))
    assert "NL20 INGB 0001 2345 67" in pagina.content.decode()
    collega.post(
        reverse("behandeling:rekening-beoordelen", args=[opdracht.aanvraag_id]),
        {"kenmerk": kenmerk_op(pagina), "besluit": "goedkeuren"},
    )
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.KLAARGEZET and opdracht.iban == "NL20INGB0001234567"
    redenen = " ".join(opdracht.aanvraag.statuswijzigingen.values_list("reden", flat=True))
    assert "Nieuwe rekening voorgesteld" in redenen and "Nieuwe rekening goedgekeurd" in redenen
    namen = set(logboek.van_betrokkene("999993653").values_list("naam", flat=True))
    assert {"nieuwe rekening voorgesteld", "nieuwe rekening goedgekeurd"} <= namen


def test_nieuwe_rekening_afgekeurd_gaat_niet_naar_de_bank(geweigerd):
    opdracht, bea = geweigerd
    opnieuw(ingelogd(bea), opdracht)
    wijziging = Rekeningwijziging.objects.get()
    rekeningwijziging_beoordelen(
        wijziging_id=wijziging.pk,
        door=UserFactory(rollen=[Rol.BEHANDELAAR]),
        goedkeuren=False,
        kenmerk_gezien=rekeningwijziging_kenmerk(wijziging),
        toelichting="Naam klopt niet met de bankpas.",
    )
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.GEWEIGERD and opdracht.iban == "NL91ABNA0417164300"
    wijziging.refresh_from_db()
    assert wijziging.goedgekeurd is False
