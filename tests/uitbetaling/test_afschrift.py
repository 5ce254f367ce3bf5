"""Bank statements read as banks send them: camt.053 and camt.054, versions .02, .04 and .08,
every fixture valid against the ISO XSD of its version (tests/uitbetaling/camt_bestanden.py).
"""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aanvragen.statussen import Status
from behandeling.besluiten import aanvraag_toekennen
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from tests.helpers import PortalClient, als_inwoner, gelijktijdig
from tests.uitbetaling.camt_bestanden import VERSIES, Ntry, Tx, camt
from uitbetaling import afstemming
from uitbetaling.afschriften import afschrift_verwerken
from uitbetaling.afstemming import Bevinding, afstemmen
from uitbetaling.batches import (
    batch_afleveren,
    batch_geweigerd_melden,
    batch_samenstellen,
    batch_uitgevoerd_melden,
)
from uitbetaling.camt import OngeldigAfschrift, afschrift_lezen, reden_tekst
from uitbetaling.models import Bankafschrift, OpdrachtStatus
from uitbetaling.opdrachten import (
    BetaalstatusFout,
    betaalopdracht_aanmaken,
    betaalopdracht_opnieuw_klaarzetten,
    betaalopdracht_uitgevoerd_melden,
)

OCHTEND = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))  # a bank day
D = Decimal
E2E = "BB-2026-000001"


# --- reading: by meaning, every version ------------------------------------------------------


@pytest.mark.parametrize(("soort", "versie"), VERSIES)
def test_lezen_per_versie(soort, versie):
    xml = camt(
        Ntry(D("99.90"), boekdatum=date(2026, 12, 2), txs=[Tx(E2E, D("99.90"))]),
        Ntry(
            D("50.00"), cd="CRDT", txs=[Tx("BB-2026-000002", D("50.00"), cd="CRDT", retour="AC06")]
        ),
        Ntry(D("10.00"), sts="PDNG", txs=[Tx("BB-2026-000003", D("10.00"))]),
        Ntry(D("200.00"), pmt_inf_id="BB9001-X-1", aantal=2),
        Ntry(
            D("5.00"),
            cd="CRDT",
            rvsl=True,
            txs=[Tx("BB-2026-000004", D("5.00"), retour="MS03", prtry=True)],
        ),
        soort=soort,
        versie=versie,
    )
    afschrift = afschrift_lezen(xml)
    assert afschrift.versie == f"camt.{soort}.001.{versie}" and afschrift.bericht_id
    assert afschrift.iban == "NL14BNGH0285001234"
    geboekt, terug, wacht, batch, omgekeerd = afschrift.posten
    assert (geboekt.status, geboekt.credit_debit, geboekt.boekdatum) == (
        "BOOK",
        "DBIT",
        date(2026, 12, 2),
    )
    assert geboekt.transacties[0].bedrag == D("99.90") and not geboekt.transacties[0].teruggave
    # The reason is RtrInf/Rsn/Cd, not the originator's SchmeNm/Cd ("COID") or OrgnlBkTxCd.
    assert terug.transacties[0].reden == "AC06" and terug.transacties[0].teruggave
    assert wacht.status == "PDNG" and not wacht.geboekt
    assert (batch.pmt_inf_id, batch.aantal, batch.transacties) == ("BB9001-X-1", 2, ())
    assert omgekeerd.terugboeking and omgekeerd.transacties[0].reden == "MS03"  # Rsn/Prtry


def test_bedrag_per_transactie_ontbreekt_dan_dat_van_de_post():
    xml = camt(Ntry(D("12.34"), txs=[Tx(E2E)]), versie="02")  # .02 without AmtDtls
    assert afschrift_lezen(xml).posten[0].transacties[0].bedrag == D("12.34")


@pytest.mark.parametrize(
    "kapot",
    [
        b"<nope",
        b"<html></html>",
        b'<!DOCTYPE x [<!ENTITY a "aaaa">]><Document>&a;</Document>',  # entity/DTD attack
        b"<Document xmlns='urn:iso:std:iso:20022:tech:xsd:pain.001.001.03'/>",  # not a camt
        b"<Document xmlns='urn:iso:std:iso:20022:tech:xsd:camt.054.001.02'/>",  # empty
    ],
)
def test_kapotte_bestanden_geven_een_melding(kapot):
    with pytest.raises(OngeldigAfschrift):
        afschrift_lezen(kapot)


