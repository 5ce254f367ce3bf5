"""Calls (and, as the exception, letters) with the applicant: part of the dossier."""

from django.utils import timezone

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
) -> Contactmoment:
    """Record a call (or letter, or visit) with the applicant. `kanaal` and `uitkomst` must be
    one of their choices (ValueError otherwise): the log is read and counted by them."""
    kanaal, uitkomst = Kanaal(kanaal), Gespreksuitkomst(uitkomst)
    if werkgebied.is_medewerker(door):
        werkgebied.controleer(
            door, Aanvraag.objects.filter(pk=aanvraag_id).values_list("gemeente", flat=True).first()
        )
    return Contactmoment.objects.create(
        aanvraag_id=aanvraag_id,
        door=door,
        kanaal=kanaal,
        met=met,
        samenvatting=samenvatting,
        uitkomst=uitkomst,
        op=op or timezone.now(),
    )
