from celery import shared_task

from uitbetaling import services


@shared_task(name="uitbetaling.betaalopdracht_aanmaken", acks_late=True)
def betaalopdracht_aanmaken(aanvraag_id: int) -> int:
    opdracht = services.betaalopdracht_aanmaken(aanvraag_id=aanvraag_id)
    batch_maken.delay(opdracht.gemeente_id)  # money on the day of award: hand it over now
    return opdracht.pk


@shared_task(name="uitbetaling.ontbrekende_betaalopdrachten_aanmaken", acks_late=True)
def ontbrekende_betaalopdrachten_aanmaken() -> int:
    """Safety net: an award whose task was lost still gets its one payment instruction."""
    ids = services.toegekend_zonder_opdracht_ids()
    for aanvraag_id in ids:
        services.betaalopdracht_aanmaken(aanvraag_id=aanvraag_id)
    return len(ids)


@shared_task(name="uitbetaling.batch_maken", acks_late=True)
def batch_maken(gemeente_id: int) -> int | None:
    batch = services.batch_samenstellen(gemeente_id=gemeente_id)
    if batch is None:
        return None
    services.batch_afleveren(batch_id=batch.pk)
    return batch.pk


@shared_task(name="uitbetaling.batches_verwerken", acks_late=True)
def batches_verwerken() -> int:
    """Periodic: batch what is waiting, and retry hand-offs that failed or were interrupted."""
    for gemeente_id in services.gemeenten_met_klaargezet():
        services.batch_samenstellen(gemeente_id=gemeente_id)
    gefaald = 0
    for batch_id in services.batches_niet_afgeleverd():
        try:
            services.batch_afleveren(batch_id=batch_id)
        except OSError:
            gefaald += 1  # recorded on the batch; visible to financiën; next run retries
    return gefaald
