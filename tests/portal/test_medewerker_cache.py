"""A colleague's roles and gemeenten are read from the cache, not the database, on every page
after the first — and a role or gemeente taken away counts at the very next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag

pytestmark = pytest.mark.django_db


def _sql(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(url).status_code
    return status, " ".join(q["sql"] for q in ctx.captured_queries)


def test_rol_afgenomen_geldt_bij_het_volgende_verzoek(client):
    leider = UserFactory(rollen=[Rol.TEAMLEIDER])
    client.force_login(leider)
    url = reverse("behandeling:dashboard")
    assert client.get(url).status_code == 200
    status, sql = _sql(client, url)
    assert status == 200
    assert "auth_user_groups" not in sql and "portal_gemeente_medewerkers" not in sql

    leider.groups.clear()
    assert client.get(url).status_code == 403


def test_gemeente_afgenomen_geldt_bij_het_volgende_verzoek(client):
    aanvraag = ingediende_aanvraag()
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    client.force_login(bea)
    url = reverse("behandeling:aanvraag", args=[aanvraag.pk])
    assert client.get(url).status_code == 200
    aanvraag.gemeente.medewerkers.remove(bea)
    assert client.get(url).status_code == 404
    bea.werkgemeenten.add(aanvraag.gemeente)
    assert client.get(url).status_code == 200
