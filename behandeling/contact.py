"""Calls (and, as the exception, letters) with the applicant: part of the dossier."""

from django.db import transaction
from django.utils import timezone

from aanvragen.keuzes import inwoner_berichten
from aanvragen.models import Aanvraag
from behandeling.models import Contactmoment, Gespreksuitkomst, Kanaal
from portal import werkgebied


def contactmoment_vastleggen(
    *,
    aanvraag_id: int,
    door,
    kanaal: Kanaal,
    met: str,
    samenvatting: str,
    uitkomst: Gespreksuitkomst,
    op=None,
    sms_sturen: bool = False,
) -> Contactmoment:
    """Record a call (or letter, or visit) with the applicant. `kanaal` and `uitkomst` must be
    one of their choices (ValueError otherwise): the log is read and counted by them. With
    `sms_sturen`, a call is followed by a short SMS ("wij hebben u gebeld") when the applicant
    chose SMS for our questions; never with what the call was about."""
    kanaal, uitkomst = Kanaal(kanaal), Gespreksuitkomst(uitkomst)
    if werkgebied.is_medewerker(door):
        werkgebied.controleer(
            door, Aanvraag.objects.filter(pk=aanvraag_id).values_list("gemeente", flat=True).first()
        )
    with transaction.atomic():
        contact = Contactmoment.objects.create(
            aanvraag_id=aanvraag_id,
            door=door,
            kanaal=kanaal,
            met=met,
            samenvatting=samenvatting,
            uitkomst=uitkomst,
            op=op or timezone.now(),
        )
        if sms_sturen and kanaal == Kanaal.TELEFOON:
            aanvraag = Aanvraag.objects.select_related("gemeente").get(pk=aanvraag_id)
            inwoner_berichten(aanvraag, soort="gebeld", alleen_sms=True)
    return contact
