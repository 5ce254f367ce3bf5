"""Bank working days (TARGET2/T2 calendar) and the requested execution date. Pure Python.

T2 is closed on Saturdays, Sundays, New Year's Day, Good Friday, Easter Monday, 1 May and
25–26 December. A batch handed over before the gemeente's cut-off time (BNG: 14:30) on a bank
day is executed that day; otherwise on the next bank day.
"""

from datetime import date, datetime, time, timedelta

from dateutil.easter import easter


def target2_sluitingsdagen(jaar: int) -> set[date]:
    pasen = easter(jaar)
    return {
        date(jaar, 1, 1),
        pasen - timedelta(days=2),
        pasen + timedelta(days=1),
        date(jaar, 5, 1),
        date(jaar, 12, 25),
        date(jaar, 12, 26),
    }


def is_bankdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in target2_sluitingsdagen(dag.year)


def volgende_bankdag(dag: date) -> date:
    dag += timedelta(days=1)
    while not is_bankdag(dag):
        dag += timedelta(days=1)
    return dag


def uitvoerdatum(nu: datetime, cutoff: time) -> date:
    """ReqdExctnDt for a batch made at local time `nu`."""
    vandaag = nu.date()
    if is_bankdag(vandaag) and nu.time() < cutoff:
        return vandaag
    return volgende_bankdag(vandaag)
