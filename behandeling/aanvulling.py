"""Asking the inwoner for more information, with a term: the terms stand still from the next
day (Awb 4:15). The answer comes in through aanvragen.aanvulling."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.keuzes import inwoner_berichten
from aanvragen.models import Aanvullingsverzoek, Opschorting
from aanvragen.status import (
    status_wijzigen,
)
from aanvragen.statussen import SlaStatus, Status
from behandeling.werkvoorraad import eigen_aanvraag_controleren
from portal.selectors import kalender_get
from portal.werkdagen import (
    plus_werkdagen,
)


def aanvulling_vragen(
    *, aanvraag_id: int, behandelaar, vraag: str, termijn_werkdagen: int = 5, nu=None
) -> Aanvullingsverzoek:
    """Ask for something with a term; the terms stand still from the next day (Awb 4:15)."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    with transaction.atomic():
        eigen_aanvraag_controleren(aanvraag_id, behandelaar)
        aanvraag = status_wijzigen(
            aanvraag_id=aanvraag_id,
            naar=Status.WACHT_OP_AANVULLING,
            door=behandelaar,
            verwacht=[Status.IN_BEHANDELING],
            reden=vraag,
            nu=nu,
            sla_status=SlaStatus.OPGESCHORT,
        )
        kalender = kalender_get(gemeente=aanvraag.gemeente, vanaf=vandaag)
        verzoek = Aanvullingsverzoek.objects.create(
            aanvraag=aanvraag,
            vraag=vraag,
            gevraagd_op=nu,
            gevraagd_door=behandelaar,
            termijn_tot=plus_werkdagen(vandaag, termijn_werkdagen, kalender).datum,
        )
        Opschorting.objects.create(
            aanvraag=aanvraag,
            verzoek=verzoek,
            van=vandaag + timedelta(days=1),
            reden=_("Vraag om aanvulling"),
        )
        # Tell the inwoner there is a question in Mijn aanvragen (no personal data in it),
        # on the channel they chose for questions.
        inwoner_berichten(aanvraag, soort="aanvulling", termijn=verzoek.termijn_tot, nu=nu)
    return verzoek
