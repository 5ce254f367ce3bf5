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

import time
from collections.abc import Iterable

import psycopg
from django.db import connection


def kan_stempelen() -> bool:
    return connection.vendor == "postgresql"


def rij(alias: str, pk: str = "id") -> str:
    """SQL: one row's version as a number (to sum over a set of rows)."""
    return f"hashtext({alias}.{pk}::text || ':' || {alias}.xmin::text)::bigint"


def met_verwanten(model, alias: str, *, diepte: int = 1) -> str:
    """SQL: the version of one row of `model` (as `alias`) with the rows it points to and every
    row that points to it, found through the models' own relations, so a table added later is
    stamped without anyone remembering it; through a one-to-one (an aanvraag's payment) also
    that row's relations, `diepte` levels down. A text; equal texts, equal versions."""
    pk = model._meta.pk.column
    delen = [f"{alias}.xmin::text"]
    for veld in model._meta.concrete_fields:
        if veld.many_to_one or veld.one_to_one:
            doel = veld.related_model._meta
            delen.append(
                f"(SELECT d.xmin::text FROM {doel.db_table} d"  # noqa: S608 - names from the models
                f" WHERE d.{doel.pk.column} = {alias}.{veld.column})"
            )
    for relatie in model._meta.related_objects:
        if relatie.many_to_many:
            continue
        verwant = relatie.related_model._meta
        sub = f"{alias}_{len(delen)}"
        waar = f"FROM {verwant.db_table} {sub} WHERE {sub}.{relatie.field.column} = {alias}.{pk}"
        if relatie.one_to_one and diepte > 0:
            binnen = met_verwanten(relatie.related_model, sub, diepte=diepte - 1)
            delen.append(f"(SELECT {binnen} {waar})")
        else:
            som = f"coalesce(sum({rij(sub, verwant.pk.column)}), 0)"
            delen.append(f"(SELECT count(*) || '.' || {som} {waar})")
    return "concat_ws('|', " + ", ".join(delen) + ")"


def verwijzingen(model, alias: str, doel, *, diepte: int = 1) -> str:
    """SQL: an array of the ids of every `doel` row (the colleagues) that one row of `model`
    (as `alias`) or a row pointing to it names, found as `met_verwanten` finds rows. A page
    whose content differs per viewer only where it compares the viewer with these ids (who
    holds the case, who proposed, who changed the account) is the same page for every viewer
    who is none of them."""
    pk = model._meta.pk.column
    delen = [
        f"ARRAY[{alias}.{veld.column}]"
        for veld in model._meta.concrete_fields
        if (veld.many_to_one or veld.one_to_one) and veld.related_model is doel
    ]
    for relatie in model._meta.related_objects:
        if relatie.many_to_many:
            continue
        verwant = relatie.related_model
        sub = f"{alias}_{len(delen)}"
        tabel, fk = verwant._meta.db_table, relatie.field.column
        waar = f"FROM {tabel} {sub} WHERE {sub}.{fk} = {alias}.{pk}"  # noqa: S608 - model names
        if relatie.one_to_one and diepte > 0:
            binnen = verwijzingen(verwant, sub, doel, diepte=diepte - 1)
            delen.append(f"coalesce((SELECT {binnen} {waar}), '{{}}')")
            continue
        kolommen = [
            f"{sub}.{veld.column}"
            for veld in verwant._meta.concrete_fields
            if (veld.many_to_one or veld.one_to_one) and veld.related_model is doel
        ]
        if kolommen:
            waarden = f"ARRAY[{', '.join(kolommen)}]"
            delen.append(
                f"coalesce((SELECT array_agg(v) FROM {tabel} {sub}"  # noqa: S608 - model names
                f" CROSS JOIN LATERAL unnest({waarden}) v"
                f" WHERE {sub}.{fk} = {alias}.{pk}), '{{}}')"
            )
    if not delen:
        return "'{}'::bigint[]"
    return "array_remove(" + " || ".join(f"{d}::bigint[]" for d in delen) + ", NULL)"


def lege_relaties(model, alias: str) -> str:
    """SQL: an array of the names (accessors) of the relations pointing to one row of `model`
    (as `alias`) that have no rows: what need not be fetched to show it. Read with the stamp,
    so a page rendered under that stamp shows exactly that state."""
    delen = [
        f"CASE WHEN EXISTS (SELECT 1 FROM {r.related_model._meta.db_table} l"  # noqa: S608 - names from the models
        f" WHERE l.{r.field.column} = {alias}.{model._meta.pk.column})"
        f" THEN NULL ELSE '{r.get_accessor_name()}' END"
        for r in model._meta.related_objects
        if r.one_to_many or r.one_to_one
    ]
    return f"array_remove(ARRAY[{', '.join(delen)}]::text[], NULL)" if delen else "'{}'::text[]"


def als_leeg_geladen(obj, namen: Iterable[str]) -> None:
    """Record on `obj` that the relations `namen` have no rows, as `prefetch_related` records an
    empty result: `obj.<naam>.all()` then answers [] without a query. Django compiles even an
    empty prefetch (about a millisecond each here); `lege_relaties` already told us."""
    cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
    for naam in namen:
        relatie = obj._meta.get_field(naam)  # the reverse relation: its cache name is Django's
        leeg = relatie.related_model._default_manager.none()
        leeg._result_cache = []
        leeg._prefetch_done = True
        cache[relatie.cache_name] = leeg


def in_lijst(waarden: Iterable) -> tuple[str, list]:
    """SQL `IN (…)` placeholders and their parameters (never empty: `IN (NULL)` matches none)."""
    lijst = list(waarden)
    if not lijst:
        return "(NULL)", []
    return "(" + ", ".join(["%s"] * len(lijst)) + ")", lijst


def stempel(sql: str, params: list) -> tuple | None:
    """The one row `sql` selects, as the stamp; None where the database cannot stamp.

    A stamp query has many small subqueries: planning it cost five times its execution
    (6 ms against 1 ms for an aanvraag with its relations). It runs as a prepared statement
    on the request's own connection (same transaction; psycopg keeps it per connection, and
    connections persist, DATABASE_CONN_MAX_AGE), so it is planned once per connection. Django's
    cursor binds parameters on the client and cannot prepare; the query is logged as Django
    logs its own, so query counts in tests still see it."""
    if not kan_stempelen():
        return None
    connection.ensure_connection()
    begin = time.monotonic()
    rij = connection.connection.execute(sql, params, prepare=True).fetchone()
    if connection.queries_logged:  # as Django logs its own: the statement with its values
        tekst = psycopg.ClientCursor(connection.connection).mogrify(sql, params)
        connection.queries_log.append({"sql": tekst, "time": f"{time.monotonic() - begin:.3f}"})
    return tuple(rij or ())
