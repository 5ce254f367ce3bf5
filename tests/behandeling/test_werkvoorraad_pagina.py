"""Paging through the werkvoorraad keeps every filter."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def test_volgende_pagina_houdt_alle_filters(client):
    eerste = ingediende_aanvraag()
    for _ in range(25):
        ingediende_aanvraag()
    client.force_login(UserFactory(rollen=[Rol.BEHANDELAAR]))
    filters = (
        f"status=ingediend&vrij=1&kostensoort={eerste.kostensoort_id}&gemeente={eerste.gemeente_id}"
    )
    pagina = client.get(f"{reverse('behandeling:werkvoorraad')}?{filters}").content.decode()
    [link] = re.findall(r'href="\?([^"]*pagina=2)"', pagina)
    link = link.replace("&amp;", "&")
    for deel in filters.split("&"):
        assert deel in link
    tweede = client.get(f"{reverse('behandeling:werkvoorraad')}?{link}").content.decode()
    assert "Pagina 2 van 2" in tweede


def test_een_rij_uit_de_cache_toont_nooit_een_oude_stand(client):
    """Rows are cached under what they show: a claim (status, behandelaar) or a new day (SLA,
    werkdagen left) is a new row at once, not after the cache expires."""
    from behandeling.werkvoorraad import aanvraag_oppakken

    aanvraag = ingediende_aanvraag(nu=datetime(2026, 11, 30, 9, 0, tzinfo=AMS))
    leider = UserFactory(rollen=[Rol.TEAMLEIDER], first_name="Tessa", last_name="T")
    bea = UserFactory(rollen=[Rol.BEHANDELAAR], first_name="Bea", last_name="B")
    client.force_login(leider)

    def rij(dag: datetime) -> str:
        with time_machine.travel(dag, tick=False):
            html = client.get(reverse("behandeling:werkvoorraad")).content.decode()
        return re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{aanvraag.referentie}.*?</tr>", html, re.S)[0]

    maandag = datetime(2026, 11, 30, 10, 0, tzinfo=AMS)
    eerst = rij(maandag)
    assert "Ontvangen" in eerst and "Bea B" not in eerst
    assert cache._cache.get_client().keys("*behandeling:wv-rij:*")  # the row was cached
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    daarna = rij(maandag)
    assert "In behandeling" in daarna and "Bea B" in daarna
    vrijdag = rij(datetime(2026, 12, 4, 10, 0, tzinfo=AMS))
    assert vrijdag != daarna  # fewer werkdagen left, another SLA colour
