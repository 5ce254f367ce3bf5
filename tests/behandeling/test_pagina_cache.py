"""Cached page content never shows an old state (ADR 0014, portal.stempel).

The werkvoorraad and the case page are cached under the version of every row they show, read
from PostgreSQL. Each test first loads a page (so its content is in the cache), then changes a
row the way the system does — a service, a bulk update no signal hears of, a row in a table
that points to the aanvraag — and asserts that the next load shows the change.
"""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from aanvragen.models import Aanvraag
from aanvragen.statussen import SlaStatus
from behandeling.besluiten import aanvraag_toekennen
from behandeling.contact import contactmoment_vastleggen
from behandeling.selectors import aanvraag_get, aanvraag_stand
from portal import stempel
from portal.fragmenten import PLAATSHOUDER
from portal.rollen import Rol
from tests.factories import (
    UserFactory,
    beide_gemeenten,
    ingediende_aanvraag,
    opgepakte_aanvraag,
    toegekende_aanvraag,
)
from uitbetaling.models import Betaalopdracht
from uitbetaling.statussen import OpdrachtStatus

pytestmark = pytest.mark.django_db


def _fragmenten() -> int:
    return len(cache._cache.get_client().keys("*portal:fragment:*"))


def _bellen(aanvraag, door, samenvatting: str) -> None:
    contactmoment_vastleggen(
        aanvraag_id=aanvraag.pk,
        door=door,
        met="inwoner",
        samenvatting=samenvatting,
        uitkomst="beantwoord",
        kanaal="telefoon",
    )


def _kaart(html: str, label: str) -> str:
    return re.search(rf"{label}<strong>(\d+)</strong>", html)[1]


def test_werkvoorraad_toont_een_bulk_update_meteen(client):
    """The SLA sweep changes sla_status with one UPDATE and no signal: the counters follow."""
    aanvraag = ingediende_aanvraag()
    client.force_login(UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=beide_gemeenten()))
    cache.clear()
    eerst = client.get(reverse("behandeling:werkvoorraad")).content.decode()
    assert _fragmenten() == 1 and _kaart(eerst, "Te laat") == "0"
    client.get(reverse("behandeling:werkvoorraad"))
    assert _fragmenten() == 1  # the second load came from the cache
    Aanvraag.objects.filter(pk=aanvraag.pk).update(sla_status=SlaStatus.TE_LAAT)
    daarna = client.get(reverse("behandeling:werkvoorraad")).content.decode()
    assert _kaart(daarna, "Te laat") == "1"


def test_werkvoorraad_toont_een_teruggekomen_betaling_meteen(client):
    opdracht = Betaalopdracht.objects.get(aanvraag=toegekende_aanvraag())
    client.force_login(UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=beide_gemeenten()))
    assert (
        "betalingen-terug" not in client.get(reverse("behandeling:werkvoorraad")).content.decode()
    )
    Betaalopdracht.objects.filter(pk=opdracht.pk).update(
        status=OpdrachtStatus.TERUGGEBOEKT, probleem="Rekening opgeheven"
    )
    html = client.get(reverse("behandeling:werkvoorraad")).content.decode()
    assert "betalingen-terug" in html and "Rekening opgeheven" in html


def test_werkvoorraad_van_de_een_is_niet_die_van_de_ander(client):
    """Two colleagues of the same gemeente, one with an approval waiting: each their own."""
    aanvraag, bea = opgepakte_aanvraag()
    Aanvraag.objects.filter(pk=aanvraag.pk).update(voorgesteld_bedrag="450.00")
    tim = UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=beide_gemeenten())
    client.force_login(bea)
    assert "ter-goedkeuring" not in client.get(reverse("behandeling:werkvoorraad")).content.decode()
    client.force_login(tim)
    assert "ter-goedkeuring" in client.get(reverse("behandeling:werkvoorraad")).content.decode()


def test_aanvraagpagina_toont_een_nieuw_contactmoment_meteen(client):
    aanvraag, bea = opgepakte_aanvraag()
    client.force_login(bea)
    pad = reverse("behandeling:aanvraag", args=[aanvraag.pk])
    cache.clear()
    eerst = client.get(pad).content.decode()
    assert _fragmenten() == 1 and "Gebeld over de bril" not in eerst
    _bellen(aanvraag, bea, "Gebeld over de bril.")
    assert "Gebeld over de bril" in client.get(pad).content.decode()


