"""Werkdagen and legal terms: pure functions, no Django.

A *werkdag* is not Saturday or Sunday, not an algemeen erkende feestdag of the Algemene
termijnenwet (Atw art. 3, including Goede Vrijdag and 5 May every year), not a day equated with
them by decree (*gelijkgestelde dag*, passed in as data) and not one of the gemeente's own closing
days (data). Callers pass the extra days in; this module knows only the rules that follow from
the calendar itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

from dateutil.easter import easter

ZATERDAG, ZONDAG = 5, 6


@lru_cache(maxsize=64)  # asked for every day a deadline counts over; read-only, so shared
def atw_feestdagen(jaar: int) -> Mapping[date, str]:
    """The algemeen erkende feestdagen of Atw art. 3 in `jaar`, plus Goede Vrijdag."""
    pasen = easter(jaar)
    koningsdag = date(jaar, 4, 27)
    if koningsdag.weekday() == ZONDAG:
        koningsdag = date(jaar, 4, 26)
    return MappingProxyType(
        {
            date(jaar, 1, 1): "Nieuwjaarsdag",
            pasen - timedelta(days=2): "Goede Vrijdag",
            pasen + timedelta(days=1): "Tweede Paasdag",
            koningsdag: "Koningsdag",
            date(jaar, 5, 5): "Bevrijdingsdag",
            pasen + timedelta(days=39): "Hemelvaartsdag",
            pasen + timedelta(days=50): "Tweede Pinksterdag",
            date(jaar, 12, 25): "Eerste Kerstdag",
            date(jaar, 12, 26): "Tweede Kerstdag",
        }
    )


@dataclass(frozen=True)
class Kalender:
    """Days that are not werkdagen besides weekends and Atw days, each with its reason."""

    gelijkgestelde_dagen: dict[date, str] = field(default_factory=dict)
    sluitingsdagen: dict[date, str] = field(default_factory=dict)

    def reden_geen_werkdag(self, dag: date) -> str | None:
        """Why `dag` is not a werkdag, or None when it is one."""
        if dag.weekday() == ZATERDAG:
            return "zaterdag"
        if dag.weekday() == ZONDAG:
            return "zondag"
        feestdag = atw_feestdagen(dag.year).get(dag)
        if feestdag:
            return feestdag
        if dag in self.gelijkgestelde_dagen:
            return self.gelijkgestelde_dagen[dag]
        return self.sluitingsdagen.get(dag)

    def is_werkdag(self, dag: date) -> bool:
        return self.reden_geen_werkdag(dag) is None


@dataclass(frozen=True)
class OvergeslagenDag:
    datum: date
    reden: str


@dataclass(frozen=True)
class Termijn:
    """The outcome of a deadline calculation: the date and the days that were skipped."""

    datum: date
    overgeslagen: tuple[OvergeslagenDag, ...]


def plus_werkdagen(start: date, aantal: int, kalender: Kalender) -> Termijn:
    """`start` + `aantal` werkdagen. The start day itself does not count."""
    if aantal < 0:
        raise ValueError("aantal must not be negative")
    dag = start
    overgeslagen: list[OvergeslagenDag] = []
    geteld = 0
    while geteld < aantal:
        dag += timedelta(days=1)
        reden = kalender.reden_geen_werkdag(dag)
        if reden is None:
            geteld += 1
        elif reden not in ("zaterdag", "zondag"):
            overgeslagen.append(OvergeslagenDag(dag, reden))
    return Termijn(datum=dag, overgeslagen=tuple(overgeslagen))


def werkdagen_tussen(van: date, tot: date, kalender: Kalender) -> int:
    """Werkdagen after `van` up to and including `tot`; negative when `tot` lies before `van`."""
    if tot < van:
        return -werkdagen_tussen(tot, van, kalender)
    return sum(
        1 for n in range(1, (tot - van).days + 1) if kalender.is_werkdag(van + timedelta(days=n))
    )


def wettelijke_termijn(
    start: date, weken: int, kalender: Kalender, opgeschorte_dagen: int = 0
) -> Termijn:
    """A legal term of `weken` weeks (Awb 4:13), moved per Atw art. 1 past a weekend or holiday.

    Atw art. 1 moves only past Saturday, Sunday and the Atw days; a gemeente's own closing days
    do not move a legal term. Days the term was suspended (Awb 4:15) are added first.
    """
    wettelijk = Kalender(gelijkgestelde_dagen=kalender.gelijkgestelde_dagen)
    dag = start + timedelta(weeks=weken, days=opgeschorte_dagen)
    overgeslagen: list[OvergeslagenDag] = []
    while (reden := wettelijk.reden_geen_werkdag(dag)) is not None:
        overgeslagen.append(OvergeslagenDag(dag, reden))
        dag += timedelta(days=1)
    return Termijn(datum=dag, overgeslagen=tuple(overgeslagen))


def kalender_voor(
    gelijkgestelde_dagen: Iterable[tuple[date, str]], sluitingsdagen: Iterable[tuple[date, str]]
) -> Kalender:
    return Kalender(dict(gelijkgestelde_dagen), dict(sluitingsdagen))


@dataclass(frozen=True)
class Servicetermijnen:
    einddatum_gepland: Termijn  # the service norm (ZGW einddatum_gepland)
    uiterlijke_einddatum_afdoening: Termijn  # the legal term (Awb 4:13)


@dataclass(frozen=True)
class Stilstand:
    """Days (inclusive) on which the terms stood still (Awb 4:15): the dates of one
    aanvragen.Opschorting."""

    van: date
    tot: date

    def dagen(self) -> list[date]:
        return [self.van + timedelta(days=n) for n in range((self.tot - self.van).days + 1)]


def servicetermijnen(
    ingediend: date,
    *,
    norm_werkdagen: int,
    wettelijke_weken: int,
    kalender: Kalender,
    opschortingen: Iterable[Stilstand] = (),
) -> Servicetermijnen:
    """The one place where an aanvraag's deadlines are computed.

    Suspended days do not count for the service norm (they are skipped like closing days) and
    extend the legal term by as many calendar days.
    """
    opgeschort = {dag for periode in opschortingen for dag in periode.dagen()}
    service = Kalender(
        gelijkgestelde_dagen=kalender.gelijkgestelde_dagen,
        sluitingsdagen={**kalender.sluitingsdagen, **dict.fromkeys(opgeschort, "opgeschort")},
    )
    return Servicetermijnen(
        einddatum_gepland=plus_werkdagen(ingediend, norm_werkdagen, service),
        uiterlijke_einddatum_afdoening=wettelijke_termijn(
            ingediend, wettelijke_weken, kalender, opgeschorte_dagen=len(opgeschort)
        ),
    )
