import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aanvragen.statussen import Status
from portal.rollen import Rol
from tests.factories import UserFactory
from tests.helpers import PortalClient
from tests.uitbetaling.test_sepa import DEBITEUR, regel, toegekend
from uitbetaling import services
from uitbetaling.camt import OngeldigAfschrift, boekingen_lezen
from uitbetaling.models import OpdrachtStatus
from uitbetaling.sepa import pain001_maken

GOLDEN = Path(__file__).parent / "golden"


def camt054(*regels: tuple[str, str, str]) -> bytes:
    """A minimal camt.054.001.02 with (EndToEndId, status, return reason) per entry."""
    ntrys = "".join(
        f"<Ntry><Amt Ccy='EUR'>1.00</Amt><Sts>{sts}</Sts><NtryDtls><TxDtls><Refs>"
        f"<EndToEndId>{e2e}</EndToEndId></Refs>"
        + (f"<RtrInf><Rsn><Cd>{rsn}</Cd></Rsn></RtrInf>" if rsn else "")
        + "</TxDtls></NtryDtls></Ntry>"
        for e2e, sts, rsn in regels
    )
    return (
        f"<?xml version='1.0'?><Document xmlns='urn:iso:std:iso:20022:tech:xsd:"
        f"camt.054.001.02'><BkToCstmrDbtCdtNtfctn><Ntfctn>{ntrys}</Ntfctn>"
        f"</BkToCstmrDbtCdtNtfctn></Document>"
    ).encode()


def test_camt_lezen_en_kapotte_bestanden():
    boekingen = boekingen_lezen(camt054(("A", "BOOK", ""), ("B", "BOOK", "AC04")))
    assert [(b.end_to_end_id, b.geboekt, b.reden) for b in boekingen] == [
        ("A", True, ""),
        ("B", False, "AC04"),
    ]
    for kapot in (
        b"<nope",
        b"<html></html>",
        b'<!DOCTYPE x [<!ENTITY a "aaaa">]><Document>&a;</Document>',
    ):
        with pytest.raises(OngeldigAfschrift):  # also an entity/DTD attack: never a 500
            boekingen_lezen(kapot)


@pytest.mark.django_db
def test_afschrift_verwerken_boekt_en_weigert(client):
    goed = toegekend()
    fout = toegekend(bedrag="50.00")
    financien = UserFactory(rollen=[Rol.FINANCIEN])
    client.force_login(financien)
    bestand = SimpleUploadedFile(
        "camt.xml",
        camt054(
            (goed.end_to_end_id, "BOOK", ""),
            (fout.end_to_end_id, "BOOK", "AC04"),
            ("ONBEKEND-1", "BOOK", ""),
        ),
    )
    response = client.post(reverse("uitbetaling:afschrift"), {"afschrift": bestand}, follow=True)
    assert "1 uitgevoerd, 1 geweigerd, 1 onbekend" in response.content.decode()
    goed.refresh_from_db()
    fout.refresh_from_db()
    assert goed.aanvraag.status == Status.UITBETAALD
    assert fout.status == OpdrachtStatus.GEWEIGERD
    assert "AC04" in fout.aanvraag.contactmomenten.get().samenvatting
    onzin = client.post(
        reverse("uitbetaling:afschrift"),
        {"afschrift": SimpleUploadedFile("x.xml", b"<x")},
        follow=True,
    )
    assert "geen afschrift dat we kunnen lezen" in onzin.content.decode()


@pytest.mark.django_db
def test_geweigerde_betaling_opnieuw_klaarzetten_blijft_een_opdracht(client, settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    opdracht = toegekend()
    services.batch_samenstellen(gemeente_id=opdracht.gemeente_id)
    services.betaalopdracht_geweigerd_melden(
        opdracht_id=opdracht.pk,
        door=UserFactory(rollen=[Rol.FINANCIEN]),
        reden="AC04 rekening opgeheven",
    )
    behandelaar = opdracht.aanvraag.behandelaar
    client.force_login(behandelaar)
    pagina = client.get(reverse("behandeling:aanvraag", args=[opdracht.aanvraag_id]))
    assert "De bank heeft de betaling geweigerd" in pagina.content.decode()
    client.post(
        reverse("behandeling:betaling-opnieuw", args=[opdracht.aanvraag_id]),
        {
            "opnieuw-iban": "NL20INGB0001234567",
            "opnieuw-rekeninghouder": "J. de Vries",
            "opnieuw-reden": "Aanvrager belde: oude rekening opgeheven.",
        },
    )
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.GEWEIGERD  # a new account waits for a colleague
    collega = PortalClient()
    collega.force_login(UserFactory(rollen=[Rol.BEHANDELAAR]))
    pagina = collega.get(reverse("behandeling:aanvraag", args=[opdracht.aanvraag_id]))
    kenmerk = re.search(r'name="kenmerk" value="(\w+)"', pagina.content.decode()).group(1)
    assert "NL20 INGB 0001 2345 67" in pagina.content.decode()
    collega.post(
        reverse("behandeling:rekening-beoordelen", args=[opdracht.aanvraag_id]),
        {"kenmerk": kenmerk, "besluit": "goedkeuren"},
    )
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.KLAARGEZET
    assert opdracht.iban == "NL20INGB0001234567" and opdracht.batch is None
    batch = services.batch_samenstellen(gemeente_id=opdracht.gemeente_id)
    assert batch.opdrachten.get() == opdracht
    assert type(opdracht).objects.filter(aanvraag=opdracht.aanvraag).count() == 1


def test_gouden_bestand_pain001_03():
    bestand = pain001_maken(
        debiteur=DEBITEUR,
        regels=[
            regel(),
            regel(
                naam="Zoe + Soren van Dijk",
                end_to_end_id="BB-2026-000002",
                bedrag=Decimal("450.00"),
                omschrijving="BB-2026-000002 Bijzondere bijstand",
            ),
        ],
        uitvoerdatum=date(2026, 12, 1),
        msg_id="BB9001-20261201100000-000001",
        pmt_inf_id="BB9001-20261201100000-000001-1",
    )
    zonder_tijd = re.sub(rb"<CreDtTm>[^<]+</CreDtTm>", b"<CreDtTm/>", bestand.xml)
    verwacht = (GOLDEN / "pain001_03.xml").read_bytes().strip()
    assert zonder_tijd == verwacht