def test_redenen_in_gewone_woorden():
    assert reden_tekst("AC04") == "AC04: rekening is opgeheven"
    assert reden_tekst("MD07") == "MD07: rekeninghouder is overleden"
    assert reden_tekst("XY99") == "XY99"


# --- reconciliation rules (pure) ---------------------------------------------------------


IBAN = "NL14BNGH0285001234"
OPDRACHTEN = {E2E: afstemming.Opdracht(E2E, D("99.90"), IBAN)}
BATCHES = {
    "P-1": afstemming.Batch("P-1", D("149.90"), 2, IBAN, (E2E, "BB-2026-000002")),
}


@pytest.mark.parametrize(
    ("post", "iban", "verwacht"),
    [
        (Ntry(D("99.90"), txs=[Tx(E2E, D("99.90"))]), IBAN, Bevinding.UITGEVOERD),
        (Ntry(D("99.91"), txs=[Tx(E2E, D("99.91"))]), IBAN, Bevinding.AFWIJKEND),  # amount
        (Ntry(D("99.90"), ccy="USD", txs=[Tx(E2E, D("99.90"))]), IBAN, Bevinding.AFWIJKEND),
        (Ntry(D("99.90"), txs=[Tx(E2E, D("99.90"))]), "NL62BNGH0285009876", Bevinding.AFWIJKEND),
        (Ntry(D("99.90"), sts="PDNG", txs=[Tx(E2E, D("99.90"))]), IBAN, Bevinding.IN_AFWACHTING),
        (Ntry(D("99.90"), sts="INFO", txs=[Tx(E2E, D("99.90"))]), IBAN, Bevinding.IN_AFWACHTING),
        (
            Ntry(D("99.90"), cd="CRDT", txs=[Tx(E2E, D("99.90"), cd="CRDT", retour="AC04")]),
            IBAN,
            Bevinding.TERUGGEKOMEN,
        ),
        (
            Ntry(D("99.90"), cd="CRDT", rvsl=True, txs=[Tx(E2E, D("99.90"), cd="CRDT")]),
            IBAN,
            Bevinding.TERUGGEKOMEN,
        ),
        (
            Ntry(D("99.90"), cd="CRDT", txs=[Tx(E2E, D("99.90"), cd="CRDT")]),
            IBAN,
            Bevinding.AFWIJKEND,
        ),
        (Ntry(D("99.90"), txs=[Tx("BB-2026-999999", D("99.90"))]), IBAN, Bevinding.ONBEKEND),
        (Ntry(D("149.90"), pmt_inf_id="P-1", aantal=2), IBAN, Bevinding.UITGEVOERD),
        (Ntry(D("149.90"), pmt_inf_id="P-1", aantal=3), IBAN, Bevinding.AFWIJKEND),
        (Ntry(D("100.00"), pmt_inf_id="P-1"), IBAN, Bevinding.AFWIJKEND),
        (Ntry(D("149.90"), pmt_inf_id="P-9"), IBAN, Bevinding.ONBEKEND),
        (Ntry(D("7.00")), IBAN, Bevinding.OVERIG),
    ],
)
def test_afstemmen(post, iban, verwacht):
    afschrift = afschrift_lezen(camt(post, iban=iban, versie="04"))
    regels = afstemmen(afschrift, opdrachten=OPDRACHTEN, batches=BATCHES)
    assert {r.bevinding for r in regels} == {verwacht}


def test_batch_geboekt_als_een_post_boekt_elke_betaling():
    afschrift = afschrift_lezen(
        camt(Ntry(D("149.90"), pmt_inf_id="P-1", boekdatum=date(2026, 12, 2)))
    )
    regels = afstemmen(afschrift, opdrachten=OPDRACHTEN, batches=BATCHES)
    assert [(r.kenmerk, r.boekdatum) for r in regels] == [
        (E2E, date(2026, 12, 2)),
        ("BB-2026-000002", date(2026, 12, 2)),
    ]


