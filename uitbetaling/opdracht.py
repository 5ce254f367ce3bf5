"""Building a payment instruction's texts: pure Python, no Django.

EPC rules (shared/domain.md §5): references (EndToEndId) use `a-z A-Z 0-9 / - ? : ( ) . , ' +`,
at most 35 characters, no leading or trailing `/` and no `//`; names and remittance information
also allow a space; remittance at most 140 characters, creditor name at most 70.
"""

import re
import unicodedata

REFERENTIE_TEKENS = re.compile(r"[^A-Za-z0-9/\-?:().,'+]")
TEKST_TEKENS = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")


# Letters that Unicode does not decompose into a base letter plus accent.
_TRANSLITERATIE = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
    }
)


def _ascii(tekst: str) -> str:
    tekst = tekst.translate(_TRANSLITERATIE)
    return unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode("ascii")


def epc_tekst(tekst: str, maximum: int) -> str:
    """Transliterate to the EPC character set (é → e, & → +) and cut to `maximum`."""
    schoon = TEKST_TEKENS.sub("", _ascii(tekst.replace("&", "+")))
    return re.sub(r"\s+", " ", schoon).strip()[:maximum].strip()


def end_to_end_id(referentie: str) -> str:
    """The EndToEndId derived from the case reference."""
    schoon = REFERENTIE_TEKENS.sub("", _ascii(referentie))
    schoon = re.sub(r"/+", "/", schoon).strip("/")
    return schoon[:35]


def omschrijving(referentie: str, regeling: str) -> str:
    return epc_tekst(f"{referentie} {regeling}", 140)


def is_geldige_referentie(waarde: str) -> bool:
    return (
        0 < len(waarde) <= 35
        and not REFERENTIE_TEKENS.search(waarde)
        and not waarde.startswith("/")
        and not waarde.endswith("/")
        and "//" not in waarde
    )
