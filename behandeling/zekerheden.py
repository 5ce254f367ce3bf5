"""The four guarantees (zekerheden), measured: which aanvragen count for each, and which of
them kept it. The dashboard's figures, its weekly trend, its CSV and the werkvoorraad's
drill-down all read these definitions, so a figure and the list behind it always agree.

1. Wegwijzer check within 2 minutes: anonymous day counters (no aanvragen behind them).
2. Aanvraag within 15 minutes: submitted aanvragen whose filling-in time was measured.
3. Besluit within 5 werkdagen: decided aanvragen, kept when decided on or before the norm date.
4. Payment instruction on the day of the award: awards, kept when their instruction was made
   the same (Amsterdam) day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanvragen.models import Aanvraag
from portal import werkgebied
from wegwijzer.models import WegwijzerTelling

KWARTIER = 15 * 60
WEKEN = 12  # the dashboard's trend


class Zekerheid(StrEnum):
    WEGWIJZER = "wegwijzer"
    AANVRAAG = "aanvragen"
    BESLUIT = "besluiten"
    UITBETALING = "uitbetaling"


ZEKERHEID_LABELS = {
    Zekerheid.WEGWIJZER: _("1. Wegwijzer-check binnen 2 minuten"),
    Zekerheid.AANVRAAG: _("2. Aanvraag binnen 15 minuten"),
    Zekerheid.BESLUIT: _("3. Besluit binnen 5 werkdagen"),
    Zekerheid.UITBETALING: _("4. Betaling klaargezet op de dag van toekenning"),
}

# The moment that puts an aanvraag in a week for each guarantee.
MOMENT = {
    Zekerheid.AANVRAAG: "ingediend_op",
    Zekerheid.BESLUIT: "besloten_op",
    Zekerheid.UITBETALING: "besloten_op",
}
MET_AANVRAGEN = tuple(MOMENT)  # the guarantees with aanvragen behind them (drill-down)


def gemeten(zekerheid: Zekerheid, begin: datetime, eind: datetime | None = None) -> Q:
    """The aanvragen that count for this guarantee with their moment in [begin, eind)."""
    moment = MOMENT[zekerheid]
    q = Q(**{f"{moment}__gte": begin})
    if eind is not None:
        q &= Q(**{f"{moment}__lt": eind})
    if zekerheid == Zekerheid.AANVRAAG:
        q &= Q(duur_seconden__isnull=False)
    elif zekerheid == Zekerheid.UITBETALING:
        q &= Q(toegekend_bedrag__isnull=False)
    return q


def gehaald(zekerheid: Zekerheid) -> Q:
    """Of those counted, the ones that kept the guarantee."""
    if zekerheid == Zekerheid.AANVRAAG:
        return Q(duur_seconden__lte=KWARTIER)
    if zekerheid == Zekerheid.BESLUIT:
        return Q(besloten_op__date__lte=F("einddatum_gepland"))
    return Q(betaalopdracht__aangemaakt_op__date=F("besloten_op__date"))


def procent(deel, geheel) -> int | None:
    """Kept as a whole percentage of counted; None when nothing was counted."""
    return round(100 * (deel or 0) / geheel) if geheel else None


@dataclass(frozen=True)
class Meting:
    """One guarantee in one week and gemeente: how many counted and how many kept it."""

    zekerheid: Zekerheid
    week: date  # the Monday
    gemeente_id: int
    gemeten: int
    gehaald: int


def dag_grenzen(van: date, tot: date) -> tuple[datetime, datetime]:
    """[start of `van`, start of the day after `tot`) in the portal's time zone: index-friendly."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(van, time.min, tzinfo=zone),
        datetime.combine(tot + timedelta(days=1), time.min, tzinfo=zone),
    )


def maandag(dag: date) -> date:
    return dag - timedelta(days=dag.weekday())


def weken_tot(tot: date, aantal: int = WEKEN) -> list[date]:
    """The Mondays of the `aantal` weeks ending with the week of `tot`, oldest first."""
    laatste = maandag(tot)
    return [laatste - timedelta(weeks=n) for n in range(aantal - 1, -1, -1)]


def per_week(*, medewerker, weken: list[date]) -> list[Meting]:
    """Every guarantee per week and gemeente over `weken`, in four grouped queries."""
    begin, eind = dag_grenzen(weken[0], weken[-1] + timedelta(days=6))
    metingen = [
        Meting(
            Zekerheid.WEGWIJZER, _als_datum(r["week"]), r["gemeente_id"], r["n"] or 0, r["ok"] or 0
        )
        for r in werkgebied.beperk(WegwijzerTelling.objects, medewerker)
        .filter(datum__gte=weken[0], datum__lte=weken[-1] + timedelta(days=6))
        .annotate(week=TruncWeek("datum"))
        .values("week", "gemeente_id")
        .annotate(n=Sum("afgerond"), ok=Sum("binnen_twee_minuten"))
        .order_by()
    ]
    aanvragen = werkgebied.beperk(Aanvraag.objects, medewerker)
    for zekerheid in MET_AANVRAGEN:
        metingen += [
            Meting(zekerheid, _als_datum(r["week"]), r["gemeente_id"], r["n"], r["ok"])
            for r in aanvragen.filter(gemeten(zekerheid, begin, eind))
            .annotate(week=TruncWeek(MOMENT[zekerheid]))
            .values("week", "gemeente_id")
            .annotate(n=Count("pk"), ok=Count("pk", filter=gehaald(zekerheid)))
            .order_by()
        ]
    return metingen


def _als_datum(waarde) -> date:
    """TruncWeek gives a date for a date and an aware datetime (in Amsterdam) for a moment."""
    return waarde.date() if isinstance(waarde, datetime) else waarde
