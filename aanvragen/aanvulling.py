"""The inwoner answers a request to supplement the aanvraag (Awb 4:5): the suspension ends,
the clock runs again. The behandelaar asks (behandeling.aanvulling.aanvulling_vragen); the answer
comes in here, from Mijn aanvragen or from a colleague on the phone."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.documenten import document_toevoegen
from aanvragen.models import (
    Aanvraag,
    Aanvullingsverzoek,
    DocumentSoort,
    OntvangstSoort,
    Opschorting,
)
from aanvragen.ontvangst import ontvangst_vastleggen
from aanvragen.status import door_omschrijving, status_wijzigen, termijnen_berekenen
from aanvragen.statussen import Status, sla_status
from portal import werkgebied
from portal.actor import INWONER
from portal.selectors import kalender_get


def aanvulling_ontvangen(
    *, verzoek_id: int, bsn: str, antwoord: str, bestand=None, namens=None, nu=None
) -> Aanvullingsverzoek:
    """The inwoner answers (or a colleague on the phone for them, `namens`): the suspension
    ends the day before, the clock runs again."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    with transaction.atomic():
        verzoek = Aanvullingsverzoek.objects.select_for_update().get(
            pk=verzoek_id, aanvraag__bsn=bsn, beantwoord_op__isnull=True
        )
        if namens is not None:
            werkgebied.controleer(namens, verzoek.aanvraag.gemeente_id)
        verzoek.antwoord = antwoord
        verzoek.beantwoord_op = nu
        verzoek.beantwoord_namens = namens
        verzoek.save(update_fields=["antwoord", "beantwoord_op", "beantwoord_namens"])
        # Ends the day before the answer; answered before it began (the same day it was asked),
        # it never stood still: the period stays recorded as empty (tot = van - 1 day).
        opschorting = Opschorting.objects.filter(verzoek=verzoek).first()
        if opschorting is not None:
            opschorting.tot = max(vandaag, opschorting.van) - timedelta(days=1)
            opschorting.save(update_fields=["tot"])
        document = None
        if bestand is not None:
            document = document_toevoegen(
                aanvraag=verzoek.aanvraag, soort=DocumentSoort.AANVULLING, bestand=bestand
            )
            # The proof that was to follow came with the answer.
            Aanvraag.objects.filter(pk=verzoek.aanvraag_id, bewijs_volgt=True).update(
                bewijs_volgt=False
            )
        aanvraag = Aanvraag.objects.select_related("regeling", "gemeente").get(
            pk=verzoek.aanvraag_id
        )
        termijnen = termijnen_berekenen(
            aanvraag=aanvraag, ingediend=timezone.localdate(aanvraag.ingediend_op), vandaag=vandaag
        )
        kalender = kalender_get(gemeente=aanvraag.gemeente, vanaf=vandaag)
        status_wijzigen(
            aanvraag_id=aanvraag.pk,
            naar=Status.IN_BEHANDELING,
            door=namens or INWONER,
            verwacht=[Status.WACHT_OP_AANVULLING],
            reden=_("Aanvulling ontvangen")
            if namens is None
            else _("Aanvulling ontvangen, aan de telefoon ingevuld door %(naam)s namens de inwoner")
            % {"naam": door_omschrijving(namens)},
            nu=nu,
            termijnen=termijnen,
            sla_status=sla_status(termijnen.einddatum_gepland, vandaag, kalender),
        )
        ontvangst_vastleggen(
            aanvraag=aanvraag,
            soort=OntvangstSoort.AANVULLING,
            delen=[antwoord, *([document.sha256] if document is not None else [])],
            namens=namens,
            nu=nu,
        )
    return verzoek
