from celery import shared_task

from uitbetaling import services


@shared_task(name="uitbetaling.betaalopdracht_aanmaken", acks_late=True)
def betaalopdracht_aanmaken(aanvraag_id: int) -> int:
    return services.betaalopdracht_aanmaken(aanvraag_id=aanvraag_id).pk


@shared_task(name="uitbetaling.ontbrekende_betaalopdrachten_aanmaken", acks_late=True)
def ontbrekende_betaalopdrachten_aanmaken() -> int:
    """Safety net: an award whose task was lost still gets its one payment instruction."""
    ids = services.toegekend_zonder_opdracht_ids()
    for aanvraag_id in ids:
        services.betaalopdracht_aanmaken(aanvraag_id=aanvraag_id)
    return len(ids)
