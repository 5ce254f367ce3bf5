"""Building a payment instruction's texts: pure Python, no Django.

EPC rules (shared/domain.md §5): references (EndToEndId) use `a-z A-Z 0-9 / - ? : ( ) . , ' +`,
at most 35 characters, no leading or trailing `/` and no `//`; names and remittance information
also allow a space; remittance at most 140 characters, creditor name at most 70.
"""

import re

from portal.tekst import ascii_tekst, epc_tekst

REFERENTIE_TEKENS = re.compile(r"[^A-Za-z0-9/\-?:().,'+]")


def end_to_end_id(referentie: str) -> str:
    """The EndToEndId derived from the case reference."""
    schoon = REFERENTIE_TEKENS.sub("", ascii_tekst(referentie))
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