# --- applying it: real PostgreSQL --------------------------------------------------------


@pytest.fixture
def aangeboden(db, settings, tmp_path):
    """Two awards in one file that the bank has (aangeboden), on a bank day morning."""
    settings.SEPA_OUTBOX_DIR = tmp_path
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    opdrachten = []
    for bedrag in ("99.90", "50.00"):
        aanvraag = ingediende_aanvraag()
        aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
        aanvraag_toekennen(
            aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=D(bedrag), motivering="ok"
        )
        opdrachten.append(betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk))
    batch = batch_samenstellen(gemeente_id=opdrachten[0].gemeente_id, nu=OCHTEND)
    batch_afleveren(batch_id=batch.pk, nu=OCHTEND)
    for o in opdrachten:
        o.refresh_from_db()
    return opdrachten, batch, UserFactory(rollen=[Rol.FINANCIEN])


def geboekt(*opdrachten, boekdatum=date(2026, 12, 1), **kwargs) -> bytes:
    return camt(
        *(
            Ntry(o.bedrag, boekdatum=boekdatum, txs=[Tx(o.end_to_end_id, o.bedrag)])
            for o in opdrachten
        ),
        **kwargs,
    )


def terug(opdracht, reden="AC04", **kwargs) -> bytes:
    return camt(
        Ntry(
            opdracht.bedrag,
            cd="CRDT",
            boekdatum=date(2026, 12, 4),
            txs=[Tx(opdracht.end_to_end_id, opdracht.bedrag, cd="CRDT", retour=reden)],
        ),
        **kwargs,
    )


@pytest.mark.parametrize(("soort", "versie"), VERSIES)
def test_geboekt_wordt_uitbetaald_op_de_boekdatum(aangeboden, soort, versie):
    (eerste, tweede), _batch, fleur = aangeboden
    uitkomst = afschrift_verwerken(
        xml=geboekt(eerste, boekdatum=date(2026, 12, 2), soort=soort, versie=versie), door=fleur
    )
    assert uitkomst.tellingen["uitgevoerd"] == 1
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.status == OpdrachtStatus.UITGEVOERD and eerste.geboekt_op == date(2026, 12, 2)
    assert eerste.aanvraag.status == Status.UITBETAALD
    assert tweede.status == OpdrachtStatus.AANGEBODEN  # not in the statement: untouched


def test_inwoner_ziet_de_boekdatum_van_de_bank(aangeboden, client):
    (eerste, _tweede), _batch, fleur = aangeboden
    afschrift_verwerken(xml=geboekt(eerste, boekdatum=date(2026, 12, 2)), door=fleur)
    als_inwoner(client, bsn=eerste.aanvraag.bsn)
    pagina = client.get(reverse("aanvragen:mijn-aanvragen")).content.decode()
    assert "€ 99,90 uitbetaald op 2 december 2026" in pagina


def test_teruggeboekt_na_boeking_gaat_terug_naar_de_behandelaar(aangeboden, client):
    (eerste, _tweede), _batch, fleur = aangeboden
    afschrift_verwerken(xml=geboekt(eerste), door=fleur)
    uitkomst = afschrift_verwerken(xml=terug(eerste, "MD07", versie="08"), door=fleur)
    assert uitkomst.tellingen["teruggekomen"] == 1
    eerste.refresh_from_db()
    assert eerste.status == OpdrachtStatus.TERUGGEBOEKT
    assert eerste.probleem == "MD07: rekeninghouder is overleden"
    aanvraag = eerste.aanvraag
    assert aanvraag.status == Status.TOEGEKEND  # not uitbetaald: the money is back
    assert not aanvraag.contactmomenten.exists()  # a task for the behandelaar, not a "contact"
    behandelaar = PortalClient()
    behandelaar.force_login(aanvraag.behandelaar)
    werkvoorraad = behandelaar.get(reverse("behandeling:werkvoorraad")).content.decode()
    assert aanvraag.referentie in werkvoorraad and "Betaling teruggekomen" in werkvoorraad
    pagina = behandelaar.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode()
    assert "Betaling teruggekomen" in pagina and "MD07: rekeninghouder is overleden" in pagina
    als_inwoner(client, bsn=aanvraag.bsn)
    mijn = client.get(reverse("aanvragen:mijn-aanvragen")).content.decode()
    assert "Het geld kon niet op uw rekening worden gezet. Wij bellen u" in mijn
    # The re-issue is the same instruction again.
    betaalopdracht_opnieuw_klaarzetten(
        opdracht_id=eerste.pk, door=aanvraag.behandelaar, iban=eerste.iban, naam=eerste.naam
    )
    eerste.refresh_from_db()
    assert eerste.status == OpdrachtStatus.KLAARGEZET and eerste.batch is None
    assert type(eerste).objects.filter(aanvraag=aanvraag).count() == 1


