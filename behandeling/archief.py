"""Retention of behandeling's own data about an aanvraag (see aanvragen/archief.py)."""

from behandeling.models import Contactmoment, SlaSignaal


def aanvraag_anonimiseren(sender, *, aanvraag, **kwargs) -> None:
    """Call notes describe the inwoner; escalations name the aanvraag's people: both go."""
    Contactmoment.objects.filter(aanvraag=aanvraag).delete()
    SlaSignaal.objects.filter(aanvraag=aanvraag).delete()
