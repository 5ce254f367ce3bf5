from celery import shared_task
from django.utils import timezone

from behandeling.services import sla_bijwerken


@shared_task(name="behandeling.sla_bewaken", acks_late=True)
def sla_bewaken() -> int:
    return sla_bijwerken(vandaag=timezone.localdate())
