"""Handing work to Celery after the commit, without ever failing the user's request.

When the broker (Redis) is down, what the user did is already committed: the aanvraag is saved,
the decision taken. The task is then not sent, a warning is logged, and the periodic catch-up
tasks (run by beat every few minutes once the broker is back) find the work by looking at the
data itself: an aanvraag without a receipt, a decision without a beschikking, an award without
a payment instruction. So nothing is lost and nothing is done twice (each task is idempotent).
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


def versturen(taak, *args) -> bool:
    """Send `taak` now; False (and a warning) when the broker cannot be reached."""
    try:
        taak.apply_async(args=args, retry=True, retry_policy=RETRY_POLICY)
    except (OperationalError, OSError) as fout:
        log.warning(
            "Taak %s niet aangeboden (%s): de inhaalslag doet het later.",
            taak.name,
            type(fout).__name__,
        )
        return False
    except Exception:
        # Whatever else goes wrong while queueing, the user's committed action stands.
        log.exception("Taak %s niet aangeboden: de inhaalslag doet het later.", taak.name)
        return False
    return True


def na_commit(taak, *args) -> None:
    """Send `taak` once the current transaction has committed (right away outside one)."""
    transaction.on_commit(lambda: versturen(taak, *args))
