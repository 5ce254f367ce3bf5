"""One confirmation step for final acts (award, refusal, a bank's answer), without JavaScript.

The act's form posts as usual; the first time the view answers with a page that says what will
happen and posts the same fields back with `bevestigd=ja`. Nothing changes until then, so a
mis-click or a back button costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.shortcuts import render

BEVESTIGD = "bevestigd"


@dataclass(frozen=True)
class Regel:
    """One line of what the colleague confirms: label and value."""

    label: str
    waarde: str
    nadruk: bool = False


def eerst_bevestigen(
    request,
    *,
    titel: str,
    uitleg: str,
    terug: str,
    terug_tekst: str,
    knop: str = "",
    regels: Iterable[Regel] = (),
):
    """The confirmation page for this POST, or None when it is the confirmed one."""
    if request.POST.get(BEVESTIGD) == "ja":
        return None
    velden = [
        (naam, waarde)
        for naam, waarden in request.POST.lists()
        if naam not in ("csrfmiddlewaretoken", BEVESTIGD)
        for waarde in waarden
    ]
    return render(
        request,
        "portal/bevestigen.html",
        {
            "titel": titel,
            "uitleg": uitleg,
            "regels": list(regels),
            "knop": knop,
            "actie": request.path,
            "velden": velden,
            "terug": terug,
            "terug_tekst": terug_tekst,
        },
    )
