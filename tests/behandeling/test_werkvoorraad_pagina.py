"""Paging through the werkvoorraad keeps every filter."""

import re

import pytest
from django.urls import reverse

from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag

pytestmark = pytest.mark.django_db


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
