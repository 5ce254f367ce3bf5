"""Hand-off channels for pain.001 files, chosen with SEPA_KANAAL.

- "outbox" (default): a directory the bank connector or the financial back office picks up from;
  written atomically (temp file, fsync, rename) with a `.sha256` next to it.
- "http": POST to the gemeente's payment gateway, with the SHA-256 in a header.
A failure raises AfleverFout (an OSError): the batch records it and the periodic task retries.
"""

import os
import tempfile
from pathlib import Path

import requests
from django.conf import settings


class AfleverFout(OSError):
    pass


class OutboxKanaal:
    def __init__(self, map_: Path):
        self.map = Path(map_)

    def afleveren(self, naam: str, inhoud: bytes, sha256: str) -> None:
        self.map.mkdir(parents=True, exist_ok=True)
        for doel, data in ((naam, inhoud), (f"{naam}.sha256", f"{sha256}  {naam}\n".encode())):
            with tempfile.NamedTemporaryFile(dir=self.map, prefix=".tmp-", delete=False) as tmp:
                tmp.write(data)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.replace(tmp.name, self.map / doel)


class HttpKanaal:
    def __init__(self, url: str, token: str = "", timeout: float = 30.0):
        self.url = url
        self.token = token
        self.timeout = timeout

    def afleveren(self, naam: str, inhoud: bytes, sha256: str) -> None:
        koppen = {"Content-Type": "application/xml", "X-Content-SHA256": sha256, "X-Filename": naam}
        if self.token:
            koppen["Authorization"] = f"Bearer {self.token}"
        try:
            antwoord = requests.post(self.url, data=inhoud, headers=koppen, timeout=self.timeout)
            antwoord.raise_for_status()
        except requests.RequestException as exc:
            raise AfleverFout(f"HTTP hand-off failed: {exc}") from exc


def kanaal_get():
    if settings.SEPA_KANAAL == "http":
        return HttpKanaal(settings.SEPA_HTTP_URL, settings.SEPA_HTTP_TOKEN)
    return OutboxKanaal(settings.SEPA_OUTBOX_DIR)
