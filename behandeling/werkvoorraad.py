"""The queue: claiming, releasing and (re)assigning aanvragen, each only by a colleague of the
aanvraag's gemeente."""

from django.db import transaction
from django.utils.translation import gettext as _

from aanvragen.models import Aanvraag
from aanvragen.status import (
    AanvraagGewijzigd,
    door_omschrijving,
    gebeurtenis_vastleggen,
    status_wijzigen,
)
from aanvragen.statussen import Status
from portal import werkgebied


def aanvraag_oppakken(*, aanvraag_id: int, behandelaar) -> Aanvraag:
    return status_wijzigen(
        aanvraag_id=aanvraag_id,
        naar=Status.IN_BEHANDELING,
        door=behandelaar,
        verwacht=[Status.INGEDIEND],
        behandelaar=behandelaar,
        reden=_("Opgepakt"),
    )


@transaction.atomic
def volgende_aanvraag_claimen(*, behandelaar) -> Aanvraag | None:
    """Claim the most urgent unclaimed aanvraag. Concurrent callers get different ones.

    SKIP LOCKED lets ten behandelaars press "Volgende aanvraag" at once without waiting for or
    claiming the same row.
    """
    kandidaat = (
        werkgebied.beperk(Aanvraag.objects, behandelaar)
        .select_for_update(skip_locked=True)
        .filter(status=Status.INGEDIEND, behandelaar__isnull=True)
        .order_by("einddatum_gepland", "ingediend_op", "pk")
        .first()
    )
    if kandidaat is None:
        return None
    return aanvraag_oppakken(aanvraag_id=kandidaat.pk, behandelaar=behandelaar)


def eigen_aanvraag_controleren(aanvraag_id: int, behandelaar) -> None:
    houder, gemeente_id = Aanvraag.objects.filter(pk=aanvraag_id).values_list(
        "behandelaar", "gemeente"
    ).first() or (None, None)
    werkgebied.controleer(behandelaar, gemeente_id)
    if houder != behandelaar.pk:
        raise AanvraagGewijzigd(_("Deze aanvraag is in behandeling bij een collega."))


def aanvraag_vrijgeven(*, aanvraag_id: int, behandelaar) -> Aanvraag:
    with transaction.atomic():
        eigen_aanvraag_controleren(aanvraag_id, behandelaar)
        return status_wijzigen(
            aanvraag_id=aanvraag_id,
            naar=Status.INGEDIEND,
            door=behandelaar,
            verwacht=[Status.IN_BEHANDELING],
            behandelaar=None,
            reden=_("Teruggezet in de werkvoorraad"),
        )


def aanvraag_toewijzen(*, aanvraag_id: int, door, behandelaar) -> Aanvraag:
    """A teamleider (re)assigns an aanvraag; recorded in the history."""
    with transaction.atomic():
        aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag_id)
        werkgebied.controleer(door, aanvraag.gemeente_id)
        if not werkgebied.werkt_voor(behandelaar, aanvraag.gemeente_id):
            raise AanvraagGewijzigd(_("Deze behandelaar werkt niet voor deze gemeente."))
        if aanvraag.status not in (
            Status.IN_BEHANDELING,
            Status.WACHT_OP_AANVULLING,
            Status.INGEDIEND,
        ):
            raise AanvraagGewijzigd(_("Deze aanvraag is al besloten."))
        if aanvraag.status == Status.INGEDIEND:
            return status_wijzigen(
                aanvraag_id=aanvraag_id,
                naar=Status.IN_BEHANDELING,
                door=door,
                verwacht=[Status.INGEDIEND],
                behandelaar=behandelaar,
                reden=_("Toegewezen aan %(naam)s") % {"naam": door_omschrijving(behandelaar)},
            )
        aanvraag.behandelaar = behandelaar
        aanvraag.save(update_fields=["behandelaar", "gewijzigd_op"])
        gebeurtenis_vastleggen(
            aanvraag=aanvraag,
            door=door,
            reden=_("Toegewezen aan %(naam)s") % {"naam": door_omschrijving(behandelaar)},
        )
        return aanvraag
