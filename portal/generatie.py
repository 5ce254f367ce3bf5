"""Cached reference data that can never be stale: keys carry a generation counter that every
change raises (post_save / post_delete signals, and by hand after a bulk `update()`).

Rules (wegwijzer), AOW ages and the werkdagen calendar change a few times a year and are read
on almost every page; reading them from the database each time was a fixed part of the pages'
cost (docs/benchmarks.md). A changed row means a new counter, hence new keys: no page computes
with data that was changed, and expiry only frees memory.
"""

import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

GEEN = object()


def _sleutel(naam: str) -> str:
    return f"portal:generatie:{naam}"


def generatie(naam: str) -> int:
    """The current counter of `naam` (made on first use)."""
    sleutel = _sleutel(naam)
    waarde = cache.get(sleutel)
    if waarde is None:
        cache.add(sleutel, time.time_ns(), None)
        waarde = cache.get(sleutel, 0)
    return waarde


def verhogen(naam: str) -> None:
    """Raise the counter now and again at commit: a reader that cached the old rows between
    the save and the commit cached them under a counter that the commit leaves behind."""

    def nieuw():
        cache.set(_sleutel(naam), time.time_ns(), None)

    nieuw()
    transaction.on_commit(nieuw)


def bij_wijziging(naam: str):
    """A signal receiver that raises `naam` (connect it to post_save and post_delete)."""

    def ontvanger(**_kwargs) -> None:
        verhogen(naam)

    return ontvanger


def onder_generatie(naam: str, sleutel: str, bouwen: Callable, seconden: int = 3600):
    """`bouwen()`'s answer, cached under the current generation of `naam`."""
    volledig = f"{_sleutel(naam)}:{generatie(naam)}:{sleutel}"
    waarde = cache.get(volledig, GEEN)
    if waarde is GEEN:
        waarde = bouwen()
        cache.set(volledig, waarde, seconden)
    return waarde


def generaties(namen: tuple[str, ...]) -> tuple:
    """The current counters of several names in one cache round trip (for a fragment's key)."""
    if not namen:
        return ()
    gevonden = cache.get_many([_sleutel(n) for n in namen])
    return tuple(gevonden.get(_sleutel(n)) or generatie(n) for n in namen)
