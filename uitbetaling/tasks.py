import logging

from celery import shared_task

from uitbetaling.batches import batch_afleveren, batch_samenstellen
from uitbetaling.opdrachten import betaalopdracht_aanmaken
from uitbetaling.selectors import (
    batches_niet_afgeleverd,
    gemeenten_met_klaargezet,
    toegekend_zonder_opdracht_ids,
)

logger = logging.getLogger(__name__)


@shared_task(name="uitbetaling.ontbrekende_betaalopdrachten_aanmaken", acks_late=True)
def ontbrekende_betaalopdrachten_aanmaken() -> int:
    """Guard: every award has its one payment instruction. The decision makes it in its own
    transaction (behandeling.besluiten._toekennen), so this finds only awards from before that,
    or rows changed by hand; each found is logged."""
    ids = toegekend_zonder_opdracht_ids()
    if ids:
        logger.warning("toekenningen zonder betaalopdracht: %s", ids)
    for aanvraag_id in ids:
        betaalopdracht_aanmaken(aanvraag_id=aanvraag_id)
    return len(ids)


@shared_task(name="uitbetaling.batch_maken", acks_late=True)
def batch_maken(gemeente_id: int) -> int | None:
    batch = batch_samenstellen(gemeente_id=gemeente_id)
    if batch is None:
        return None
    batch_afleveren(batch_id=batch.pk)
    return batch.pk


@shared_task(name="uitbetaling.batches_verwerken", acks_late=True)
def batches_verwerken() -> int:
    """Periodic: batch what is waiting, and retry hand-offs that failed or were interrupted.

    Each gemeente and each batch on its own: one that fails is logged (and shows on the
    financiën page) and retried next run, and the loop goes on with the others."""
    gefaald = 0
    for gemeente_id in gemeenten_met_klaargezet():
        try:
            batch_samenstellen(gemeente_id=gemeente_id)
        except Exception:  # noqa: BLE001 - isolate: never skip the other gemeenten
            logger.exception("betaalbestand voor gemeente %s niet gemaakt", gemeente_id)
            gefaald += 1
    for batch_id in batches_niet_afgeleverd():
        try:
            batch_afleveren(batch_id=batch_id)
        except Exception:  # noqa: BLE001 - recorded on the batch; next run retries
            logger.exception("betaalbestand %s niet afgeleverd", batch_id)
            gefaald += 1
    return gefaald
