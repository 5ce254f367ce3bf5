"""Secrets the application keeps in its database (a gemeente's NotifyNL API key), encrypted.

The key comes from `GEHEIMEN_SLEUTEL` (environment), else from `DJANGO_SECRET_KEY`, derived per
purpose with HKDF; Fernet (AES-128-CBC with HMAC-SHA256) encrypts. A database dump alone does
not reveal an API key; rotating the setting means entering the keys again in beheer.
"""

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


@functools.lru_cache(maxsize=4)
def _fernet(basis: str) -> Fernet:
    sleutel = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"geheimen", info=b"portal").derive(
        basis.encode()
    )
    return Fernet(base64.urlsafe_b64encode(sleutel))


def _huidig() -> Fernet:
    return _fernet(settings.GEHEIMEN_SLEUTEL or settings.SECRET_KEY)


def versleutel(tekst: str) -> str:
    return _huidig().encrypt(tekst.encode()).decode()


def ontsleutel(token: str) -> str:
    """The secret; "" when it was encrypted under another key (entered again in beheer)."""
    try:
        return _huidig().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""
