"""Reading an amount the way people in the Netherlands type it. Pure Python.

Accepts "450", "450,50", "1.600", "1.600,50", "€ 1 600,50" and also "450.50" (a decimal point
with one or two decimals). Refuses anything ambiguous or with more than two decimals, so an
amount is never silently misread. Only ASCII digits: Python's \\d also matches Arabic-Indic
and full-width digits, which Decimal would read as an amount nobody typed on purpose.
"""

import re
from decimal import Decimal, InvalidOperation

_MET_KOMMA = re.compile(r"^\d{1,3}(\.\d{3})+,\d{1,2}$|^\d+,\d{1,2}$", re.ASCII)
_DUIZENDTALLEN = re.compile(r"^\d{1,3}(\.\d{3})+$", re.ASCII)
_PUNT_DECIMAAL = re.compile(r"^\d+\.\d{1,2}$", re.ASCII)
_GEHEEL = re.compile(r"^\d+$", re.ASCII)


class OngeldigBedrag(ValueError):
    pass


def parse_bedrag(tekst: str) -> Decimal:
    waarde = re.sub(r"[\s\u00a0€]|EUR", "", str(tekst)).removesuffix(",-").removesuffix(",--")
    if _GEHEEL.match(waarde):
        genormaliseerd = waarde
    elif _MET_KOMMA.match(waarde):
        genormaliseerd = waarde.replace(".", "").replace(",", ".")
    elif _DUIZENDTALLEN.match(waarde):
        genormaliseerd = waarde.replace(".", "")
    elif _PUNT_DECIMAAL.match(waarde):
        genormaliseerd = waarde
    else:
        raise OngeldigBedrag(tekst)
    try:
        return Decimal(genormaliseerd).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise OngeldigBedrag(tekst) from exc


def format_bedrag(bedrag: Decimal) -> str:
    """€ 1.600,50 — Dutch notation."""
    teken = "-" if bedrag < 0 else ""
    euro, cent = f"{abs(bedrag):.2f}".split(".")
    groepen = f"{int(euro):,}".replace(",", ".")
    return f"{teken}€ {groepen},{cent}"
