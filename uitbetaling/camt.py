"""Reading the bank's camt.053 (statement) and camt.054 (notification), by their meaning.

Versions .001.02, .04 and .08 (the element names are the same; the entry status is a code in
.02/.04 and a choice `Sts/Cd` in .08; a transaction has its own `Amt` and `CdtDbtInd` from .04).
Every value is read from its own path under the entry or the transaction, never "the first
`Cd` anywhere" (a party's `SchmeNm/Cd` or `OrgnlBkTxCd` also say "Cd"). Parsed with defusedxml:
a bank file is outside input. Pure Python, no Django.

What one entry (`Ntry`) can tell about our outgoing SEPA payments:
- booked (`Sts` BOOK), debit, no return, no reversal: the payment was paid on `BookgDt`;
- pending (PDNG) or information only (INFO): nothing happened yet;
- a return (`RtrInf`, SEPA R-code in `Rsn/Cd` or `Rsn/Prtry`), or a reversal (`RvslInd`
  true): the money came back, or never left;
- a batch booked as one entry: `NtryDtls/Btch/PmtInfId` with or without per-transaction
  details (the portal sends `BtchBookg=true`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as ET

# Dutch words for the common SEPA return and reject reasons (EPC guidance on R-transactions).
REDENEN = {
    "AC01": "rekeningnummer klopt niet",
    "AC04": "rekening is opgeheven",
    "AC06": "rekening is geblokkeerd",
    "AC13": "rekening is van een consument (niet toegestaan)",
    "AG01": "deze betaling is op deze rekening niet toegestaan",
    "AG02": "ongeldige betaalcode",
    "AM04": "onvoldoende saldo",
    "AM05": "dubbele betaling",
    "BE04": "adres van de begunstigde ontbreekt",
    "CNOR": "bank van de begunstigde is niet bereikbaar",
    "CUST": "op verzoek van de betaler",
    "DUPL": "dubbele betaling",
    "FF01": "bestand of betaling heeft een ongeldig formaat",
    "FOCR": "teruggestort na een verzoek om annulering",
    "FRAD": "vermoedelijk fraude",
    "MD07": "rekeninghouder is overleden",
    "MS02": "reden niet opgegeven door de begunstigde",
    "MS03": "reden niet opgegeven door de bank",
    "RC01": "BIC klopt niet",
    "RR01": "gegevens van de betaler ontbreken (regelgeving)",
    "RR02": "naam of adres van de betaler ontbreekt (regelgeving)",
    "RR03": "naam of adres van de begunstigde ontbreekt (regelgeving)",
    "RR04": "regelgeving",
    "TECH": "technisch probleem",
    "TM01": "te laat aangeleverd",
}


def reden_tekst(code: str) -> str:
    """ "AC04: rekening is opgeheven" for a known code, the code itself otherwise."""
    if not code:
        return "reden onbekend"
    woorden = REDENEN.get(code.upper())
    return f"{code}: {woorden}" if woorden else code


class OngeldigAfschrift(ValueError):
    pass


@dataclass(frozen=True)
class Transactie:
    end_to_end_id: str
    bedrag: Decimal | None  # None when the file does not give it per transaction
    valuta: str
    credit_debit: str
    reden: str  # RtrInf/Rsn/Cd or /Prtry; "" without a return
    teruggave: bool  # RtrInf present


@dataclass(frozen=True)
class Post:
    """One entry (Ntry) with what it says about payments."""

    status: str  # BOOK, PDNG, INFO (or a proprietary code)
    credit_debit: str  # CRDT, DBIT
    terugboeking: bool  # RvslInd: this entry reverses an earlier one
    bedrag: Decimal
    valuta: str
    boekdatum: date | None
    pmt_inf_id: str  # NtryDtls/Btch/PmtInfId (batch booking), "" otherwise
    aantal: int | None  # NtryDtls/Btch/NbOfTxs
    transacties: tuple[Transactie, ...] = field(default_factory=tuple)

    @property
    def geboekt(self) -> bool:
        return self.status == "BOOK"


@dataclass(frozen=True)
class Afschrift:
    soort: str  # "camt.053" or "camt.054"
    versie: str  # e.g. "camt.054.001.08"
    bericht_id: str  # GrpHdr/MsgId
    iban: str  # the account the statement is about
    posten: tuple[Post, ...]


def _lokaal(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _kind(element, *pad: str):
    """The element at `pad` (direct children, local names), or None."""
    for naam in pad:
        if element is None:
            return None
        element = next((k for k in element if _lokaal(k.tag) == naam), None)
    return element


def _kinderen(element, naam: str):
    return [k for k in element if _lokaal(k.tag) == naam] if element is not None else []


def _tekst(element, *pad: str) -> str:
    gevonden = _kind(element, *pad)
    return (gevonden.text or "").strip() if gevonden is not None else ""


def _bedrag(element) -> tuple[Decimal | None, str]:
    if element is None:
        return None, ""
    try:
        return Decimal((element.text or "").strip()), element.get("Ccy", "")
    except InvalidOperation as exc:
        raise OngeldigAfschrift(f"amount {element.text!r}") from exc


def _datum(element) -> date | None:
    if element is None:
        return None
    waarde = _tekst(element, "Dt") or _tekst(element, "DtTm")[:10]
    try:
        return date.fromisoformat(waarde) if waarde else None
    except ValueError as exc:
        raise OngeldigAfschrift(f"date {waarde!r}") from exc


def _status(ntry) -> str:
    sts = _kind(ntry, "Sts")
    if sts is None:
        return ""
    if len(sts):  # .08: <Sts><Cd>BOOK</Cd></Sts> or <Prtry>
        return (_tekst(sts, "Cd") or _tekst(sts, "Prtry")).upper()
    return (sts.text or "").strip().upper()


def _transactie(tx, post_cd: str, post_bedrag, post_valuta, enige: bool) -> Transactie | None:
    e2e = _tekst(tx, "Refs", "EndToEndId")
    if not e2e or e2e == "NOTPROVIDED":
        return None
    bedrag, valuta = _bedrag(_kind(tx, "Amt"))  # .04 and later
    if bedrag is None:
        for pad in (("AmtDtls", "TxAmt", "Amt"), ("AmtDtls", "InstdAmt", "Amt")):
            bedrag, valuta = _bedrag(_kind(tx, *pad))
            if bedrag is not None:
                break
    if bedrag is None and enige:  # one transaction in the entry: the entry's amount is its own
        bedrag, valuta = post_bedrag, post_valuta
    rtr = _kind(tx, "RtrInf")
    reden = (_tekst(rtr, "Rsn", "Cd") or _tekst(rtr, "Rsn", "Prtry")) if rtr is not None else ""
    return Transactie(
        end_to_end_id=e2e,
        bedrag=bedrag,
        valuta=valuta,
        credit_debit=_tekst(tx, "CdtDbtInd") or post_cd,
        reden=reden,
        teruggave=rtr is not None,
    )


def afschrift_lezen(xml: bytes) -> Afschrift:
    try:
        boom = ET.fromstring(xml, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException) as exc:  # broken, or an entity/DTD attack
        raise OngeldigAfschrift(str(exc)) from exc
    if _lokaal(boom.tag) != "Document":
        raise OngeldigAfschrift("not an ISO 20022 document")
    namespace = boom.tag[1:].split("}", 1)[0] if boom.tag.startswith("{") else ""
    versie = namespace.rsplit(":", 1)[-1]
    if versie.startswith("camt.053"):
        bericht, rapport = _kind(boom, "BkToCstmrStmt"), "Stmt"
    elif versie.startswith("camt.054"):
        bericht, rapport = _kind(boom, "BkToCstmrDbtCdtNtfctn"), "Ntfctn"
    else:
        raise OngeldigAfschrift(f"not a camt.053 or camt.054 document: {versie or 'no namespace'}")
    if bericht is None:
        raise OngeldigAfschrift("no statement in the document")
    posten, iban = [], ""
    for rap in _kinderen(bericht, rapport):
        iban = iban or _tekst(rap, "Acct", "Id", "IBAN")
        for ntry in _kinderen(rap, "Ntry"):
            bedrag, valuta = _bedrag(_kind(ntry, "Amt"))
            if bedrag is None:
                raise OngeldigAfschrift("an entry without an amount")
            cd = _tekst(ntry, "CdtDbtInd")
            details = _kinderen(ntry, "NtryDtls")
            txs = [tx for d in details for tx in _kinderen(d, "TxDtls")]
            btch = next((b for d in details if (b := _kind(d, "Btch")) is not None), None)
            aantal = _tekst(btch, "NbOfTxs")
            posten.append(
                Post(
                    status=_status(ntry),
                    credit_debit=cd,
                    terugboeking=_tekst(ntry, "RvslInd").lower() == "true",
                    bedrag=bedrag,
                    valuta=valuta,
                    boekdatum=_datum(_kind(ntry, "BookgDt")),
                    pmt_inf_id=_tekst(btch, "PmtInfId"),
                    aantal=int(aantal) if aantal.isdigit() else None,
                    transacties=tuple(
                        t
                        for tx in txs
                        if (t := _transactie(tx, cd, bedrag, valuta, len(txs) == 1)) is not None
                    ),
                )
            )
    return Afschrift(
        soort=versie[:8],
        versie=versie,
        bericht_id=_tekst(bericht, "GrpHdr", "MsgId"),
        iban=iban,
        posten=tuple(posten),
    )
