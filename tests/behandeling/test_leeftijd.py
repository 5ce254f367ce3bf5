"""Age and AOW as data: the norm's age group follows the birth date and the AOW table; without
a full birth date the behandelaar confirms it (never a silent default)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from aanvragen.models import Aanvraag
from aanvragen.selectors import voorstel_get
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from wegwijzer.models import AowLeeftijd
from wegwijzer.regels import Oordeel

pytestmark = pytest.mark.django_db


def test_zonder_geboortedatum_bevestigt_de_behandelaar_de_leeftijdsgroep(client):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag(inkomen=Decimal("1600"), vermogen=Decimal("0"))
    Aanvraag.objects.filter(pk=aanvraag.pk).update(geboortedatum=None)
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag.refresh_from_db()
    voorstel = voorstel_get(aanvraag=aanvraag)
    assert voorstel.oordeel == Oordeel.ONBEKEND
    assert "geboortedatum niet precies" in voorstel.motivering

    client.force_login(bea)
    url = reverse("behandeling:aanvraag", args=[aanvraag.pk])
    assert "Geboortedatum onbekend: bevestig de leeftijdsgroep" in client.get(url).content.decode()
    leeg = client.post(reverse("behandeling:leeftijdsgroep", args=[aanvraag.pk]), {})
    assert leeg.status_code == 400 and "Kies de leeftijdsgroep." in leeg.content.decode()
    client.post(
        reverse("behandeling:leeftijdsgroep", args=[aanvraag.pk]),
        {"leeftijd-leeftijdsgroep": "21_aow"},
    )
    aanvraag.refresh_from_db()
    assert aanvraag.leeftijdsgroep_bevestigd == "21_aow"
    assert voorstel_get(aanvraag=aanvraag).bedrag == Decimal("99.90")
    assert "Leeftijdsgroep bevestigd" in aanvraag.statuswijzigingen.order_by("pk").last().reden


def test_aow_tabel_is_data_die_beheer_aanpast():
    aanvraag = ingediende_aanvraag(inkomen=Decimal("1600"), vermogen=Decimal("0"))
    # 67 on the peildatum under the seeded table: the AOW norm.
    Aanvraag.objects.filter(pk=aanvraag.pk).update(
        geboortedatum=date(1959, 6, 1), peildatum=date(2026, 7, 1)
    )
    aanvraag.refresh_from_db()
    assert "€ 1.564,69" in voorstel_get(aanvraag=aanvraag).motivering  # AOW norm
    rij = AowLeeftijd.objects.get(jaar=2026)  # beheer changes the table (in the admin)
    rij.maanden = 3
    rij.save()
    assert "€ 1.401,50" in voorstel_get(aanvraag=aanvraag).motivering
