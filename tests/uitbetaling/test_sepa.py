"""pain.001 hand-off: validated files, the T2 calendar, and exactly once under concurrency."""

import threading
import xml.etree.ElementTree as ET
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from aanvragen.statussen import Status
from behandeling.besluiten import aanvraag_toekennen
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.rollen import Rol
from tests.factories import (
    UserFactory,
    betaalopdracht_van_toekenning,
    ingediende_aanvraag,
)
from tests.helpers import DEBITEUR, sepa_rij, wacht_op
from uitbetaling.bankdagen import is_bankdag, uitvoerdatum
from uitbetaling.batches import (
    batch_afleveren,
    batch_geweigerd_melden,
    batch_samenstellen,
    batch_uitgevoerd_melden,
)
from uitbetaling.models import Betaalbatch, Betaalopdracht, OpdrachtStatus
from uitbetaling.selectors import batches_niet_afgeleverd
from uitbetaling.sepa import Debiteur, OngeldigBestand, pain001_maken

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("nu", "verwacht"),
    [
        (datetime(2026, 12, 1, 10, 0), date(2026, 12, 1)),  # Tuesday morning: today
        (datetime(2026, 12, 1, 14, 30), date(2026, 12, 2)),  # at the cut-off: next bank day
        (datetime(2026, 12, 4, 16, 0), date(2026, 12, 7)),  # Friday after cut-off: Monday
        (datetime(2026, 12, 24, 15, 0), date(2026, 12, 28)),  # Christmas and Boxing Day
        (datetime(2026, 4, 2, 15, 0), date(2026, 4, 7)),  # Good Friday, Easter Monday
        (datetime(2026, 4, 30, 15, 0), date(2026, 5, 4)),  # 1 May closed, then weekend
        (datetime(2026, 4, 27, 10, 0), date(2026, 4, 27)),  # Koningsdag: T2 is open
    ],
)
def test_uitvoerdatum_volgens_target2_en_cutoff(nu, verwacht):
    assert uitvoerdatum(nu, time(14, 30)) == verwacht
    assert is_bankdag(verwacht)


@pytest.mark.parametrize("versie", ["pain.001.001.03", "pain.001.001.09"])
def test_pain001_is_xsd_geldig_met_eigen_kenmerken(versie):
    bestand = pain001_maken(
        debiteur=DEBITEUR,
        rijen=[sepa_rij(), sepa_rij(end_to_end_id="BB-2026-000002", bedrag=Decimal("450.00"))],
        uitvoerdatum=date(2026, 12, 1),
        msg_id="BB9001-X-1",
        pmt_inf_id="BB9001-X-1-1",
        versie=versie,
    )
    ns = {"p": f"urn:iso:std:iso:20022:tech:xsd:{versie}"}
    boom = ET.fromstring(bestand.xml)
    assert boom.find(".//p:GrpHdr/p:MsgId", ns).text == "BB9001-X-1"
    assert boom.find(".//p:GrpHdr/p:CtrlSum", ns).text == "549.90"
    assert [e.text for e in boom.findall(".//p:EndToEndId", ns)] == [
        "BB-2026-000001",
        "BB-2026-000002",
    ]
    assert bestand.totaal == Decimal("549.90") and bestand.aantal == 2


@pytest.mark.parametrize(
    "fout",
    [
        {"end_to_end_id": "/BB-1"},
        {"end_to_end_id": "BB//1"},
        {"naam": "Müller & Zn"},
        {"omschrijving": "x" * 141},
        {"bedrag": Decimal("0.00")},
        {"bedrag": Decimal("1.005")},
    ],
)
def test_epc_regels_die_sepaxml_niet_controleert(fout):
    with pytest.raises(OngeldigBestand):
        pain001_maken(
            debiteur=DEBITEUR,
            rijen=[sepa_rij(**fout)],
            uitvoerdatum=date(2026, 12, 1),
            msg_id="M1",
            pmt_inf_id="P1",
        )


@pytest.mark.django_db
def test_batch_naar_outbox_met_hash_en_uitgevoerd(settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    opdracht = betaalopdracht_van_toekenning()
    ochtend = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))  # a bank day
    batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id, nu=ochtend)
    assert batch_samenstellen(gemeente_id=opdracht.gemeente_id) is None  # nothing left
    batch_afleveren(batch_id=batch.pk)
    batch_afleveren(batch_id=batch.pk)  # idempotent
    bestand = tmp_path / batch.bestandsnaam
    assert bestand.read_bytes().decode() == batch.xml
    assert (tmp_path / f"{batch.bestandsnaam}.sha256").read_text() == (
        f"{batch.sha256}  {batch.bestandsnaam}\n"
    )
    assert not list(tmp_path.glob(".tmp-*"))
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.AANGEBODEN and opdracht.batch == batch
    batch_uitgevoerd_melden(batch_id=batch.pk, door=UserFactory(rollen=[Rol.FINANCIEN]), nu=ochtend)
    opdracht.refresh_from_db()
    assert opdracht.aanvraag.status == Status.UITBETAALD


