from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from behandeling import beschikking
from behandeling.selectors import zonder_beschikking_ids
from behandeling.signalen import sla_bijwerken, sla_signalen_versturen


@shared_task(name="behandeling.sla_bewaken", acks_late=True)
def sla_bewaken() -> int:
    """Move open aanvragen between op schema / risico / te laat, then escalate once."""
    bijgewerkt = sla_bijwerken(vandaag=timezone.localdate())
    sla_signalen_versturen()
    return bijgewerkt


@shared_task(
    name="behandeling.beschikking_maken",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def beschikking_maken(aanvraag_id: int) -> int:
    return beschikking.beschikking_maken(aanvraag_id=aanvraag_id).pk


@shared_task(name="behandeling.beschikkingen_inhalen", acks_late=True)
def beschikkingen_inhalen() -> int:
    """Safety net: a beschikking whose task never reached the broker is made here."""
    ids = zonder_beschikking_ids(nu=timezone.now(), wachttijd=timedelta(minutes=2))
    for aanvraag_id in ids:
        beschikking.beschikking_maken(aanvraag_id=aanvraag_id)
    return len(ids)
