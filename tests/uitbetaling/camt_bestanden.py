"""Bank statements as banks send them: camt.053 and camt.054 in versions .001.02, .04 and .08,
built from a short description and validated against the official ISO XSD of their version
(tests/uitbetaling/xsd, copied from shared/iso20022). A fixture that does not validate fails
the test that builds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from lxml import etree

XSD = Path(__file__).parent / "xsd"
VERSIES = [(soort, versie) for soort in ("053", "054") for versie in ("02", "04", "08")]
GEMEENTE_IBAN = "NL14BNGH0285001234"  # Voorbeeldstad (tests/factories.py)


@dataclass
class Tx:
    e2e: str
    bedrag: Decimal | None = None  # per transaction (Amt from .04, AmtDtls/TxAmt in .02)
    cd: str = "DBIT"
    retour: str | None = None  # a SEPA reason code: this transaction came back (RtrInf)
    prtry: bool = False  # the reason as Rsn/Prtry instead of Rsn/Cd
    valstrikken: bool = True  # an originator with SchmeNm/Cd and an OrgnlBkTxCd around it


@dataclass
class Ntry:
    bedrag: Decimal
    cd: str = "DBIT"
    sts: str = "BOOK"
    rvsl: bool = False
    boekdatum: date = date(2026, 12, 1)
    txs: list[Tx] = field(default_factory=list)
    pmt_inf_id: str | None = None
    aantal: int | None = None
    ccy: str = "EUR"


def _bktxcd() -> str:
    return (
        "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly>"
        "</Domn></BkTxCd>"
    )


def _tx(tx: Tx, versie: str, ccy: str) -> str:
    onderdelen = [f"<Refs><EndToEndId>{tx.e2e}</EndToEndId></Refs>"]
    if tx.bedrag is not None:
        if versie == "02":
            onderdelen.append(
                f"<AmtDtls><TxAmt><Amt Ccy='{ccy}'>{tx.bedrag}</Amt></TxAmt></AmtDtls>"
            )
        else:
            onderdelen.append(f"<Amt Ccy='{ccy}'>{tx.bedrag}</Amt><CdtDbtInd>{tx.cd}</CdtDbtInd>")
    elif versie != "02":  # required from .04 on; the test gives it when it matters
        onderdelen.append(f"<Amt Ccy='{ccy}'>0.01</Amt><CdtDbtInd>{tx.cd}</CdtDbtInd>")
    if tx.retour:
        rtr = []
        if tx.valstrikken:
            rtr.append(_bktxcd().replace("BkTxCd", "OrgnlBkTxCd"))
            rtr.append(
                "<Orgtr><Nm>Bank</Nm><Id><OrgId><Othr><Id>12345678</Id><SchmeNm><Cd>COID</Cd>"
                "</SchmeNm></Othr></OrgId></Id></Orgtr>"
            )
        soort = "Prtry" if tx.prtry else "Cd"
        rtr.append(f"<Rsn><{soort}>{tx.retour}</{soort}></Rsn>")
        onderdelen.append(f"<RtrInf>{''.join(rtr)}</RtrInf>")
    return f"<TxDtls>{''.join(onderdelen)}</TxDtls>"


def _ntry(n: Ntry, versie: str) -> str:
    sts = f"<Sts><Cd>{n.sts}</Cd></Sts>" if versie == "08" else f"<Sts>{n.sts}</Sts>"
    details = ""
    if n.pmt_inf_id or n.txs:
        btch = ""
        if n.pmt_inf_id:
            aantal = f"<NbOfTxs>{n.aantal}</NbOfTxs>" if n.aantal is not None else ""
            btch = f"<Btch><PmtInfId>{n.pmt_inf_id}</PmtInfId>{aantal}</Btch>"
        details = f"<NtryDtls>{btch}{''.join(_tx(t, versie, n.ccy) for t in n.txs)}</NtryDtls>"
    return (
        f"<Ntry><Amt Ccy='{n.ccy}'>{n.bedrag}</Amt><CdtDbtInd>{n.cd}</CdtDbtInd>"
        + ("<RvslInd>true</RvslInd>" if n.rvsl else "")
        + sts
        + f"<BookgDt><Dt>{n.boekdatum.isoformat()}</Dt></BookgDt>"
        + f"<ValDt><Dt>{n.boekdatum.isoformat()}</Dt></ValDt>"
        + _bktxcd()
        + details
        + "</Ntry>"
    )


def camt(
    *ntrys: Ntry,
    soort: str = "054",
    versie: str = "02",
    iban: str = GEMEENTE_IBAN,
    msg_id: str = "BNG-20261201-0001",
) -> bytes:
    """A camt document that validates against the ISO XSD of its version."""
    naam = f"camt.{soort}.001.{versie}"
    bericht, rapport = (
        ("BkToCstmrStmt", "Stmt") if soort == "053" else ("BkToCstmrDbtCdtNtfctn", "Ntfctn")
    )
    saldo = (
        "<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy='EUR'>100000.00</Amt>"
        "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-01</Dt></Dt></Bal>"
        if soort == "053"
        else ""
    )
    xml = (
        f"<?xml version='1.0' encoding='UTF-8'?>"
        f"<Document xmlns='urn:iso:std:iso:20022:tech:xsd:{naam}'><{bericht}>"
        f"<GrpHdr><MsgId>{msg_id}</MsgId><CreDtTm>2026-12-01T18:00:00</CreDtTm></GrpHdr>"
        f"<{rapport}><Id>{msg_id}-1</Id><CreDtTm>2026-12-01T18:00:00</CreDtTm>"
        f"<Acct><Id><IBAN>{iban}</IBAN></Id></Acct>{saldo}"
        + "".join(_ntry(n, versie) for n in ntrys)
        + f"</{rapport}></{bericht}></Document>"
    ).encode()
    valideer(xml, naam)
    return xml


@cache
def _schema(naam: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / f"{naam}.xsd")))


def valideer(xml: bytes, naam: str) -> None:
    schema = _schema(naam)
    if not schema.validate(etree.fromstring(xml)):
        raise AssertionError(f"fixture is not valid {naam}: {schema.error_log.last_error}")
