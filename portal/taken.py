"""Handing work to Celery after the commit, without ever failing the user's request.

When the broker (Redis) is down, what the user did is already committed: the aanvraag is saved,
the decision taken. The task is then not sent, a warning is logged, and the periodic catch-up
tasks (run by beat every few minutes once the broker is back) find the work by looking at the
data itself: an aanvraag without a receipt, a decision without a beschikking, an award without
a payment instruction. So nothing is lost and nothing is done twice (each task is idempotent).

Tasks are named, not imported ("uitbetaling.batch_maken"): a services module never imports a
tasks module, so the hand-off goes one way (services → queue → task → services) and the import
rule in pyproject.toml holds. A name that no task has is refused here, before anything is sent.
"""

import logging

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


class OnbekendeTaak(LookupError):
    """A hand-off names a task that is not registered (a typo, a renamed task)."""


def _geregistreerd(taak: str) -> bool:
    """Is `taak` a task of this project? A web process imports no tasks module by itself:
    the first check loads them all (what a worker does at start), once."""
    if taak not in current_app.tasks:
        current_app.loader.import_default_modules()
    return taak in current_app.tasks


def versturen(taak: str, *args) -> bool:
    """Send the task named `taak` now; False (and a warning) when the broker cannot be reached."""
    if not _geregistreerd(taak):
        raise OnbekendeTaak(taak)
    try:
        current_app.send_task(taak, args=args, retry=True, retry_policy=RETRY_POLICY)
    except (OperationalError, OSError) as fout:
        log.warning(
            "Taak %s niet aangeboden (%s): de inhaalslag doet het later.",
            taak,
            type(fout).__name__,
        )
        return False
    except Exception:
        # Whatever else goes wrong while queueing, the user's committed action stands.
        log.exception("Taak %s niet aangeboden: de inhaalslag doet het later.", taak)
        return False
    return True


def na_commit(taak: str, *args) -> None:
    """Send the task named `taak` once the current transaction has committed (right away outside
    one)."""
    transaction.on_commit(lambda: versturen(taak, *args))
