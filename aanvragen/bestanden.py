"""Recognising uploaded files by their content, not by their name. Pure Python.

Inwoners send a quote or receipt as PDF, JPEG or PNG, and phones often send HEIC. The type comes
from the first bytes ("magic numbers"); the file name and the browser's content type are ignored.
"""

from dataclasses import dataclass

PDF, JPEG, PNG, HEIC = "application/pdf", "image/jpeg", "image/png", "image/heic"
EXTENSIES = {PDF: "pdf", JPEG: "jpg", PNG: "png", HEIC: "heic"}
HEIC_MERKEN = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1"}


def soort_van(kop: bytes) -> str | None:
    """The content type of a file from its first 16 bytes, or None when not allowed."""
    if kop.startswith(b"%PDF-"):
        return PDF
    if kop.startswith(b"\xff\xd8\xff"):
        return JPEG
    if kop.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if len(kop) >= 12 and kop[4:8] == b"ftyp" and kop[8:12] in HEIC_MERKEN:
        return HEIC
    return None


@dataclass(frozen=True)
class Keuring:
    soort: str | None
    fout: str | None  # a B1 message for the inwoner, or None when the file is fine


def keur(kop: bytes, grootte: int, *, maximum: int) -> Keuring:
    if grootte == 0:
        return Keuring(None, "Het bestand is leeg. Kies een ander bestand.")
    if grootte > maximum:
        mb = maximum // (1024 * 1024)
        return Keuring(None, f"Het bestand is te groot. Het mag hoogstens {mb} MB zijn.")
    soort = soort_van(kop)
    if soort is None:
        return Keuring(
            None,
            "Dit soort bestand kunnen we niet openen. Stuur een PDF, "
            "een foto (JPG of PNG) of een foto van uw telefoon (HEIC).",
        )
    return Keuring(soort, None)
