"""Text typed by people, made safe to show and to send. Pure, no Django.

Unicode bidirectional *controls* (embeddings, overrides and isolates, U+202A–U+202E and
U+2066–U+2069) change the order in which text is shown: "RLO" makes "Jan 001 IBAN" read
backwards on the behandelaar's page and in a PDF. They are never needed in a name, an address
or a sentence, so they are removed from everything typed. The bidi *marks* (LRM, RLM, ALM) only
nudge neutral characters and are kept, so Arabic or Hebrew text still shows right. On top, staff
pages show free text inside <bdi> (isolation), so a right-to-left name never reorders the
sentence around it.
"""

import re
import unicodedata

BIDI_STUURTEKENS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WEG = {ord(teken): None for teken in BIDI_STUURTEKENS}


def zonder_bidi(tekst: str) -> str:
    """`tekst` without bidirectional embedding, override and isolate controls."""
    return tekst.translate(_WEG)


def vertaalbaar(tekst: str) -> str:
    """Marks a label in a pure module for the translation catalogue (makemessages finds the
    `_(...)` call); the model layer translates it. Import it as `_`."""
    return tekst


# The EPC character set of SEPA names and remittance information (a space allowed).
EPC_TEKENS = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")

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


def ascii_tekst(tekst: str) -> str:
    """Letters without accents (é → e, ø → o); what has no ASCII form is dropped."""
    tekst = tekst.translate(_TRANSLITERATIE)
    return unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode("ascii")


def epc_tekst(tekst: str, maximum: int) -> str:
    """Transliterate to the EPC character set (é → e, & → +) and cut to `maximum`: names and
    remittance information in a payment file (shared/domain.md §5)."""
    schoon = EPC_TEKENS.sub("", ascii_tekst(tekst.replace("&", "+")))
    return re.sub(r"\s+", " ", schoon).strip()[:maximum].strip()


def volledige_naam(voornaam: str | None, achternaam: str | None) -> str:
    """A colleague's name as Django's `User.get_full_name` gives it, from the two columns (for
    lists read as plain values)."""
    return f"{voornaam or ''} {achternaam or ''}".strip()


# The GSM 03.38 default alphabet: an SMS of these characters holds 160 of them; one character
# outside it (a curly quote, an emoji) makes it UCS-2 and 70. The extension table's characters
# count twice (an escape before each).
GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_UITBREIDING = set("^{}\\[~]|€\f")


def gsm7_lengte(tekst: str) -> int | None:
    """The length of `tekst` in GSM-7 characters, or None when it cannot be sent as GSM-7."""
    lengte = 0
    for teken in tekst:
        if teken in GSM7:
            lengte += 1
        elif teken in GSM7_UITBREIDING:
            lengte += 2
        else:
            return None
    return lengte
