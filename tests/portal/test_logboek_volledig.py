"""Logboek completeness: every staff page that shows an inwoner's data writes exactly one
Logboek entry for that inwoner per page view, in every mode (a colleague on the phone
included); a page that shows no personal data writes none.

The pages come from the permission matrix (tests/test_toegang.py), so a new staff page is
walked here the day it is added.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from aanvragen.documenten import ontvangstbevestiging_maken
from aanvragen.models import Terugbelverzoek
from behandeling.besluiten import aanvraag_toekennen
from behandeling.werkvoorraad import aanvraag_oppakken
from portal import logboek
from portal.models import Verwerking
from portal.rollen import Rol
from tests.factories import GemeenteFactory, UserFactory, ingediende_aanvraag
from tests.helpers import PortalClient
from tests.toegangsmatrix import MATRIX, OK
from uitbetaling.batches import batch_afleveren, batch_samenstellen
from uitbetaling.opdrachten import betaalopdracht_aanmaken

pytestmark = pytest.mark.django_db
BSN = "999993653"
# Files: their content is not searched for names, they always hold personal data.
BESTANDEN = {
    "behandeling:document",
    "aanvragen:document",
    "uitbetaling:batch-download",
    "uitbetaling:leningen-export",
}
STAF = [r.value for r in Rol if r != Rol.FUNCTIONEEL_BEHEER]


@pytest.fixture
def dossier(settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag(bsn=BSN, rekeninghouder="Johannes de Vries")
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk,
        behandelaar=bea,
        bedrag=Decimal("99.90"),
        motivering="ok",
        vorm="lening",
        lening_maandbedrag=Decimal("10"),
        lening_termijnen=10,
    )
    opdracht = betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
    batch = batch_afleveren(batch_id=batch_samenstellen(gemeente_id=opdracht.gemeente_id).pk)
    aanvraag.refresh_from_db()
    Terugbelverzoek.objects.create(
        gemeente=GemeenteFactory(), naam="Ria Terugbel", telefoon="0687654321"
    )
    return {
        "aanvraag": aanvraag,
        "waarden": {
            "PK": aanvraag.pk,
            "REF": aanvraag.referentie,
            "DOCUMENT": ontvangstbevestiging_maken(aanvraag_id=aanvraag.pk).pk,
            "BATCH": batch.pk,
            "OPDRACHT": opdracht.pk,
        },
        "kenmerken": [
            aanvraag.naam,
            aanvraag.iban,
            "NL91 ABNA 0417 1643 00",
            "Johannes de Vries",
            aanvraag.telefoon,
            BSN,
            "Ria Terugbel",
        ],
    }


def bezoek(client, naam, kwargs, waarden):
    return client.get(reverse(naam, kwargs={k: waarden.get(v, v) for k, v in kwargs.items()}))


def toont_persoonsgegevens(naam, response, kenmerken, *, altijd=False) -> bool:
    if naam in BESTANDEN or altijd:
        return True
    html = response.content.decode(errors="replace")
    return any(k in html for k in kenmerken)


def controleer_logboek(naam, response, dossier, *, altijd=False):
    regels = Verwerking.objects.filter(trace_id=response["X-Trace-Id"])
    if not toont_persoonsgegevens(naam, response, dossier["kenmerken"], altijd=altijd):
        assert not regels.exists(), f"{naam} shows no personal data but logged {list(regels)}"
        return
    over_inwoner = regels.filter(betrokkene_zoeksleutel=logboek.zoeksleutel(BSN)).count()
    over_object = regels.filter(betrokkene_zoeksleutel="").count()
    assert (over_inwoner, over_object) in ((1, 0), (0, 1)), (
        f"{naam}: {over_inwoner} entries about the inwoner, {over_object} about objects"
    )


STAFPAGINAS = [
    (naam, kwargs, rol)
    for naam, kwargs, methode, verwacht in MATRIX
    if methode == "get" and verwacht["anoniem"] != OK  # public pages hold no inwoner's data
    for rol in STAF
    if verwacht[rol] == OK
]


@pytest.mark.parametrize(
    ("naam", "kwargs", "rol"), STAFPAGINAS, ids=[f"{n}-{r}" for n, _k, r in STAFPAGINAS]
)
def test_elke_stafpagina_met_persoonsgegevens_schrijft_een_regel(dossier, naam, kwargs, rol):
    client = PortalClient()
    client.force_login(UserFactory(rollen=[Rol(rol)]))
    response = bezoek(client, naam, kwargs, dossier["waarden"])
    assert response.status_code == 200
    controleer_logboek(naam, response, dossier)


INWONERPAGINAS = [
    (naam, kwargs)
    for naam, kwargs, methode, verwacht in MATRIX
    if methode == "get"
    and verwacht["inwoner"] == OK
    and verwacht["anoniem"] != OK
    and naam.startswith("aanvragen:")
]


@pytest.mark.parametrize(("naam", "kwargs"), INWONERPAGINAS, ids=[n for n, _k in INWONERPAGINAS])
def test_namens_de_inwoner_schrijft_elke_pagina_een_regel(dossier, naam, kwargs):
    client = PortalClient()
    client.force_login(UserFactory(rollen=[Rol.KLANTCONTACT]))
    sessie = client.session
    sessie["namens_bsn"] = BSN
    sessie.save()
    response = bezoek(client, naam, kwargs, dossier["waarden"])
    if response.status_code == 404:  # not for a colleague (e.g. "Wie gebruikte mijn gegevens?")
        assert not Verwerking.objects.filter(trace_id=response["X-Trace-Id"]).exists()
        return
    assert response.status_code == 200
    # Every inwoner page is about this inwoner (their aanvragen, their status): always logged.
    controleer_logboek(naam, response, dossier, altijd=True)


def test_namens_start_zoekt_de_beller_op_en_logt_dat(dossier):
    client = PortalClient()
    client.force_login(UserFactory(rollen=[Rol.KLANTCONTACT]))
    response = client.post(
        reverse("aanvragen:namens-start"), {"bsn": BSN, "identiteit_gecontroleerd": "on"}
    )
    regels = Verwerking.objects.filter(trace_id=response["X-Trace-Id"])
    assert [r.naam for r in regels] == ["beller opgezocht in de BRP"]
