from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from aanvragen.models import Aanvraag
from aanvragen.statussen import SlaStatus, sla_status
from behandeling.signalen import sla_bijwerken
from behandeling.tasks import sla_bewaken
from portal.models import Sluitingsdag
from portal.werkdagen import Kalender, plus_werkdagen, werkdagen_tussen
from tests.factories import GemeenteFactory, dorpsveen, ingediende_aanvraag

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("einddatum", "vandaag", "verwacht"),
    [
        (date(2026, 6, 12), date(2026, 6, 8), SlaStatus.OP_SCHEMA),  # 4 werkdagen left
        (date(2026, 6, 9), date(2026, 6, 8), SlaStatus.RISICO),  # due the next werkdag
        (date(2026, 6, 8), date(2026, 6, 8), SlaStatus.RISICO),  # due today
        (date(2026, 6, 5), date(2026, 6, 8), SlaStatus.TE_LAAT),
        (date(2026, 6, 8), date(2026, 6, 5), SlaStatus.RISICO),  # Friday: Monday is next
        (date(2026, 4, 28), date(2026, 4, 24), SlaStatus.RISICO),  # Koningsdag 27 April in between
    ],
)
def test_sla_status(einddatum, vandaag, verwacht):
    assert sla_status(einddatum, vandaag, Kalender()) == verwacht


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    n=st.integers(min_value=1, max_value=40),
)
def test_plus_werkdagen_landt_op_werkdag_en_telt_terug(start, n):
    kalender = Kalender(gelijkgestelde_dagen={date(2026, 1, 2): "x", date(2026, 5, 15): "x"})
    termijn = plus_werkdagen(start, n, kalender)
    assert kalender.is_werkdag(termijn.datum)
    assert werkdagen_tussen(start, termijn.datum, kalender) == n


@pytest.mark.django_db
def test_sweep_zet_sla_status_in_sql_per_gemeente():
    ingediend = datetime(2026, 6, 1, 9, 0, tzinfo=AMS)  # Monday → due Monday 8 June
    gewoon = ingediende_aanvraag(nu=ingediend)
    ander = ingediende_aanvraag(bsn="100042090", nu=ingediend)  # Dorpsveen
    Sluitingsdag.objects.create(
        gemeente=GemeenteFactory(naam="Dorpsveen", cbs_code="9002"),
        datum=date(2026, 6, 5),
        omschrijving="dicht",
    )
    assert gewoon.einddatum_gepland == date(2026, 6, 8)

    assert sla_bijwerken(vandaag=date(2026, 6, 3)) == 0  # still op schema
    sla_bijwerken(vandaag=date(2026, 6, 5))
    assert Aanvraag.objects.get(pk=gewoon.pk).sla_status == SlaStatus.RISICO
    # For Dorpsveen, 5 June is a closing day: the next werkdag after it is 8 June, still risico.
    assert Aanvraag.objects.get(pk=ander.pk).sla_status == SlaStatus.RISICO
    sla_bijwerken(vandaag=date(2026, 6, 9))
    assert set(Aanvraag.objects.values_list("sla_status", flat=True)) == {SlaStatus.TE_LAAT}


@pytest.mark.django_db
def test_sla_taak_draait_zonder_fout():
    ingediende_aanvraag()
    assert sla_bewaken() >= 0


@pytest.mark.django_db
def test_werkvoorraad_aantal_queries_groeit_niet_met_aantal_aanvragen(
    client, behandelaar, django_assert_max_num_queries
):
    behandelaar.werkgemeenten.add(dorpsveen())
    client.force_login(behandelaar)
    ingediende_aanvraag()
    with django_assert_max_num_queries(13) as een:  # cold: the stamp, then the page
        client.get(reverse("behandeling:werkvoorraad"))
    for _ in range(15):
        ingediende_aanvraag(bsn="100042090")
    with django_assert_max_num_queries(len(een.captured_queries)):
        response = client.get(reverse("behandeling:werkvoorraad"))
    assert response.content.decode().count("BB-") >= 16


@pytest.mark.django_db
def test_werkvoorraad_filters(client, behandelaar):
    from wegwijzer.models import Kostensoort

    behandelaar.werkgemeenten.add(dorpsveen())
    client.force_login(behandelaar)
    jan = ingediende_aanvraag()
    anna = ingediende_aanvraag(bsn="100042090", kostensoort=Kostensoort.objects.get(slug="bril"))
    url = reverse("behandeling:werkvoorraad")
    html = client.get(url, {"gemeente": anna.gemeente_id}).content.decode()
    assert anna.referentie in html and jan.referentie not in html
    html = client.get(url, {"kostensoort": jan.kostensoort_id, "vrij": "1"}).content.decode()
    assert jan.referentie in html and anna.referentie not in html
    assert client.get(url, {"kostensoort": "x", "gemeente": "'"}).status_code == 200
