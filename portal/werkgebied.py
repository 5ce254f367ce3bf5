"""Tenancy: which gemeenten a colleague works for, and the one filter every staff read uses.

One installation serves several gemeenten. A colleague (a Django user with a role) is linked
to one or more of them (`Gemeente.medewerkers`); a shared-service team or teamleider may be
linked to several. Every selector that reads aanvragen, documents, contact, call-back
requests, payments, batches, files, loans or figures for a colleague narrows its queryset with
`beperk`, so an object of another gemeente is never found (the view answers 404) and never
counted. Writes check the same set once more (`controleer`): a service called with an id of
another gemeente refuses, whatever view called it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from portal.actor import actor


class BuitenWerkgebied(PermissionDenied):
    """A colleague acted on something of a gemeente they do not work for."""


def gemeente_ids(medewerker) -> frozenset[int]:
    """The ids of the gemeenten this colleague works for; empty for anyone else.

    Read with the roles (portal.rollen.medewerker_gegevens: once per request, cached until
    anyone's groups or gemeenten change)."""
    from portal.rollen import medewerker_gegevens

    if medewerker is None or not getattr(medewerker, "is_authenticated", False):
        return frozenset()
    if not medewerker.is_active or medewerker.pk is None:
        return frozenset()
    return medewerker_gegevens(medewerker)[1]


def beperk(queryset, medewerker, *, via: str | None = "gemeente"):
    """`queryset` narrowed to the gemeenten of `medewerker`; `via` is the path to the gemeente
    (e.g. "aanvraag__gemeente" for documents; None for a queryset of gemeenten)."""
    veld = f"{via}_id__in" if via else "pk__in"
    return queryset.filter(**{veld: sorted(gemeente_ids(medewerker))})


def werkt_voor(medewerker, gemeente_id: int | None) -> bool:
    return gemeente_id is not None and gemeente_id in gemeente_ids(medewerker)


def controleer(medewerker, gemeente_id: int | None) -> None:
    """Refuse an act of a colleague on another gemeente's data (defence in depth: the views
    never find such an object in the first place)."""
    if not werkt_voor(medewerker, gemeente_id):
        raise BuitenWerkgebied("Deze gegevens horen bij een gemeente waarvoor u niet werkt.")


def is_medewerker(door) -> bool:
    """A colleague (a user, or an Actor for one), not the inwoner, the partner or a process."""
    return actor(door).medewerker is not None
