"""Benchmark: reconcile a camt.054 of N booked payments (default 10 000) against the database.

Run by `make bench` after seeding: it takes N of the seeded, klaargezette payment instructions
of one gemeente, puts them in a file the bank has (aangeboden), builds the bank's
notification with one booked entry per payment, and times `afschrift_verwerken` (parse, match,
lifecycle, history, aanvragen → uitbetaald, Logboek). Target ≤ 5 s.
"""

import time
from datetime import date


def camt054(regels: list[tuple[str, str]], iban: str, msg_id: str = "BENCH-CAMT") -> bytes:
    """A camt.054.001.02 like a bank's end-of-day notification: one booked debit per payment."""
    ntrys = "".join(
        f"<Ntry><Amt Ccy='EUR'>{bedrag}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>"
        f"<BookgDt><Dt>{date.today().isoformat()}</Dt></BookgDt>"
        "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>"
        f"</BkTxCd><NtryDtls><TxDtls><Refs><EndToEndId>{e2e}</EndToEndId></Refs>"
        f"<AmtDtls><TxAmt><Amt Ccy='EUR'>{bedrag}</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls>"
        "</Ntry>"
        for e2e, bedrag in regels
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><Document "
        "xmlns='urn:iso:std:iso:20022:tech:xsd:camt.054.001.02'><BkToCstmrDbtCdtNtfctn>"
        f"<GrpHdr><MsgId>{msg_id}</MsgId><CreDtTm>2026-12-01T18:00:00</CreDtTm></GrpHdr>"
        "<Ntfctn><Id>BENCH-CAMT-1</Id><CreDtTm>2026-12-01T18:00:00</CreDtTm>"
        f"<Acct><Id><IBAN>{iban}</IBAN></Id></Acct>{ntrys}</Ntfctn></BkToCstmrDbtCdtNtfctn>"
        "</Document>"
    ).encode()


def main(aantal: int = 10_000) -> dict:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from uitbetaling.afschriften import afschrift_verwerken
    from uitbetaling.models import Betaalbatch, Betaalopdracht

    # The seeded payments of the busiest gemeente (paid ones put back: a fresh day's file).
    gemeente_id = (
        Betaalopdracht.objects.values("gemeente_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("gemeente_id", flat=True)
        .first()
    )
    opdrachten = list(
        Betaalopdracht.objects.filter(
            status__in=["klaargezet", "aangeboden", "uitgevoerd"], gemeente_id=gemeente_id
        )
        .select_related("gemeente")
        .order_by("pk")[:aantal]
    )
    gemeente = opdrachten[0].gemeente
    nu = timezone.now()
    batch = Betaalbatch.objects.create(
        gemeente=gemeente,
        msg_id=f"BENCH-CAMT-{nu:%H%M%S}",
        pmt_inf_id=f"BENCH-CAMT-{nu:%H%M%S}-1",
        versie="pain.001.001.03",
        uitvoerdatum=timezone.localdate(),
        aantal=len(opdrachten),
        totaal=sum(o.bedrag for o in opdrachten),
        xml="",
        sha256="",
        bestandsnaam="bench.xml",
        status="aangeboden",
        aangemaakt_op=nu,
        aangeboden_op=nu,
    )
    ids = [o.pk for o in opdrachten]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE uitbetaling_betaalopdracht SET status = 'aangeboden', batch_id = %s, "
            "uitgevoerd_op = NULL WHERE id = ANY(%s)",
            [batch.pk, ids],
        )
        cursor.execute(
            "UPDATE aanvragen_aanvraag SET status = 'toegekend' WHERE id IN "
            "(SELECT aanvraag_id FROM uitbetaling_betaalopdracht WHERE id = ANY(%s))",
            [ids],
        )
    xml = camt054(
        [(o.end_to_end_id, f"{o.bedrag:.2f}") for o in opdrachten],
        gemeente.rekening_iban,
        msg_id=f"BENCH-CAMT-{nu:%H%M%S}",  # a new file each run: a file is read only once
    )
    financien = User.objects.get(username="financien")
    begin = time.perf_counter()
    uitkomst = afschrift_verwerken(xml=xml, door=financien)
    seconden = time.perf_counter() - begin
    return {
        "benchmark": "camt054_reconcile",
        "posten": len(opdrachten),
        "uitgevoerd": uitkomst.tellingen["uitgevoerd"],
        "seconden": round(seconden, 2),
        "bytes": len(xml),
        "doel_seconden": 5.0,
    }
