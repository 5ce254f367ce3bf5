from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from aanvragen.models import Opschorting
from behandeling.besluiten import aanvraag_afwijzen, aanvraag_toekennen
from behandeling.selectors import zekerheden
from behandeling.signalen import sla_bijwerken
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from uitbetaling.opdrachten import betaalopdracht_aanmaken
from wegwijzer import services as wegwijzer
from wegwijzer.regels import Oordeel

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def test_zekerheden_worden_gemeten():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    snel = ingediende_aanvraag()
    snel.duur_seconden = 600
    snel.save()
    traag = ingediende_aanvraag()
    traag.duur_seconden = 1200
    traag.save()
    aanvraag_oppakken(aanvraag_id=snel.pk, behandelaar=bea)
    aanvraag_toekennen(aanvraag_id=snel.pk, behandelaar=bea, bedrag=Decimal("10"), motivering="ok")
    betaalopdracht_aanmaken(aanvraag_id=snel.pk)
    vandaag = timezone.localdate()
    wegwijzer.check_gestart(gemeente_id=snel.gemeente_id, datum=vandaag)
    wegwijzer.check_afgerond(
        gemeente_id=snel.gemeente_id, datum=vandaag, oordeel=Oordeel.JA, seconden=90
    )

    z = zekerheden(vanaf=vandaag - timedelta(days=30), medewerker=bea)

    assert z["wegwijzer"]["percentage"] == 100
    assert z["wegwijzer"]["gemiddeld"] == 90
    assert (z["aanvragen"]["totaal"], z["aanvragen"]["percentage"]) == (2, 50)
    assert (z["besluiten"]["totaal"], z["besluiten"]["percentage"]) == (1, 100)
    assert (z["uitbetaling"]["totaal"], z["uitbetaling"]["percentage"]) == (1, 100)


def test_te_laat_besluit_telt_als_niet_gehaald():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag(nu=datetime(2026, 6, 1, 9, 0, tzinfo=AMS))
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag_afwijzen(aanvraag_id=aanvraag.pk, behandelaar=bea, motivering="nee")
    assert zekerheden(vanaf=date(2020, 1, 1), medewerker=bea)["besluiten"]["percentage"] == 0


def test_dashboard_toont_zekerheden(client):
    client.force_login(UserFactory(rollen=[Rol.TEAMLEIDER]))
    ingediende_aanvraag()
    html = client.get(reverse("behandeling:dashboard")).content.decode()
    assert "Besluit binnen 5 werkdagen" in html
    assert "Wegwijzer-check binnen 2 minuten" in html


def test_dashboard_lijsten_cijfers_en_csv(client):
    tessa = UserFactory(rollen=[Rol.TEAMLEIDER])
    bea = UserFactory(rollen=[Rol.BEHANDELAAR], first_name="Bea", last_name="B")
    client.force_login(tessa)
    laat = ingediende_aanvraag(nu=datetime(2026, 6, 1, 9, 0, tzinfo=AMS))
    aanvraag_oppakken(aanvraag_id=laat.pk, behandelaar=bea)
    sla_bijwerken(vandaag=timezone.localdate())
    html = client.get(reverse("behandeling:dashboard")).content.decode()
    assert laat.referentie in html  # in "vraagt aandacht"
    assert "Bea B" in html  # workload
    csv = client.get(reverse("behandeling:dashboard") + "?formaat=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Besluit binnen 5 werkdagen" in csv.content.decode()
    fout = client.get(reverse("behandeling:dashboard") + "?van=gisteren&tot=2026-99-01")
    assert fout.status_code == 200


def _besloten_op(dag: int, *, opgeschort: tuple[date, date] | None = None):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag(nu=datetime(2026, 6, 1, 9, 0, tzinfo=AMS))
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    if opgeschort:
        Opschorting.objects.create(
            aanvraag=aanvraag, van=opgeschort[0], tot=opgeschort[1], reden="test"
        )
    with time_machine.travel(datetime(2026, 6, dag, 15, 0, tzinfo=AMS), tick=False):
        aanvraag_afwijzen(aanvraag_id=aanvraag.pk, behandelaar=bea, motivering="nee")
    aanvraag.refresh_from_db()
    return aanvraag


def test_doorlooptijd_vastgelegd_bij_besluit_zonder_opschorting():
    from behandeling.selectors import periode_cijfers

    gewoon = _besloten_op(5)  # Mon 1 → Fri 5 June: 4 werkdagen
    opgeschort = _besloten_op(8, opgeschort=(date(2026, 6, 2), date(2026, 6, 3)))
    assert gewoon.doorlooptijd_werkdagen == 4
    assert opgeschort.doorlooptijd_werkdagen == 3  # Mon 1 → Mon 8 is 5, minus Tue 2 and Wed 3
    leider = UserFactory(rollen=[Rol.TEAMLEIDER])
    cijfers = periode_cijfers(van=date(2026, 6, 1), tot=date(2026, 6, 30), medewerker=leider)
    assert cijfers["besloten"] == 2
    assert cijfers["mediaan"] == 3
    assert cijfers["p90"] == 4
    assert (
        periode_cijfers(van=date(2026, 6, 6), tot=date(2026, 6, 7), medewerker=leider)["mediaan"]
        is None
    )
