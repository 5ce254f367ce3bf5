"""Who did something: a colleague (with their user account), the inwoner, their partner, or the
system (a task). Pure Python, no Django. Services take `door` as a colleague's User or an Actor;
`actor(door)` makes it one Actor, so nobody asks "is this a user or a string?" again."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ActorSoort(StrEnum):
    MEDEWERKER = "medewerker"
    INWONER = "inwoner"
    PARTNER = "partner"
    SYSTEEM = "systeem"


@dataclass(frozen=True)
class Actor:
    soort: ActorSoort
    medewerker: Any = None  # the colleague's User when soort is MEDEWERKER

    @property
    def omschrijving(self) -> str:
        """How the history names them: the colleague's name, otherwise the kind."""
        if self.medewerker is not None:
            return self.medewerker.get_full_name() or self.medewerker.get_username()
        return self.soort.value


INWONER = Actor(ActorSoort.INWONER)
PARTNER = Actor(ActorSoort.PARTNER)
SYSTEEM = Actor(ActorSoort.SYSTEEM)


class GeenActor(TypeError):
    """Something that is neither a colleague nor an Actor was passed as `door`."""


def actor(door) -> Actor:
    """A colleague's User, an Actor, or None (the system) as an Actor; anything else refused."""
    if door is None:
        return SYSTEEM
    if isinstance(door, Actor):
        return door
    if getattr(door, "pk", None) is not None and hasattr(door, "get_username"):
        return Actor(ActorSoort.MEDEWERKER, door)
    raise GeenActor(f"not an actor: {door!r}")
