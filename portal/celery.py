"""The Celery application. Configuration comes from Django settings (prefix CELERY_)."""

import os

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def _trace_per_taak(**_kwargs):
    """Each task run is its own trace in the Logboek Dataverwerkingen."""
    from portal.logboek import trace_begin

    trace_begin()
