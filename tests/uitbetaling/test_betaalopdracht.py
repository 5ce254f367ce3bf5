from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from aanvragen.statussen import Status
from behandeling.besluiten import aanvraag_toekennen
from behandeling.regels import MotiveringOntbreekt
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.models import WorkerHartslag
from portal.rollen import Rol
from portal.tasks import hartslag
from portal.tekst import epc_tekst
from tests.factories import UserFactory, ingediende_aanvraag, toegekende_aanvraag
from tests.helpers import wacht_op
from uitbetaling.batches import batch_afleveren, batch_samenstellen
from uitbetaling.models import Betaalbatch, Betaalopdracht
from uitbetaling.opdracht import end_to_end_id, is_geldige_referentie
from uitbetaling.opdrachten import (
    BetaalstatusFout,
    betaalopdracht_aanmaken,
    betaalopdracht_uitgevoerd_melden,
)
from uitbetaling.tasks import batch_maken, ontbrekende_betaalopdrachten_aanmaken


@pytest.mark.django_db
def test_toekennen_maakt_de_opdracht_in_dezelfde_transactie():
    aanvraag = toegekende_aanvraag(bedrag="99.90")

    opdracht = Betaalopdracht.objects.get(aanvraag=aanvraag)  # no worker, no task

    assert opdracht.bedrag == Decimal("99.90")
    assert opdracht.iban == "NL91ABNA0417164300"
    assert opdracht.end_to_end_id == aanvraag.referentie
    assert opdracht.omschrijving == f"{aanvraag.referentie} Bijzondere bijstand"
    assert opdracht.aangemaakt_op == aanvraag.besloten_op


@pytest.mark.django_db
def test_een_mislukte_toekenning_laat_geen_opdracht_achter():
    aanvraag = ingediende_aanvraag()
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    with pytest.raises(MotiveringOntbreekt):  # above the amount asked, without a reason
        aanvraag_toekennen(
            aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=Decimal("5000"), motivering=""
        )
    assert not Betaalopdracht.objects.exists()


@pytest.mark.worker
def test_een_echte_worker_levert_het_bestand_van_de_toekenning_af(
    celery_worker, settings, tmp_path
):
    settings.SEPA_OUTBOX_DIR = tmp_path
    aanvraag = toegekende_aanvraag(
        bedrag="99.90"
    )  # its hand-off (uitbetaling.batch_maken) goes to Redis

    batch = wacht_op(lambda: Betaalbatch.objects.filter(opdrachten__aanvraag=aanvraag).first())

    assert batch.opdrachten.get().aanvraag == aanvraag


@pytest.mark.worker
def test_overdracht_drie_keer_via_redis_geeft_een_bestand(celery_worker, settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    aanvraag = toegekende_aanvraag(bedrag="99.90")
    for _ in range(3):
        batch_maken.delay(aanvraag.gemeente_id)
    # The solo worker takes messages in order: once the heartbeat sent after them has run,
    # all three (and the on_commit one) have been handled.
    na_de_taken = timezone.now()
    hartslag.delay()
    wacht_op(lambda: WorkerHartslag.objects.filter(laatst_gezien__gte=na_de_taken).exists())
    assert Betaalopdracht.objects.filter(aanvraag=aanvraag).count() == 1
    assert Betaalbatch.objects.count() == 1


@pytest.mark.django_db
def test_betaalopdracht_aanmaken_is_idempotent():
    aanvraag = toegekende_aanvraag(bedrag="99.90")
    eerste = betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
    tweede = betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
    assert eerste.pk == tweede.pk
    assert Betaalopdracht.objects.count() == 1


@pytest.mark.django_db
def test_bewaking_maakt_ontbrekende_opdracht_aan():
    aanvraag = toegekende_aanvraag(bedrag="99.90")
    Betaalopdracht.objects.all().delete()  # an award from before the decision made it itself
    assert ontbrekende_betaalopdrachten_aanmaken() == 1
    assert ontbrekende_betaalopdrachten_aanmaken() == 0
    assert Betaalopdracht.objects.get().aanvraag == aanvraag


@pytest.mark.django_db
def test_uitgevoerd_melden_maakt_aanvraag_uitbetaald(settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    aanvraag = toegekende_aanvraag(bedrag="99.90")
    opdracht = betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
    financien = UserFactory(rollen=[Rol.FINANCIEN])
    # Never put in a file: the bank cannot have paid it (and it can still be batched after).
    with pytest.raises(BetaalstatusFout, match="niet aan de bank aangeboden"):
        betaalopdracht_uitgevoerd_melden(opdracht_id=opdracht.pk, door=financien)
    ochtend = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id, nu=ochtend)
    batch_afleveren(batch_id=batch.pk, nu=ochtend)
    betaalopdracht_uitgevoerd_melden(opdracht_id=opdracht.pk, door=financien, nu=ochtend)
    betaalopdracht_uitgevoerd_melden(opdracht_id=opdracht.pk, door=financien, nu=ochtend)
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.UITBETAALD
    assert aanvraag.statuswijzigingen.filter(naar=Status.UITBETAALD).count() == 1


@pytest.mark.parametrize(
    ("referentie", "verwacht"),
    [("BB-2026-000123", "BB-2026-000123"), ("/BB//2026 é&x/", "BB/2026ex"), ("A" * 40, "A" * 35)],
)
def test_end_to_end_id_volgt_epc_tekens(referentie, verwacht):
    assert end_to_end_id(referentie) == verwacht
    assert is_geldige_referentie(end_to_end_id(referentie))


def test_epc_tekst_transcribeert_en_kort_in():
    assert epc_tekst('Zoë & Søren "van" Dijk', 70) == "Zoe + Soren van Dijk"
    assert len(epc_tekst("x" * 200, 140)) == 140


@pytest.mark.django_db
def test_inwoner_ziet_de_verwachte_betaaldag_en_daarna_die_van_het_bestand(settings, tmp_path):
    """Issue 18: after an award the inwoner reads "uiterlijk <bank day>"; decided on a Friday
    after the cut-off (14:30) that is the Monday."""
    import time_machine
    from django.urls import reverse

    from tests.helpers import ingelogd

    settings.SEPA_OUTBOX_DIR = tmp_path
    vrijdagmiddag = datetime(2026, 12, 4, 15, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(vrijdagmiddag, tick=False):
        aanvraag = toegekende_aanvraag(bedrag="99.90")
    opdracht = Betaalopdracht.objects.get(aanvraag=aanvraag)
    assert opdracht.verwacht_op == datetime(2026, 12, 7).date()
    pagina = ingelogd().get(reverse("aanvragen:mijn-aanvragen")).content.decode()
    assert "uiterlijk maandag 7 december 2026 uit op rekening NL91 **** **** **43 00" in pagina

    dinsdag = datetime(2026, 12, 8, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id, nu=dinsdag)
    pagina = ingelogd().get(reverse("aanvragen:mijn-aanvragen")).content.decode()
    assert batch.uitvoerdatum == dinsdag.date()
    assert "uiterlijk dinsdag 8 december 2026" in pagina
