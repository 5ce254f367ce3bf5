"""Stamps of row versions, asked of the database: has anything a page shows changed?

PostgreSQL gives every row version the id of the transaction that wrote it (the system column
`xmin`): an UPDATE writes a new version with a new `xmin`, an INSERT or DELETE changes the set.
A stamp over a set of rows — the sum of a hash of each row's id and `xmin` — therefore changes
with every committed change to any of them, whatever code made it (a service, a bulk
`update()`, the SLA sweep, a migration), with no counter for anyone to forget to raise. A
fragment cached under a stamp (portal.fragmenten) is never older than the rows it shows: a
stamp read before the rows can only be paired with rows as new or newer.

Other databases (the embedded SQLite of `make run`) have no such column: `stempel()` answers
None there and the pages render without the cache.
"""

from collections.abc import Iterable

from django.db import connection


def kan_stempelen() -> bool:
    return connection.vendor == "postgresql"


def rij(alias: str) -> str:
    """SQL: one row's version as a number (to sum over a set of rows)."""
    return f"hashtext({alias}.id::text || ':' || {alias}.xmin::text)::bigint"


def in_lijst(waarden: Iterable) -> tuple[str, list]:
    """SQL `IN (…)` placeholders and their parameters (never empty: `IN (NULL)` matches none)."""
    lijst = list(waarden)
    if not lijst:
        return "(NULL)", []
    return "(" + ", ".join(["%s"] * len(lijst)) + ")", lijst


def stempel(sql: str, params: list) -> tuple | None:
    """The one row `sql` selects, as the stamp; None where the database cannot stamp."""
    if not kan_stempelen():
        return None
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(cursor.fetchone() or ())
