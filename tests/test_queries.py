"""Queries per page do not grow with the number of aanvragen (issue 7).

Each page is requested once with a little data and once after many more aanvragen in every
status, with history, contacts and payments; the second request may not run more queries than
the first. The cache is emptied before each measurement, so cached figures hide nothing.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from behandeling.besluiten import aanvraag_afwijzen, aanvraag_toekennen
from behandeling.contact import contactmoment_vastleggen
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.rollen import Rol
from tests.factories import UserFactory, beide_gemeenten, ingediende_aanvraag
from tests.helpers import als_inwoner
from uitbetaling.opdrachten import betaalopdracht_aanmaken

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
BSN = "999993653"


def _meer_aanvragen(behandelaar, aantal: int) -> None:
    for n in range(aantal):
        aanvraag = ingediende_aanvraag(bsn=BSN if n % 2 else "100042090")
        if n % 4 == 0:
            continue  # stays ontvangen
        aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=behandelaar)
        _contact(aanvraag, behandelaar)
        if n % 4 == 2:
            aanvraag_afwijzen(
                aanvraag_id=aanvraag.pk, behandelaar=behandelaar, motivering="Te veel vermogen."
            )
        elif n % 4 == 3:
            aanvraag_toekennen(
                aanvraag_id=aanvraag.pk,
                behandelaar=behandelaar,
                bedrag=aanvraag.bedrag,
                motivering="Volgens beleid.",
            )
            betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)


def _contact(aanvraag, door) -> None:
    contactmoment_vastleggen(
        aanvraag_id=aanvraag.pk,
        door=door,
        met="inwoner",
        samenvatting="Gebeld over de offerte.",
        uitkomst="beantwoord",
        kanaal="telefoon",
    )


def _inwoner(client):
    als_inwoner(client, bsn=BSN)


def _aantal(client, methode: str, pad: str, data=None) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, methode)(pad, data or {})
    assert response.status_code in (200, 302), (pad, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("wie", "methode", "pagina"),
    [
        ("anoniem", "get", "wegwijzer:start"),
        ("anoniem", "get", "wegwijzer:check"),
        ("inwoner", "get", "aanvragen:mijn-aanvragen"),
        ("behandelaar", "get", "behandeling:werkvoorraad"),
        ("behandelaar", "get", "aanvraag"),
        ("teamleider", "get", "behandeling:dashboard"),
    ],
)
def test_queries_per_pagina_constant(client, wie, methode, pagina):
    behandelaar = UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=beide_gemeenten())
    eerste = ingediende_aanvraag(bsn=BSN, nu=datetime(2026, 11, 2, 9, 0, tzinfo=AMS))
    aanvraag_oppakken(aanvraag_id=eerste.pk, behandelaar=behandelaar)
    _contact(eerste, behandelaar)  # one of each related row, so only the number can grow
    if wie == "inwoner":
        _inwoner(client)
    elif wie == "behandelaar":
        client.force_login(behandelaar)
    elif wie == "teamleider":
        client.force_login(UserFactory(rollen=[Rol.TEAMLEIDER], gemeenten=beide_gemeenten()))
    pad = (
        reverse("behandeling:aanvraag", args=[eerste.pk])
        if pagina == "aanvraag"
        else reverse(pagina)
    )
    _meer_aanvragen(behandelaar, 4)  # one in every status: only numbers can grow after this
    weinig = _aantal(client, methode, pad)
    _meer_aanvragen(behandelaar, 16)
    for _ in range(3):  # more contacts on the page's own aanvraag too
        _contact(eerste, UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=beide_gemeenten()))
    assert _aantal(client, methode, pad) <= weinig


def test_werkvoorraad_telt_de_open_wachtrij_een_keer(client):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=beide_gemeenten())
    _meer_aanvragen(bea, 30)
    client.force_login(bea)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        pagina = client.get(reverse("behandeling:werkvoorraad"))
    tellers = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(tellers) == 1, tellers  # the figures on top; the pages reuse their total
    assert pagina.context["pagina"].paginator.num_pages == 1
    assert pagina.context["pagina"].paginator.count == pagina.context["tellingen"]["totaal"]
    gefilterd = client.get(reverse("behandeling:werkvoorraad"), {"vrij": "1"})
    assert (
        gefilterd.context["pagina"].paginator.count
        == (gefilterd.context["tellingen"]["niet_opgepakt"])
    )
