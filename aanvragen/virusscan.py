"""Virus scan hook: ClamAV through clamd's INSTREAM command when CLAMD_ADRES is set.

CLAMD_ADRES is "host:port" or a Unix socket path. Without it, files are not scanned (and that is
recorded). When clamd is configured but unreachable, the upload is refused: better "try again"
than an unscanned file in a caseworker's hands.
"""

import socket
import struct
from dataclasses import dataclass

from django.conf import settings

BLOK = 64 * 1024


@dataclass(frozen=True)
class ScanUitkomst:
    gescand: bool
    schoon: bool
    melding: str = ""


class ScanNietBeschikbaar(Exception):
    pass


def _verbind(adres: str) -> socket.socket:
    if ":" in adres and not adres.startswith("/"):
        host, poort = adres.rsplit(":", 1)
        return socket.create_connection((host, int(poort)), timeout=30)
    verbinding = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    verbinding.settimeout(30)
    verbinding.connect(adres)
    return verbinding


def scan(bestand) -> ScanUitkomst:
    adres = getattr(settings, "CLAMD_ADRES", "")
    if not adres:
        return ScanUitkomst(gescand=False, schoon=True, melding="niet geconfigureerd")
    bestand.seek(0)
    try:
        with _verbind(adres) as verbinding:
            verbinding.sendall(b"zINSTREAM\0")
            while blok := bestand.read(BLOK):
                verbinding.sendall(struct.pack("!L", len(blok)) + blok)
            verbinding.sendall(struct.pack("!L", 0))
            antwoord = verbinding.recv(4096).decode("utf-8", "replace").strip("\0\n ")
    except OSError as exc:
        raise ScanNietBeschikbaar(str(exc)) from exc
    finally:
        bestand.seek(0)
    return ScanUitkomst(gescand=True, schoon=antwoord.endswith("OK"), melding=antwoord)