def test_aanvraagpagina_toont_de_stand_van_de_betaling_meteen(client):
    """A row two relations away (the payment of the aanvraag) changes the page too."""
    aanvraag = toegekende_aanvraag()
    client.force_login(aanvraag.behandelaar)
    pad = reverse("behandeling:aanvraag", args=[aanvraag.pk])
    assert "Rekening opgeheven" not in client.get(pad).content.decode()
    Betaalopdracht.objects.filter(aanvraag=aanvraag).update(
        status=OpdrachtStatus.TERUGGEBOEKT, probleem="Rekening opgeheven"
    )
    assert "Rekening opgeheven" in client.get(pad).content.decode()


def test_aanvraagpagina_per_collega_en_met_eigen_csrf_token(client):
    """The colleague who holds it sees the decision forms, another does not; the forms of a
    cached page carry the request's own CSRF token, never the placeholder."""
    aanvraag, bea = opgepakte_aanvraag()
    pad = reverse("behandeling:aanvraag", args=[aanvraag.pk])
    client.force_login(bea)
    client.get(pad)
    html = client.get(pad).content.decode()
    assert reverse("behandeling:toekennen", args=[aanvraag.pk]) in html
    assert PLAATSHOUDER not in html and 'name="csrfmiddlewaretoken" value="' in html
    client.force_login(UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=beide_gemeenten()))
    anders = client.get(pad).content.decode()
    assert reverse("behandeling:toekennen", args=[aanvraag.pk]) not in anders


def test_aanvraagpagina_van_een_andere_gemeente_blijft_404(client):
    aanvraag = ingediende_aanvraag()
    client.force_login(UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=[]))
    assert client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).status_code == 404


def test_de_stempel_kent_elke_tabel_die_naar_een_aanvraag_wijst():
    """Found through the models: a table added later is stamped without being named."""
    sql = stempel.met_verwanten(Aanvraag, "a")
    for relatie in Aanvraag._meta.related_objects:
        assert f"FROM {relatie.related_model._meta.db_table} " in sql
    for relatie in Betaalopdracht._meta.related_objects:
        assert f"FROM {relatie.related_model._meta.db_table} " in sql


def test_de_stempel_verandert_met_elke_verwante_rij():
    aanvraag, bea = opgepakte_aanvraag()
    voor = aanvraag_stand(pk=aanvraag.pk, medewerker=bea).stempel
    assert aanvraag_stand(pk=aanvraag.pk, medewerker=bea).stempel == voor  # nothing changed
    _bellen(aanvraag, bea, "Gebeld.")
    assert aanvraag_stand(pk=aanvraag.pk, medewerker=bea).stempel != voor


def test_zonder_paginacache_wordt_elke_pagina_opnieuw_gemaakt(client, settings):
    """PORTAL_PAGINACACHE=0, the kill switch: nothing is cached, everything is shown."""
    settings.PORTAL_PAGINACACHE = False
    aanvraag, bea = opgepakte_aanvraag()
    client.force_login(bea)
    cache.clear()
    html = client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode()
    assert aanvraag.referentie in html and PLAATSHOUDER not in html
    assert aanvraag.referentie in client.get(reverse("behandeling:werkvoorraad")).content.decode()
    assert _fragmenten() == 0


def _zonder_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _voorgestelde_aanvraag():
    """An award above the gemeente's four-eyes amount: proposed, waiting for a second colleague."""
    aanvraag, bea = opgepakte_aanvraag(bedrag=Decimal("4000.00"))
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk,
        behandelaar=bea,
        bedrag=Decimal("4000.00"),
        motivering="Meer dan het maximum: de offerte laat zien dat het nodig is.",
    )
    aanvraag.refresh_from_db()
    assert aanvraag.voorgesteld_bedrag is not None
    return aanvraag


def test_collegas_die_de_aanvraag_niet_noemt_delen_een_gemaakte_pagina(client):
    """The content is made once for every colleague the aanvraag does not name: the second
    viewer's page comes from the cache."""
    aanvraag = ingediende_aanvraag()
    pad = reverse("behandeling:aanvraag", args=[aanvraag.pk])
    collegas = [
        UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=beide_gemeenten()) for _ in range(3)
    ]
    cache.clear()
    for collega in collegas:
        client.force_login(collega)
        assert client.get(pad).status_code == 200
    assert _fragmenten() == 1


