from celery import shared_task
from django.utils import timezone

from behandeling.services import sla_bijwerken, sla_signalen_versturen


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
    from behandeling.services import beschikking_maken as maken

    return maken(aanvraag_id=aanvraag_id).pk
