"""What uitbetaling tells the aanvraag about its payment (uitbetaling imports aanvragen, never
the other way round)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from aanvragen.models import (
    Aanvraag,
)
from aanvragen.status import gebeurtenissen_vastleggen, statussen_wijzigen
from aanvragen.statussen import Status


@transaction.atomic
def betaling_teruggekomen(*, aanvraag_ids: list[int], door, reden: str, nu) -> None:
    """The award's payment came back to the gemeente (the bank refused or returned it, or it
    cannot be paid): a task for the behandelaar, who calls the inwoner; the inwoner reads that
    we will call. Money that was paid and came back makes the aanvraag toegekend again."""
    tekst = _("Betaling teruggekomen: %(reden)s") % {"reden": reden}
    Aanvraag.objects.filter(pk__in=aanvraag_ids).update(betaling_terug_op=nu)
    uitbetaald = list(
        Aanvraag.objects.filter(pk__in=aanvraag_ids, status=Status.UITBETAALD).values_list(
            "pk", flat=True
        )
    )
    statussen_wijzigen(
        aanvraag_ids=uitbetaald,
        naar=Status.TOEGEKEND,
        door=door,
        reden=tekst,
        verwacht=[Status.UITBETAALD],
        nu=nu,
    )
    gebeurtenissen_vastleggen(
        aanvraag_ids=[pk for pk in aanvraag_ids if pk not in set(uitbetaald)],
        door=door,
        reden=tekst,
        nu=nu,
    )


def betaling_weer_onderweg(*, aanvraag_ids: list[int]) -> None:
    """The payment that came back is set up again: no task any more."""
    Aanvraag.objects.filter(pk__in=aanvraag_ids).update(betaling_terug_op=None)
