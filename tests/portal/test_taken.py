"""Hand-offs by task name (portal/taken.py): a web process, which imports no tasks module of its
own, still knows every task; a name no task has is refused before anything is sent."""

import subprocess
import sys

from tests.helpers import ROOT, worker_omgeving

PROGRAMMA = """
import django
django.setup()
from portal import taken
from celery import current_app
assert "aanvragen.ontvangstbevestiging_maken" not in current_app.tasks  # nothing imported yet
# The broker is a closed port: the known task is not sent (False), never refused as unknown.
assert taken.versturen("aanvragen.ontvangstbevestiging_maken", 1) is False
assert taken.versturen("uitbetaling.batch_maken", 1) is False
try:
    taken.versturen("uitbetaling.bestaat_niet", 1)
except taken.OnbekendeTaak:
    print("ok")
"""


def test_een_webproces_kent_elke_taak_bij_naam_en_weigert_een_onbekende():
    omgeving = worker_omgeving(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
    uitvoer = subprocess.run(
        [sys.executable, "-c", PROGRAMMA],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert uitvoer.returncode == 0, uitvoer.stderr
    assert uitvoer.stdout.strip().endswith("ok")
