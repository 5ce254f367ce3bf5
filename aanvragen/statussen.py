"""The status lifecycle of an Aanvraag, declared once. Pure Python, no Django.

concept → ingediend → in behandeling ⇄ wacht op aanvulling
        → besloten (toegekend / afgewezen / buiten behandeling) → uitbetaald (when toegekend)
                                                          uitbetaald → toegekend (money returned)
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from portal.tekst import vertaalbaar as _
from portal.werkdagen import Kalender, plus_werkdagen, werkdagen_tussen


class Status(StrEnum):
    CONCEPT = "concept"
    INGEDIEND = "ingediend"
    IN_BEHANDELING = "in_behandeling"
    WACHT_OP_AANVULLING = "wacht_op_aanvulling"
    TOEGEKEND = "toegekend"
    AFGEWEZEN = "afgewezen"
    BUITEN_BEHANDELING = "buiten_behandeling"
    UITBETAALD = "uitbetaald"


# Dutch labels in B1, for inwoners and staff alike. Wrapped in gettext by the model layer.
LABELS: dict[Status, str] = {
    Status.CONCEPT: _("Nog niet verstuurd"),
    Status.INGEDIEND: _("Ontvangen"),
    Status.IN_BEHANDELING: _("In behandeling"),
    Status.WACHT_OP_AANVULLING: _("Wacht op informatie van u"),
    Status.TOEGEKEND: _("Toegekend"),
    Status.AFGEWEZEN: _("Afgewezen"),
    Status.BUITEN_BEHANDELING: _("Niet behandeld"),
    Status.UITBETAALD: _("Uitbetaald"),
}

# Where staff read the status the inwoner's wording would be wrong ("van u").
LABELS_MEDEWERKER: dict[Status, str] = {
    **LABELS,
    Status.WACHT_OP_AANVULLING: _("Wacht op informatie van de inwoner"),
}

TRANSITIES: dict[Status, frozenset[Status]] = {
    Status.CONCEPT: frozenset({Status.INGEDIEND}),
    Status.INGEDIEND: frozenset({Status.IN_BEHANDELING}),
    Status.IN_BEHANDELING: frozenset(
        {
            Status.INGEDIEND,  # released back to the queue
            Status.WACHT_OP_AANVULLING,
            Status.TOEGEKEND,
            Status.AFGEWEZEN,
            Status.BUITEN_BEHANDELING,
        }
    ),
    Status.WACHT_OP_AANVULLING: frozenset({Status.IN_BEHANDELING, Status.BUITEN_BEHANDELING}),
    Status.TOEGEKEND: frozenset({Status.UITBETAALD}),
    Status.AFGEWEZEN: frozenset(),
    Status.BUITEN_BEHANDELING: frozenset(),
    # The bank returned the money after booking (closed account, …): awarded, not yet paid.
    Status.UITBETAALD: frozenset({Status.TOEGEKEND}),
}

OPEN = frozenset({Status.INGEDIEND, Status.IN_BEHANDELING, Status.WACHT_OP_AANVULLING})
# The SLA clock runs while the gemeente has the aanvraag; it stands still while it waits for the
# inwoner (Awb 4:15). The sweep, the escalations and the teamleider's list use this one set.
KLOK_LOOPT = frozenset({Status.INGEDIEND, Status.IN_BEHANDELING})


class SlaStatus(StrEnum):
    """The SLA state of an open aanvraag (`sla_status` below decides it)."""

    OP_SCHEMA = "op_schema"  # more than one werkdag left
    RISICO = "risico"  # decision due today or on the next werkdag
    TE_LAAT = "te_laat"  # the service norm date has passed
    OPGESCHORT = "opgeschort"  # waiting for the inwoner: never risico or te laat


SLA_LABELS: dict[SlaStatus, str] = {
    SlaStatus.OP_SCHEMA: _("Op schema"),
    SlaStatus.RISICO: _("Risico"),
    SlaStatus.TE_LAAT: _("Te laat"),
    SlaStatus.OPGESCHORT: _("Opgeschort"),
}
AANDACHT = frozenset({SlaStatus.RISICO, SlaStatus.TE_LAAT})  # escalated and listed


@dataclass(frozen=True)
class SlaGrenzen:
    """Dates that split open aanvragen by their einddatum_gepland."""

    te_laat_voor: date  # einddatum_gepland < this → te laat
    risico_tot_en_met: date  # einddatum_gepland <= this → risico


def sla_grenzen(vandaag: date, kalender: Kalender) -> SlaGrenzen:
    return SlaGrenzen(
        te_laat_voor=vandaag, risico_tot_en_met=plus_werkdagen(vandaag, 1, kalender).datum
    )


def sla_status(einddatum_gepland: date, vandaag: date, kalender: Kalender) -> SlaStatus:
    """The state of an aanvraag whose clock runs (KLOK_LOOPT) on `vandaag`."""
    grenzen = sla_grenzen(vandaag, kalender)
    if einddatum_gepland < grenzen.te_laat_voor:
        return SlaStatus.TE_LAAT
    if einddatum_gepland <= grenzen.risico_tot_en_met:
        return SlaStatus.RISICO
    return SlaStatus.OP_SCHEMA


def werkdagen_over(einddatum_gepland: date, vandaag: date, kalender: Kalender) -> int:
    """Werkdagen left until the norm date; negative when late."""
    return werkdagen_tussen(vandaag, einddatum_gepland, kalender)


BESLOTEN = frozenset(
    {Status.TOEGEKEND, Status.AFGEWEZEN, Status.BUITEN_BEHANDELING, Status.UITBETAALD}
)


class OngeldigeTransitie(Exception):
    def __init__(self, van: Status, naar: Status):
        super().__init__(f"{van} → {naar} is not an allowed transition")
        self.van = van
        self.naar = naar


def controleer_transitie(van: Status, naar: Status) -> None:
    if naar not in TRANSITIES[Status(van)]:
        raise OngeldigeTransitie(Status(van), Status(naar))


def is_toegestaan(van: Status, naar: Status) -> bool:
    return naar in TRANSITIES[Status(van)]
