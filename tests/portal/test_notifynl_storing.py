"""NotifyNL goes away in the middle of a run of messages, with a real Celery worker delivering
them: nothing is lost, nothing is sent twice, /healthz says so, and when NotifyNL is back every
message goes out exactly once."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal import berichten
from portal.models import Bericht, BerichtKanaal, BerichtStatus, NotifyInstelling, NotifySjabloon
from portal.tasks import berichten_bezorgen
from tests.factories import GemeenteFactory
from tests.helpers import wacht_op
from tests.notify_server import LokaleNotify

AANTAL = 20


@pytest.fixture
def notify():
    server = LokaleNotify(vertraging=0.15)
    server.starten()
    yield server
    server.stoppen()
    assert server.ongeldig == []


def test_notifynl_weg_midden_in_de_reeks(transactional_db, celery_worker, notify, client):
    gemeente = GemeenteFactory()
    instelling = NotifyInstelling(gemeente=gemeente, actief=True, basis_url=notify.url)
    instelling.api_sleutel = notify.dienst()
    instelling.save()
    NotifySjabloon.objects.create(
        instelling=instelling,
        soort="aanvulling",
        kanaal=BerichtKanaal.NOTIFY_SMS,
        template_id=notify.sjabloon("sms", "Vraag over ((referentie)): ((link))"),
    )
    with transaction.atomic():  # committed together: the worker is asked after the commit
        for i in range(AANTAL):
            berichten.plaatsen(
                soort="aanvulling",
                aan=[f"+316123456{i:02d}"],
                onderwerp="Vraag",
                template="berichten/inwoner_mail.txt",
                context={},
                gemeente_id=gemeente.pk,
                personalisatie={"referentie": f"BB-2026-{i:06d}", "link": "https://x.nl/m"},
                kanaal=BerichtKanaal.NOTIFY_SMS,
            )
    wacht_op(lambda: len(notify.verstuurd()) >= 3)
    notify.stoppen()  # mid-run: the worker meets a closed port
    wacht_op(lambda: Bericht.objects.filter(status=BerichtStatus.WACHT, pogingen__gte=1).exists())
    assert client.get(reverse("healthz")).json()["notifynl"] == "storing"
    wacht_op(lambda: not Bericht.objects.filter(status=BerichtStatus.WACHT, pogingen=0).exists())
    verstuurd_toen = len(notify.verstuurd())
    assert verstuurd_toen < AANTAL
    assert Bericht.objects.filter(status=BerichtStatus.MISLUKT).count() == 0  # nothing given up

    notify.starten()  # back, on the same address
    # The waits have passed (as if it were a few minutes later); beat would ask the worker.
    Bericht.objects.filter(status=BerichtStatus.WACHT).update(volgende_poging_op=timezone.now())
    berichten_bezorgen.delay()
    wacht_op(lambda: Bericht.objects.filter(status=BerichtStatus.VERZONDEN).count() == AANTAL)
    referenties = sorted(m["reference"] for m in notify.verstuurd())
    assert referenties == sorted(
        f"bericht-{pk}" for pk in Bericht.objects.values_list("pk", flat=True)
    )
    assert len(set(Bericht.objects.values_list("extern_id", flat=True))) == AANTAL
    assert client.get(reverse("healthz")).json()["notifynl"] == "ok"
