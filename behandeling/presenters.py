from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from behandeling.sla import OP_SCHEMA, RISICO, TE_LAAT, sla_status
from portal.werkdagen import Kalender, werkdagen_tussen
from wegwijzer.regels import Oordeel, Uitkomst

SLA_LABELS = {OP_SCHEMA: _("Op schema"), RISICO: _("Risico"), TE_LAAT: _("Te laat")}


@dataclass(frozen=True)
class AanvraagRegel:
    aanvraag: object
    sla: str
    sla_label: str
    werkdagen_over: int | None


def aanvraag_regel(aanvraag, *, vandaag: date, kalender: Kalender) -> AanvraagRegel:
    """SLA text, colour class and werkdagen left for one aanvraag."""
    if aanvraag.einddatum_gepland is None:
        return AanvraagRegel(aanvraag, "", "", None)
    sla = sla_status(aanvraag.einddatum_gepland, vandaag, kalender)
    return AanvraagRegel(
        aanvraag=aanvraag,
        sla=sla,
        sla_label=SLA_LABELS[sla],
        werkdagen_over=werkdagen_tussen(vandaag, aanvraag.einddatum_gepland, kalender),
    )


def toekennen_initial(voorstel: Uitkomst | None) -> dict:
    """The award form starts from the engine's proposal; the behandelaar may change it."""
    if voorstel is None or voorstel.oordeel != Oordeel.JA:
        return {}
    return {"bedrag": voorstel.bedrag, "motivering": voorstel.motivering}


def afwijzen_initial(voorstel: Uitkomst | None) -> dict:
    if voorstel is None or voorstel.oordeel != Oordeel.NEE:
        return {}
    return {"motivering": voorstel.motivering}
