"""Template helpers about aanvragen: `{% load aanvragen %}`."""

from django import template
from django.utils.translation import gettext

from aanvragen.brp import stand_get
from aanvragen.statussen import LABELS_MEDEWERKER, Status

register = template.Library()


@register.filter
def status_medewerker(status: str) -> str:
    """An aanvraag's status as staff read it (aanvragen.statussen.LABELS_MEDEWERKER)."""
    try:
        return gettext(LABELS_MEDEWERKER[Status(status)])
    except ValueError:
        return status


@register.simple_tag
def brp_stand() -> str:
    """ "ok", "storing" or "configuratie": the BRP's state as /healthz reports it."""
    return stand_get()
