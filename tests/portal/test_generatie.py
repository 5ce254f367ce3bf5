"""Reference data read on almost every page is cached under a generation counter: the second
read costs no query, and a change through the admin or a service is seen at once."""

from datetime import date

import pytest

from portal.models import GelijkgesteldeDag, Sluitingsdag
from portal.selectors import kalender_get, kalenders_get
from tests.factories import GemeenteFactory
from wegwijzer.models import AowLeeftijd, Kostensoort
from wegwijzer.selectors import aow_leeftijden_get, kostensoort_catalogus

pytestmark = pytest.mark.django_db
DAG = date(2027, 3, 15)


def test_kalender_uit_de_cache_en_een_nieuwe_sluitingsdag_meteen_gezien(
    django_assert_num_queries,
):
    gemeente = GemeenteFactory()
    assert DAG not in kalender_get(gemeente=gemeente, vanaf=date(2027, 1, 1)).sluitingsdagen
    kalenders_get(gemeente_ids={gemeente.pk}, vanaf=date(2027, 1, 1))
    with django_assert_num_queries(0):
        kalender_get(gemeente=gemeente, vanaf=date(2027, 1, 1))
        kalenders_get(gemeente_ids={gemeente.pk}, vanaf=date(2027, 1, 1))

    dag = Sluitingsdag.objects.create(gemeente=gemeente, datum=DAG, omschrijving="Heidag")
    assert DAG in kalender_get(gemeente=gemeente, vanaf=date(2027, 1, 1)).sluitingsdagen
    lijst = kalenders_get(gemeente_ids={gemeente.pk}, vanaf=date(2027, 1, 1))
    assert DAG in lijst[gemeente.pk].sluitingsdagen
    dag.delete()
    assert DAG not in kalender_get(gemeente=gemeente, vanaf=date(2027, 1, 1)).sluitingsdagen

    GelijkgesteldeDag.objects.create(datum=DAG, omschrijving="Bevrijdingsdag (lustrum)")
    assert DAG in kalender_get(gemeente=gemeente, vanaf=date(2027, 1, 1)).gelijkgestelde_dagen


def test_aow_leeftijden_en_kostensoorten_uit_de_cache_en_wijzigingen_meteen_gezien(
    django_assert_num_queries,
):
    AowLeeftijd.objects.update_or_create(jaar=2040, defaults={"jaren": 67, "maanden": 3})
    Kostensoort.objects.create(slug="koelkast-test", naam="Koelkast")
    assert aow_leeftijden_get()[2040] == 67 * 12 + 3
    assert "Koelkast" in {k.naam for k in kostensoort_catalogus()}
    with django_assert_num_queries(0):
        aow_leeftijden_get()
        kostensoort_catalogus()

    rij = AowLeeftijd.objects.get(jaar=2040)
    rij.maanden = 6
    rij.save()
    assert aow_leeftijden_get()[2040] == 67 * 12 + 6
    Kostensoort.objects.filter(slug="koelkast-test").first().delete()
    assert "Koelkast" not in {k.naam for k in kostensoort_catalogus()}
