"""Reading the bank's camt.054 (or camt.053) statement: which EndToEndIds were booked or
returned. Parsed with defusedxml (a bank file is outside input); namespace-agnostic so .02 and
.08 both work.
"""

from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as ET


@dataclass(frozen=True)
class Boeking:
    end_to_end_id: str
    geboekt: bool
    reden: str = ""


class OngeldigAfschrift(ValueError):
    pass


def _lokaal(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _kind(element, naam):
    return next((k for k in element.iter() if _lokaal(k.tag) == naam), None)


def boekingen_lezen(xml: bytes) -> list[Boeking]:
    try:
        boom = ET.fromstring(xml, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException) as exc:  # broken, or an entity/DTD attack
        raise OngeldigAfschrift(str(exc)) from exc
    if not _lokaal(boom.tag) == "Document":
        raise OngeldigAfschrift("not an ISO 20022 document")
    boekingen = []
    for ntry in (e for e in boom.iter() if _lokaal(e.tag) == "Ntry"):
        status = _kind(ntry, "Sts")
        code = _kind(status, "Cd") if status is not None else None
        status_tekst = (
            ((code.text if code is not None else status.text) or "").strip()
            if status is not None
            else ""
        )
        for tx in (e for e in ntry.iter() if _lokaal(e.tag) == "TxDtls"):
            e2e = _kind(tx, "EndToEndId")
            if e2e is None or not (e2e.text or "").strip():
                continue
            rtr = _kind(tx, "RtrInf")
            reden = ""
            if rtr is not None:
                rsn = _kind(rtr, "Cd")
                reden = (rsn.text or "").strip() if rsn is not None else "RTRN"
            boekingen.append(Boeking(e2e.text.strip(), status_tekst == "BOOK" and not rtr, reden))
    return boekingen
