"""SLA state of an open aanvraag: pure Python, no Django.

op schema: more than one werkdag left; risico: decision due today or on the next werkdag;
te laat: the service norm date (einddatum_gepland) has passed; opgeschort: waiting for the
inwoner, the terms stand still.
"""

from dataclasses import dataclass
from datetime import date

from aanvragen.statussen import SlaStatus
from portal.werkdagen import Kalender, plus_werkdagen, werkdagen_tussen

OP_SCHEMA, RISICO, TE_LAAT, OPGESCHORT = (
    SlaStatus.OP_SCHEMA,
    SlaStatus.RISICO,
    SlaStatus.TE_LAAT,
    SlaStatus.OPGESCHORT,
)


@dataclass(frozen=True)
class SlaGrenzen:
    """Dates that split open aanvragen by their einddatum_gepland."""

    te_laat_voor: date  # einddatum_gepland < this → te laat
    risico_tot_en_met: date  # einddatum_gepland <= this → risico


def sla_grenzen(vandaag: date, kalender: Kalender) -> SlaGrenzen:
    return SlaGrenzen(
        te_laat_voor=vandaag, risico_tot_en_met=plus_werkdagen(vandaag, 1, kalender).datum
    )


def sla_status(einddatum_gepland: date, vandaag: date, kalender: Kalender) -> str:
    grenzen = sla_grenzen(vandaag, kalender)
    if einddatum_gepland < grenzen.te_laat_voor:
        return TE_LAAT
    if einddatum_gepland <= grenzen.risico_tot_en_met:
        return RISICO
    return OP_SCHEMA


def werkdagen_over(einddatum_gepland: date, vandaag: date, kalender: Kalender) -> int:
    """Werkdagen left until the norm date; negative when late."""
    return werkdagen_tussen(vandaag, einddatum_gepland, kalender)
