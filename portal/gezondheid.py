"""The parts /healthz reports on besides the database, broker and worker.

An app whose work depends on an outside system registers a check here in its AppConfig.ready
(aanvragen: the BRP), so the shared core reports it without importing the app.
"""

from collections.abc import Callable

_CONTROLES: dict[str, Callable[[], str]] = {}


def registreren(naam: str, controle: Callable[[], str]) -> None:
    """`controle` returns "ok" or a short word for what is wrong ("storing", "configuratie")."""
    _CONTROLES[naam] = controle


def standen() -> dict[str, str]:
    return {naam: controle() for naam, controle in sorted(_CONTROLES.items())}
