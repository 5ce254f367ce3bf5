"""How an inwoner wants to be told, per kind of message (Wmebv, Awb afdeling 2.3).

Since 1 January 2026 the gemeente sends a message electronically only to someone who said they
are reachable that way, and only for the kinds of message they said it for. The inwoner chooses
per kind — the receipt of what they sent, a question, the decision, the payment — between an
SMS, an e-mail or only letters; an e-mail address counts only after the inwoner proved it is
theirs with a code. Pure Python, no Django: the rule for every message the portal sends.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class Soort(StrEnum):
    """The kinds of message an inwoner chooses for."""

    ONTVANGST = "ontvangst"  # we received what you sent (aanvraag, answer, document)
    VRAAG = "vraag"  # we need something from you (aanvulling, confirmation, partner consent)
    BESLUIT = "besluit"  # the decision on your aanvraag
    BETALING = "betaling"  # the money is on its way / was paid


class Weg(StrEnum):
    SMS = "sms"
    EMAIL = "email"
    BRIEF = "brief"  # only letters (and Mijn aanvragen): nothing electronically


# The outbox's message kinds (portal.models.Bericht.soort) and the kind the inwoner chose for.
BERICHTEN = {
    "ontvangstbevestiging": Soort.ONTVANGST,
    "ontvangst": Soort.ONTVANGST,
    "aanvulling": Soort.VRAAG,
    "gebeld": Soort.VRAAG,  # a short SMS after a call about the aanvraag
    "bevestigen": Soort.VRAAG,
    "partner-toestemming": Soort.VRAAG,
    "beschikking": Soort.BESLUIT,
    "betaling": Soort.BETALING,
}


@dataclass(frozen=True)
class Keuze:
    wegen: dict[Soort, Weg] = field(default_factory=dict)
    telefoon: str = ""  # E.164, +31612345678
    email: str = ""
    email_geverifieerd: bool = False


@dataclass(frozen=True)
class Bestemming:
    weg: Weg
    adres: str  # the number or the address


def bestemming(keuze: Keuze | None, bericht: str) -> Bestemming | None:
    """Where a message of kind `bericht` goes electronically, or None: not at all (no choice,
    letters chosen, no number, an e-mail address not yet proven)."""
    soort = BERICHTEN.get(bericht)
    if keuze is None or soort is None:
        return None
    weg = keuze.wegen.get(soort, Weg.BRIEF)
    if weg is Weg.SMS and keuze.telefoon:
        return Bestemming(Weg.SMS, keuze.telefoon)
    if weg is Weg.EMAIL and keuze.email and keuze.email_geverifieerd:
        return Bestemming(Weg.EMAIL, keuze.email)
    return None
