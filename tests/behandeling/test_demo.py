"""`make run` fills the embedded database with `manage.py demo`; bench seeds with it too. It
must run on a fresh database and again on a filled one (the README's first command)."""

import pytest
from django.core.management import call_command

from aanvragen.models import Aanvraag, Berichtkeuze

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_vult_en_kan_opnieuw(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    call_command("demo", verbosity=0)
    aantal = Aanvraag.objects.count()
    assert aantal > 0 and Berichtkeuze.objects.exists()
    call_command("demo", verbosity=0)
    assert Aanvraag.objects.count() == aantal