def test_wie_de_aanvraag_noemt_krijgt_nooit_de_pagina_van_een_ander(client, settings):
    """Whatever order colleagues look in, each sees exactly what a fresh render shows them:
    the proposer never gets the approve button an uninvolved colleague's page has, the holder
    keeps the decision forms, a teamleider keeps the assignment form."""
    aanvraag = _voorgestelde_aanvraag()
    holder = aanvraag.behandelaar
    tim = UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=beide_gemeenten())
    tamara = UserFactory(rollen=[Rol.TEAMLEIDER], gemeenten=beide_gemeenten())
    pad = reverse("behandeling:aanvraag", args=[aanvraag.pk])

    def bekijken(user, cache_aan: bool) -> str:
        settings.PORTAL_PAGINACACHE = cache_aan
        client.force_login(user)
        return _zonder_token(client.get(pad).content.decode())

    vers = {u.pk: bekijken(u, False) for u in (holder, tim, tamara)}
    goedkeuren = reverse("behandeling:goedkeuren", args=[aanvraag.pk])
    assert goedkeuren in vers[tim.pk] and goedkeuren not in vers[holder.pk]
    for volgorde in ((tim, holder, tamara), (holder, tamara, tim), (tamara, tim, holder)):
        cache.clear()
        for user in volgorde:
            assert bekijken(user, True) == vers[user.pk], user


def test_wat_de_stempel_leeg_zag_wordt_niet_gevraagd(django_assert_num_queries):
    """The stand names the relations without rows; the case data then asks only for the rest,
    and an empty relation answers [] (a missing payment None) without a query."""
    aanvraag, bea = opgepakte_aanvraag()
    stand = aanvraag_stand(pk=aanvraag.pk, medewerker=bea)
    assert {"betaalopdracht", "contactmomenten", "opschortingen"} <= stand.leeg
    assert "statuswijzigingen" not in stand.leeg
    gevonden = aanvraag_get(pk=aanvraag.pk, medewerker=bea, leeg=stand.leeg)
    with django_assert_num_queries(0):
        assert list(gevonden.contactmomenten.all()) == []
        assert getattr(gevonden, "betaalopdracht", None) is None
        assert len(gevonden.statuswijzigingen.all()) >= 1
        assert gevonden.gemeente.naam and gevonden.behandelaar == bea
    _bellen(aanvraag, bea, "Gebeld over de bril.")
    stand = aanvraag_stand(pk=aanvraag.pk, medewerker=bea)
    assert "contactmomenten" not in stand.leeg
    gevonden = aanvraag_get(pk=aanvraag.pk, medewerker=bea, leeg=stand.leeg)
    assert [c.samenvatting for c in gevonden.contactmomenten.all()] == ["Gebeld over de bril."]


def test_een_betaling_wordt_gevonden_als_die_er_is():
    aanvraag = toegekende_aanvraag()
    stand = aanvraag_stand(pk=aanvraag.pk, medewerker=aanvraag.behandelaar)
    assert "betaalopdracht" not in stand.leeg
    gevonden = aanvraag_get(pk=aanvraag.pk, medewerker=aanvraag.behandelaar, leeg=stand.leeg)
    assert gevonden.betaalopdracht.pk == Betaalopdracht.objects.get(aanvraag=aanvraag).pk


def test_aanvraagpagina_toont_een_nieuwe_berichtkeuze_meteen(client):
    """The choice is linked by person and gemeente, not by a key: the stamp still sees it."""
    from aanvragen.keuzes import keuze_vastleggen
    from aanvragen.models import KeuzeBron

    aanvraag, bea = opgepakte_aanvraag()
    client.force_login(bea)
    pad = reverse("behandeling:aanvraag", args=[aanvraag.pk])
    assert "+31612345678" not in client.get(pad).content.decode()
    keuze_vastleggen(
        bsn=aanvraag.bsn,
        gemeente_id=aanvraag.gemeente_id,
        wegen={"besluit": "sms"},
        telefoon="+31612345678",
        email="",
        bron=KeuzeBron.MIJN_AANVRAGEN,
    )
    html = client.get(pad).content.decode()
    assert 'data-testid="berichtkeuze"' in html and "+31612345678" in html


def test_aanvraagpagina_toont_een_nieuw_bericht_meteen(client):
    """The outbox refers to the aanvraag by id only: the stamp still sees a new message."""
    from behandeling.aanvulling import aanvulling_vragen

    aanvraag, bea = opgepakte_aanvraag()
    client.force_login(bea)
    pad = reverse("behandeling:aanvraag", args=[aanvraag.pk])

    def berichten(html: str) -> str:
        return re.search(r'data-testid="berichten">(.*?)</ol>', html, re.S)[1]

    assert "Vraag om aanvulling" not in berichten(client.get(pad).content.decode())
    aanvulling_vragen(aanvraag_id=aanvraag.pk, behandelaar=bea, vraag="Stuur de offerte.")
    lijst = berichten(client.get(pad).content.decode())
    assert "Vraag om aanvulling" in lijst and "jan@example.org" in lijst
