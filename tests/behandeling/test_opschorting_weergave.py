"""Suspension shown as it is: periods never inverted, staff read "wacht op informatie van de
inwoner, de termijn staat stil" with the moved date, and a suspended aanvraag is "opgeschort",
never risico or te laat in a counter, a list or an escalation."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from aanvragen.aanvulling import aanvulling_ontvangen
from aanvragen.models import Aanvraag, Opschorting
from behandeling import selectors
from behandeling.aanvulling import aanvulling_vragen
from behandeling.models import SlaSignaal
from behandeling.signalen import sla_bijwerken, sla_signalen_versturen
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def gevraagd(op: datetime):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag(nu=datetime(2026, 11, 23, 9, 0, tzinfo=AMS))
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    verzoek = aanvulling_vragen(
        aanvraag_id=aanvraag.pk, behandelaar=bea, vraag="Stuur de offerte.", nu=op
    )
    return aanvraag, verzoek, bea


def test_dezelfde_dag_beantwoord_geeft_geen_omgekeerde_periode(client):
    aanvraag, verzoek, bea = gevraagd(datetime(2026, 11, 30, 10, 0, tzinfo=AMS))
    aanvulling_ontvangen(
        verzoek_id=verzoek.pk,
        bsn=aanvraag.bsn,
        antwoord="Hier is hij",
        nu=datetime(2026, 11, 30, 15, 0, tzinfo=AMS),
    )
    opschorting = Opschorting.objects.get()
    assert opschorting.van == date(2026, 12, 1) and opschorting.tot == date(2026, 11, 30)
    aanvraag.refresh_from_db()
    assert aanvraag.einddatum_gepland == date(2026, 11, 30)  # nothing moved
    client.force_login(bea)
    pagina = client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode()
    assert "30 november 2026 – 28" not in pagina and "1 december 2026 – 30" not in pagina
    assert "voordat de termijn stil ging staan. De termijn liep gewoon door." in pagina


def test_tijdens_opschorting_ziet_de_medewerker_de_stand_en_geen_oude_datum(client):
    aanvraag, verzoek, bea = gevraagd(datetime(2026, 11, 25, 10, 0, tzinfo=AMS))
    client.force_login(bea)
    with time_machine.travel(datetime(2026, 11, 30, 12, 0, tzinfo=AMS), tick=False):
        pagina = " ".join(
            client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode().split()
        )
        lijst = client.get(reverse("behandeling:werkvoorraad")).content.decode()
    assert "Wacht op informatie van de inwoner</strong>" in pagina
    assert "Wacht op informatie van u" not in pagina
    assert "sinds 25 november 2026, de termijn staat stil" in pagina
    # Due 30 November; 26, 27 and 30 November stood still: 3 werkdagen later.
    assert "besluit uiterlijk donderdag 3 december 2026 als de inwoner vandaag antwoordt" in pagina
    assert "Op schema" not in pagina.split("<h2")[0]
    assert "portal-sla--opgeschort" in lijst


def test_opgeschort_telt_nergens_als_risico_of_te_laat():
    aanvraag, verzoek, bea = gevraagd(datetime(2026, 11, 25, 10, 0, tzinfo=AMS))
    # Long after the original date: the sweep must not call it late, nor escalate it.
    sla_bijwerken(vandaag=date(2026, 12, 10))
    sla_signalen_versturen()
    aanvraag.refresh_from_db()
    assert aanvraag.sla_status == "opgeschort"
    assert not SlaSignaal.objects.exists()
    tellingen = selectors.werkvoorraad_tellingen(medewerker=bea)
    assert (tellingen["te_laat"], tellingen["risico"], tellingen["opgeschort"]) == (0, 0, 1)
    assert not list(selectors.aandacht_list(medewerker=bea))
    [rij] = selectors.sla_per_gemeente(medewerker=bea)
    assert (rij["te_laat"], rij["risico"], rij["opgeschort"]) == (0, 0, 1)
    # Answered: the SLA state is computed again at once, from the moved date.
    aanvulling_ontvangen(
        verzoek_id=verzoek.pk,
        bsn=aanvraag.bsn,
        antwoord="Bijgevoegd",
        nu=datetime(2026, 12, 10, 9, 0, tzinfo=AMS),
    )
    aanvraag.refresh_from_db()
    assert aanvraag.sla_status != "opgeschort"
    assert Aanvraag.objects.filter(sla_status="opgeschort").count() == 0


def test_werkvoorraad_dashboard_en_aandachtlijst_tellen_dezelfde_zaken():
    from aanvragen.statussen import SlaStatus

    te_laat = ingediende_aanvraag(nu=datetime(2026, 11, 2, 9, 0, tzinfo=AMS))
    risico = ingediende_aanvraag(nu=datetime(2026, 11, 23, 9, 0, tzinfo=AMS))
    wacht, verzoek, bea = gevraagd(datetime(2026, 11, 25, 10, 0, tzinfo=AMS))
    op_tijd = ingediende_aanvraag(nu=datetime(2026, 11, 27, 9, 0, tzinfo=AMS))
    sla_bijwerken(vandaag=date(2026, 11, 30))
    standen = dict(Aanvraag.objects.values_list("pk", "sla_status"))
    assert standen[te_laat.pk] == SlaStatus.TE_LAAT
    assert standen[risico.pk] == SlaStatus.RISICO
    assert standen[wacht.pk] == SlaStatus.OPGESCHORT
    assert standen[op_tijd.pk] == SlaStatus.OP_SCHEMA
    tellingen = selectors.werkvoorraad_tellingen(medewerker=bea)
    [rij] = selectors.sla_per_gemeente(medewerker=bea)
    aandacht = {a.pk for a in selectors.aandacht_list(medewerker=bea)}
    assert tellingen["te_laat"] == rij["te_laat"] == 1
    assert tellingen["risico"] == rij["risico"] == 1
    assert aandacht == {te_laat.pk, risico.pk}
    assert tellingen["opgeschort"] == rij["opgeschort"] == 1
