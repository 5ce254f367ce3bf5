"""Retention per the Selectielijst gemeenten en intergemeentelijke organen 2020, process type 8
("Voorzieningen verstrekken"), as summarised in shared/domain.md §6. Pure Python, no Django.

- granted (toegekend / uitbetaald): destroy 10 years after the provision ends (a gift ends on
  the decision; a loan when its last instalment is due);
- refused (afgewezen): 5 years after the decision;
- not dealt with (buiten behandeling, an aborted application in the social domain): 42 days;
- still open: never (a decision comes first).
Financial records (payment instructions and files) are kept 7 years, which the rules above
never undercut. A call-back request (name, phone number, question; no case) has served its
purpose once the call is made: it goes 3 months after it was made, handled or not.
[afgeleid: confirm the terms with the gemeente's archivist]
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from aanvragen.statussen import Status

TERMIJNEN = {
    Status.TOEGEKEND: relativedelta(years=10),
    Status.UITBETAALD: relativedelta(years=10),
    Status.AFGEWEZEN: relativedelta(years=5),
    Status.BUITEN_BEHANDELING: relativedelta(days=42),
}


TERUGBELVERZOEK = relativedelta(months=3)


def terugbelverzoek_grens(vandaag: date) -> date:
    """Call-back requests made before this day must be gone."""
    return vandaag - TERUGBELVERZOEK


def vernietigen_vanaf(
    status: Status | str, besloten: date | None, lening_maanden: int | None = None
) -> date | None:
    """The first day on which the aanvraag's personal data must be gone, or None (keep)."""
    termijn = TERMIJNEN.get(Status(status))
    if termijn is None or besloten is None:
        return None
    einde = besloten + relativedelta(months=lening_maanden or 0)
    return einde + termijn


def grens_voor(status: Status | str, vandaag: date) -> date:
    """Only decisions on or before this date can be due: a cheap pre-selection in SQL (a loan's
    term only makes it later; `vernietigen_vanaf` decides)."""
    return vandaag - TERMIJNEN[Status(status)]
