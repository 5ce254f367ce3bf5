"""The outbox (portal/berichten.py): a message exists exactly when its event was committed, is
sent once under one Message-ID, waits and retries while the mail server is down, and no request
ever talks to the mail server (so an SMTP outage never gives a 500 and loses nothing)."""

import email
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from aanvragen.models import Aanvullingsverzoek
from portal import berichten, kanalen
from portal.models import Bericht, BerichtStatus
from tests.factories import opgepakte_aanvraag
from tests.helpers import PortalClient, Postkamer, postkamer_starten, vrije_poort

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    """The real SMTP backend, pointed at a local port where nothing listens yet."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = vrije_poort()
    settings.EMAIL_TIMEOUT = 5
    servers = []
    yield lambda: servers.append(postkamer_starten(settings.EMAIL_PORT)) or servers[-1]
    for server in servers:
        server.shutdown()
        server.server_close()


def plaats(**extra) -> Bericht:
    return berichten.plaatsen(
        soort="test",
        aan=["jan@example.org"],
        onderwerp="Wij hebben een vraag",
        template="behandeling/sla_signaal_mail.txt",
        context={"aanvraag": None, "soort": "risico"},
        **extra,
    )


def test_een_teruggedraaide_transactie_laat_geen_bericht_achter():
    with pytest.raises(RuntimeError), transaction.atomic():
        plaats()
        raise RuntimeError("het besluit ging niet door")
    assert not Bericht.objects.exists()


def test_wachttijd_groeit_tot_een_uur():
    assert [berichten.wachttijd(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert berichten.wachttijd(30) == timedelta(hours=1)


def test_mailserver_weg_dan_terug_een_keer_verzonden_met_vaste_message_id(smtp):
    bericht = plaats()
    assert berichten.bezorgen() == 0  # nothing listens: refused, recorded, retried later
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.WACHT
    assert bericht.pogingen == 1 and bericht.laatste_fout
    assert bericht.volgende_poging_op > timezone.now()
    assert berichten.bezorgen() == 0  # not due yet: no hammering of a server that is down

    smtp()  # the mail server is back
    assert berichten.bezorgen(nu=bericht.volgende_poging_op) == 1
    assert berichten.bezorgen(nu=bericht.volgende_poging_op) == 0  # never twice
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN and bericht.verzonden_op
    assert Postkamer.geaccepteerd == [kanalen.message_id(bericht)]
    ontvangen = email.message_from_bytes(Postkamer.binnen[0])
    assert ontvangen["Subject"] == "Wij hebben een vraag"


def test_na_te_veel_pogingen_mislukt_zichtbaar(smtp):
    bericht = plaats()
    for _ in range(berichten.MAX_POGINGEN):
        Bericht.objects.filter(pk=bericht.pk).update(volgende_poging_op=timezone.now())
        berichten.bezorgen()
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.MISLUKT
    assert bericht.pogingen == berichten.MAX_POGINGEN


def test_vraag_om_aanvulling_zonder_mailserver_geeft_geen_500_en_verliest_niets(
    smtp, django_capture_on_commit_callbacks
):
    aanvraag, bea = opgepakte_aanvraag()
    client = PortalClient()
    client.force_login(bea)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("behandeling:aanvulling", args=[aanvraag.pk]),
            {
                "aanvulling-vraag": "Stuur de offerte van de winkel.",
                "aanvulling-termijn_werkdagen": "5",
            },
        )
    assert antwoord.status_code == 302
    assert Aanvullingsverzoek.objects.filter(aanvraag=aanvraag).exists()
    bericht = Bericht.objects.get(soort="aanvulling", aanvraag_id=aanvraag.pk)
    assert bericht.status == BerichtStatus.WACHT and bericht.aan == aanvraag.email
    assert "offerte" not in bericht.tekst  # the question is read in Mijn aanvragen, not in mail

    smtp()
    assert berichten.bezorgen(nu=timezone.now() + timedelta(hours=1)) == 1
    assert Postkamer.geaccepteerd == [kanalen.message_id(bericht)]