@pytest.mark.django_db
def test_mislukte_aflevering_wordt_gemarkeerd_en_later_opnieuw(settings, tmp_path):
    opdracht = betaalopdracht_van_toekenning()
    batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id)
    settings.SEPA_OUTBOX_DIR = Path("/proc/geen-schrijfrechten")
    with pytest.raises(OSError):
        batch_afleveren(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.afleverfout and batch.status == "aangemaakt"
    settings.SEPA_OUTBOX_DIR = tmp_path
    assert batches_niet_afgeleverd() == [batch.pk]
    batch_afleveren(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == "aangeboden" and batch.afleverfout == ""


@pytest.mark.django_db(transaction=True)
def test_twee_workers_tegelijk_zetten_een_opdracht_nooit_in_twee_bestanden(settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    opdrachten = [betaalopdracht_van_toekenning(bsn=bsn) for bsn in ["999993653"] * 3]
    gemeente_id = opdrachten[0].gemeente_id
    start = threading.Barrier(4)
    fouten = []

    def werker():
        try:
            start.wait()
            batch_samenstellen(gemeente_id=gemeente_id)
        except Exception as exc:  # noqa: BLE001
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=werker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert fouten == []
    assert Betaalopdracht.objects.filter(batch__isnull=True).count() == 0
    in_bestanden = sum(b.aantal for b in Betaalbatch.objects.all())
    assert in_bestanden == 3  # each opdracht in exactly one file


@pytest.mark.worker
def test_toekenning_gaat_via_echte_worker_naar_de_outbox(celery_worker, settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag()
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=Decimal("99.90"), motivering="ok"
    )
    batch = wacht_op(lambda: Betaalbatch.objects.filter(status="aangeboden").first(), timeout=30)
    assert (tmp_path / batch.bestandsnaam).exists()
    assert batch.opdrachten.get().aanvraag == aanvraag


@pytest.mark.django_db
def test_geweigerd_bestand_gaat_in_een_nieuw_bestand(settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    opdracht = betaalopdracht_van_toekenning()
    eerste = batch_samenstellen(gemeente_id=opdracht.gemeente_id)
    batch_afleveren(batch_id=eerste.pk)
    batch_geweigerd_melden(
        batch_id=eerste.pk, door=UserFactory(rollen=[Rol.FINANCIEN]), reden="Handtekening ontbreekt"
    )
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.KLAARGEZET and opdracht.batch is None
    tweede = batch_samenstellen(gemeente_id=opdracht.gemeente_id)
    assert tweede.pk != eerste.pk and tweede.msg_id != eerste.msg_id
    assert list(tweede.opdrachten.all()) == [opdracht]
    redenen = list(opdracht.statuswijzigingen.values_list("reden", flat=True))
    assert any("Handtekening ontbreekt" in r for r in redenen)


EPC_XSD = Path(__file__).resolve().parents[2] / "uitbetaling" / "schemas"


@pytest.mark.parametrize("versie", ["pain.001.001.03", "pain.001.001.09"])
def test_zonder_bic_notprovided_en_epc_geldig(versie):
    from lxml import etree

    bestand = pain001_maken(
        debiteur=Debiteur("Gemeente Voorbeeldstad", "NL14BNGH0285001234", ""),
        rijen=[sepa_rij()],
        uitvoerdatum=date(2026, 12, 1),
        msg_id="BB9001-X-1",
        pmt_inf_id="BB9001-X-1-1",
        versie=versie,
    )
    ns = {"p": f"urn:iso:std:iso:20022:tech:xsd:{versie}"}
    boom = ET.fromstring(bestand.xml)
    assert boom.find(".//p:DbtrAgt/p:FinInstnId/p:Othr/p:Id", ns).text == "NOTPROVIDED"
    if versie == "pain.001.001.09":  # the EPC's own schema, independent of the builder
        schema = etree.XMLSchema(
            etree.parse(str(EPC_XSD / "pain.001.001.09.EPC132-08_2023_SCT_C2PSP.xsd"))
        )
        assert schema.validate(etree.fromstring(bestand.xml)), schema.error_log.last_error


@pytest.mark.parametrize(
    ("kapot", "fout"),
    [
        (sepa_rij(bedrag=Decimal("1000000000.00")), "999.999.999,99"),
        (sepa_rij(bedrag=Decimal("0.00")), "999.999.999,99"),
        (sepa_rij(bedrag=Decimal("1.001")), "centen"),
        (sepa_rij(naam=""), "Latijnse letters"),
        (sepa_rij(iban="NL00ABNA0417164300"), "IBAN"),
    ],
)
def test_builder_weigert_wat_de_bank_weigert(kapot, fout):
    with pytest.raises(OngeldigBestand, match=fout):
        pain001_maken(
            debiteur=DEBITEUR,
            rijen=[kapot],
            uitvoerdatum=date(2026, 12, 1),
            msg_id="BB9001-X-1",
            pmt_inf_id="BB9001-X-1-1",
        )
