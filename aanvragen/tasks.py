from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from aanvragen import archief, concepten, documenten
from aanvragen.selectors import zonder_ontvangstbevestiging_ids


@shared_task(name="aanvragen.concepten_opruimen", acks_late=True)
def concepten_opruimen() -> int:
    grens = timezone.now() - timedelta(days=settings.CONCEPT_BEWAARTERMIJN_DAGEN)
    return concepten.concepten_opruimen(ouder_dan=grens)


@shared_task(
    name="aanvragen.ontvangstbevestiging_maken",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def ontvangstbevestiging_maken(aanvraag_id: int) -> int:
    return documenten.ontvangstbevestiging_maken(aanvraag_id=aanvraag_id).pk


@shared_task(name="aanvragen.bewaartermijnen_toepassen", acks_late=True)
def bewaartermijnen_toepassen() -> dict:
    """Daily: personal data whose retention term has passed is removed (aanvragen/archief.py)."""
    return archief.bewaartermijnen_toepassen(vandaag=timezone.localdate())


@shared_task(name="aanvragen.ontvangstbevestigingen_inhalen", acks_late=True)
def ontvangstbevestigingen_inhalen() -> int:
    """Safety net: a receipt whose task never reached the broker is made here (portal/taken.py)."""
    ids = zonder_ontvangstbevestiging_ids(nu=timezone.now(), wachttijd=timedelta(minutes=2))
    for aanvraag_id in ids:
        documenten.ontvangstbevestiging_maken(aanvraag_id=aanvraag_id)
    return len(ids)