def test_geweigerd_voor_boeking(aangeboden):
    (eerste, _tweede), _batch, fleur = aangeboden
    afschrift_verwerken(xml=terug(eerste, "AC01"), door=fleur)
    eerste.refresh_from_db()
    assert eerste.status == OpdrachtStatus.GEWEIGERD and eerste.probleem.startswith("AC01")
    assert eerste.aanvraag.status == Status.TOEGEKEND


def test_eerst_in_afwachting_dan_geboekt(aangeboden):
    (eerste, _tweede), _batch, fleur = aangeboden
    wacht = camt(Ntry(eerste.bedrag, sts="PDNG", txs=[Tx(eerste.end_to_end_id, eerste.bedrag)]))
    assert afschrift_verwerken(xml=wacht, door=fleur).tellingen["in_afwachting"] == 1
    eerste.refresh_from_db()
    assert eerste.status == OpdrachtStatus.AANGEBODEN  # PDNG is not a refusal
    afschrift_verwerken(xml=geboekt(eerste, msg_id="BNG-2"), door=fleur)
    eerste.refresh_from_db()
    assert eerste.status == OpdrachtStatus.UITGEVOERD


def test_bestand_als_een_post_geboekt(aangeboden):
    opdrachten, batch, fleur = aangeboden
    xml = camt(Ntry(batch.totaal, pmt_inf_id=batch.pmt_inf_id, aantal=batch.aantal))
    assert afschrift_verwerken(xml=xml, door=fleur).tellingen["uitgevoerd"] == 2
    for o in opdrachten:
        o.refresh_from_db()
        assert o.status == OpdrachtStatus.UITGEVOERD


def test_afwijkend_bedrag_wordt_gemeld_niet_geboekt(aangeboden):
    (eerste, _tweede), _batch, fleur = aangeboden
    xml = camt(Ntry(D("9.99"), txs=[Tx(eerste.end_to_end_id, D("9.99"))]))
    uitkomst = afschrift_verwerken(xml=xml, door=fleur)
    assert uitkomst.tellingen["afwijkend"] == 1
    assert any("9.99" in m for m in uitkomst.meldingen)
    eerste.refresh_from_db()
    assert eerste.status == OpdrachtStatus.AANGEBODEN


def test_zelfde_afschrift_twee_keer_verandert_niets(aangeboden, client):
    (eerste, tweede), _batch, fleur = aangeboden
    xml = geboekt(eerste, tweede)
    afschrift_verwerken(xml=xml, door=fleur)
    stand = [h.pk for h in eerste.statuswijzigingen.all()] + [
        h.pk for h in eerste.aanvraag.statuswijzigingen.all()
    ]
    tweede_keer = afschrift_verwerken(xml=xml, door=fleur)
    assert tweede_keer.al_gelezen_op is not None
    # Another statement with the same payments (the daily camt.053 after the camt.054).
    ander = afschrift_verwerken(xml=geboekt(eerste, tweede, soort="053", msg_id="S-1"), door=fleur)
    assert ander.tellingen["al_verwerkt"] == 2 and ander.tellingen["uitgevoerd"] == 0
    assert [h.pk for h in eerste.statuswijzigingen.all()] + [
        h.pk for h in eerste.aanvraag.statuswijzigingen.all()
    ] == stand
    assert Bankafschrift.objects.count() == 2
    client.force_login(fleur)
    antwoord = client.post(
        reverse("uitbetaling:afschrift"),
        {"afschrift": SimpleUploadedFile("camt.xml", xml)},
        follow=True,
    )
    assert "Dit afschrift is al verwerkt op" in antwoord.content.decode()


