"""Building and checking a SEPA credit transfer file (pain.001) with sepaxml.

sepaxml builds the XML; it does not check the EPC character set and makes its own random MsgId
and PmtInfId. So this module checks every text against the EPC rules first, sets traceable
identifiers, and validates the final document once against the ISO XSD that sepaxml ships,
with libxml2 (lxml): 10 000 payments in under 2 s instead of ~10 s with xmlschema.
Amounts are Decimal here and integer cents only at sepaxml's boundary.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import sepaxml
from lxml import etree
from sepaxml import SepaTransfer

from uitbetaling.opdracht import TEKST_TEKENS, is_geldige_referentie

VERSIES = ("pain.001.001.03", "pain.001.001.09")


class OngeldigBestand(ValueError):
    """The payment file would break the bank's rules; nothing leaves."""


@dataclass(frozen=True)
class Debiteur:
    naam: str
    iban: str
    bic: str = ""


@dataclass(frozen=True)
class OpdrachtRegel:
    naam: str
    iban: str
    bedrag: Decimal
    omschrijving: str
    end_to_end_id: str


@dataclass(frozen=True)
class Pain001:
    xml: bytes
    sha256: str
    aantal: int
    totaal: Decimal


def _controleer_epc(debiteur: Debiteur, regels: list[OpdrachtRegel], *ids: str) -> None:
    fouten = []
    for waarde in ids:
        if not is_geldige_referentie(waarde):
            fouten.append(f"identifier {waarde!r} breaks the EPC rules")
    if TEKST_TEKENS.search(debiteur.naam) or len(debiteur.naam) > 70:
        fouten.append("debtor name breaks the EPC rules")
    for regel in regels:
        if not is_geldige_referentie(regel.end_to_end_id):
            fouten.append(f"EndToEndId {regel.end_to_end_id!r} breaks the EPC rules")
        if TEKST_TEKENS.search(regel.naam) or not 0 < len(regel.naam) <= 70:
            fouten.append(f"{regel.end_to_end_id}: creditor name breaks the EPC rules")
        if TEKST_TEKENS.search(regel.omschrijving) or not 0 < len(regel.omschrijving) <= 140:
            fouten.append(f"{regel.end_to_end_id}: remittance text breaks the EPC rules")
        if regel.bedrag <= 0 or regel.bedrag != regel.bedrag.quantize(Decimal("0.01")):
            fouten.append(f"{regel.end_to_end_id}: amount must be positive whole cents")
    if fouten:
        raise OngeldigBestand("; ".join(fouten))


def pain001_maken(
    *,
    debiteur: Debiteur,
    regels: list[OpdrachtRegel],
    uitvoerdatum: date,
    msg_id: str,
    pmt_inf_id: str,
    versie: str = "pain.001.001.03",
) -> Pain001:
    if versie not in VERSIES:
        raise OngeldigBestand(f"unsupported version {versie}")
    if not regels:
        raise OngeldigBestand("no payments")
    _controleer_epc(debiteur, regels, msg_id, pmt_inf_id)
    config = {"name": debiteur.naam, "IBAN": debiteur.iban, "batch": True, "currency": "EUR"}
    if debiteur.bic:
        config["BIC"] = debiteur.bic
    transfer = SepaTransfer(config, schema=versie, clean=False)
    for regel in regels:
        transfer.add_payment(
            {
                "name": regel.naam,
                "IBAN": regel.iban,
                "amount": int((regel.bedrag * 100).to_integral_exact()),
                "execution_date": uitvoerdatum,
                "description": regel.omschrijving,
                "endtoend_id": regel.end_to_end_id,
            }
        )
    # Validate once, on the final document (after our identifiers are in).
    xml = transfer.export(validate=False)
    xml = _identificatie_zetten(xml, msg_id=msg_id, pmt_inf_id=pmt_inf_id)
    _valideer(xml, versie)
    return Pain001(
        xml=xml,
        sha256=hashlib.sha256(xml).hexdigest(),
        aantal=len(regels),
        totaal=sum((r.bedrag for r in regels), Decimal("0.00")),
    )


@cache
def _schema(versie: str) -> etree.XMLSchema:
    """The ISO 20022 XSD that sepaxml ships, compiled once (libxml2 validates in C)."""
    return etree.XMLSchema(
        etree.parse(str(Path(sepaxml.__file__).parent / "schemas" / f"{versie}.xsd"))
    )


def _valideer(xml: bytes, versie: str) -> None:
    schema = _schema(versie)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    if not schema.validate(etree.fromstring(xml, parser=parser)):
        raise OngeldigBestand(f"XSD {versie}: {schema.error_log.last_error}")


def _identificatie_zetten(xml: bytes, *, msg_id: str, pmt_inf_id: str) -> bytes:
    """Replace sepaxml's random MsgId/PmtInfId with traceable ones."""
    namespace = xml.split(b'xmlns="', 1)[1].split(b'"', 1)[0].decode()
    ET.register_namespace("", namespace)
    ns = {"p": namespace}
    boom = ET.fromstring(xml)  # noqa: S314 - the XML sepaxml just built, never outside input
    boom.find(".//p:GrpHdr/p:MsgId", ns).text = msg_id
    for knoop in boom.findall(".//p:PmtInf/p:PmtInfId", ns):
        knoop.text = pmt_inf_id
    return b'<?xml version="1.0" encoding="UTF-8"?>' + ET.tostring(boom, encoding="utf-8")