@pytest.mark.django_db(transaction=True)
def test_financien_en_het_afschrift_tegelijk(settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag()
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag_toekennen(aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=D("99.90"), motivering="ok")
    opdracht = betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
    batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id, nu=OCHTEND)
    batch_afleveren(batch_id=batch.pk, nu=OCHTEND)
    fleur, frank = UserFactory(rollen=[Rol.FINANCIEN]), UserFactory(rollen=[Rol.FINANCIEN])
    xml = geboekt(opdracht)
    _resultaten, fouten = gelijktijdig(
        lambda: betaalopdracht_uitgevoerd_melden(opdracht_id=opdracht.pk, door=fleur, nu=OCHTEND),
        lambda: afschrift_verwerken(xml=xml, door=frank, nu=OCHTEND),
    )
    assert not fouten
    assert opdracht.statuswijzigingen.filter(naar=OpdrachtStatus.UITGEVOERD).count() == 1
    assert aanvraag.statuswijzigingen.filter(naar=Status.UITBETAALD).count() == 1


# --- financiën's own reports -------------------------------------------------------------


def test_uitgevoerd_melden_kan_niet_voor_de_uitvoerdatum(aangeboden):
    (eerste, _tweede), batch, fleur = aangeboden
    de_dag_ervoor = datetime(2026, 11, 30, 16, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with pytest.raises(BetaalstatusFout, match="De bank voert dit bestand uit op 01-12-2026"):
        betaalopdracht_uitgevoerd_melden(opdracht_id=eerste.pk, door=fleur, nu=de_dag_ervoor)
    with pytest.raises(BetaalstatusFout):
        batch_uitgevoerd_melden(batch_id=batch.pk, door=fleur, nu=de_dag_ervoor)
    eerste.refresh_from_db()
    assert eerste.status == OpdrachtStatus.AANGEBODEN


def test_bestand_uitgevoerd_laat_een_geweigerde_betaling_geweigerd(aangeboden):
    (eerste, tweede), batch, fleur = aangeboden
    afschrift_verwerken(xml=terug(tweede, "AC04"), door=fleur)
    batch_uitgevoerd_melden(batch_id=batch.pk, door=fleur, nu=OCHTEND)
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.aanvraag.status == Status.UITBETAALD
    assert tweede.status == OpdrachtStatus.GEWEIGERD and tweede.aanvraag.status == Status.TOEGEKEND
    assert list(batch.statuswijzigingen.values_list("naar", flat=True)) == [
        "aangemaakt",
        "aangeboden",
        "uitgevoerd",
    ]


def test_geweigerd_bestand_met_geboekte_betalingen_kan_niet(aangeboden):
    (eerste, _tweede), batch, fleur = aangeboden
    afschrift_verwerken(xml=geboekt(eerste), door=fleur)
    with pytest.raises(BetaalstatusFout, match="al geboekt"):
        batch_geweigerd_melden(batch_id=batch.pk, door=fleur, reden="x")


def test_financien_bevestigt_eerst(aangeboden):
    (_eerste, _tweede), batch, fleur = aangeboden
    client = PortalClient()
    client.force_login(fleur)
    url = reverse("uitbetaling:batch-geweigerd", args=[batch.pk])
    vraag = client.post(url, {"reden": "FF01 bestand onleesbaar"})
    assert vraag.status_code == 200
    html = vraag.content.decode()
    assert "Heeft de bank het hele bestand" in html and 'name="bevestigd" value="ja"' in html
    batch.refresh_from_db()
    assert batch.status == "aangeboden"  # nothing yet
    client.post(url, {"reden": "FF01 bestand onleesbaar", "bevestigd": "ja"})
    batch.refresh_from_db()
    assert batch.status == "geweigerd"
