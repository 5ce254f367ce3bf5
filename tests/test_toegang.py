"""Every URL × every role: allowed or refused as intended.

The matrix must name every URL of the portal (a test below fails when one is missing), so a new
view cannot ship without a decision on who may use it.
"""

from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from aanvragen.documenten import ontvangstbevestiging_maken
from portal.rollen import Rol
from tests.factories import GemeenteFactory, KostensoortFactory, UserFactory, ingediende_aanvraag
from tests.helpers import als_inwoner
from tests.toegangsmatrix import (
    DIGID,
    LOGIN,
    MATRIX,
    NIET_GEVONDEN,
    OK,
    ROLLEN,
    VERBODEN,
    WEG,
)
from uitbetaling.batches import batch_afleveren, batch_samenstellen
from uitbetaling.opdrachten import betaalopdracht_aanmaken

pytestmark = pytest.mark.django_db


def alle_url_namen(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for patroon in resolver.url_patterns:
        if isinstance(patroon, URLResolver):
            if patroon.namespace == "admin":
                continue
            ns = f"{namespace}{patroon.namespace}:" if patroon.namespace else namespace
            yield from alle_url_namen(patroon, ns)
        elif isinstance(patroon, URLPattern) and patroon.name:
            yield f"{namespace}{patroon.name}"


def test_matrix_noemt_elke_url():
    assert set(alle_url_namen()) == {naam for naam, *_ in MATRIX}


GEBIEDEN = ["eigen", "ander"]  # the object in the colleague's own gemeente, or in another one
OBJECTEN = {"PK", "DOCUMENT", "BATCH", "OPDRACHT"}
STAF = {r.value for r in Rol}


def verwacht_in(gebied: str, naam: str, kwargs: dict, verwacht: dict, rol: str) -> str:
    """Another gemeente's object is not there for a colleague: 404 wherever their own gemeente's
    object would let them in (lists stay open but show nothing of it: see test_werkgebied)."""
    uitkomst = verwacht[rol]
    staf_object = naam.split(":")[0] in ("behandeling", "uitbetaling") and (
        OBJECTEN & set(kwargs.values())
    )
    if gebied == "ander" and rol in STAF and staf_object and uitkomst in (OK, WEG):
        return NIET_GEVONDEN
    return uitkomst


@pytest.fixture(params=GEBIEDEN)
def omgeving(request, db):
    # Staff below work for Voorbeeldstad; "ander" puts the aanvraag in Dorpsveen.
    aanvraag = ingediende_aanvraag(bsn="999993653" if request.param == "eigen" else "100042090")
    KostensoortFactory()
    return request.param, aanvraag


def inloggen(client, rol, aanvraag):
    if rol == "anoniem":
        return
    if rol == "inwoner":
        als_inwoner(client, bsn=aanvraag.bsn)
        return
    client.force_login(UserFactory(rollen=[Rol(rol)], gemeenten=[GemeenteFactory()]))


def classificeer(response, rol) -> str:
    if response.status_code in (200, 400):  # 400: allowed in, the empty form was refused
        return OK
    if response.status_code == 403:
        return VERBODEN
    if response.status_code == 404:
        return NIET_GEVONDEN
    if response.status_code in (301, 302):
        doel = response["Location"]
        if doel.startswith(reverse("medewerker-inloggen")):
            return LOGIN
        if doel.startswith(reverse("digid-simulator")):
            return DIGID
        return WEG
    return str(response.status_code)


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize(
    ("naam", "kwargs", "methode", "verwacht"), MATRIX, ids=[m[0] for m in MATRIX]
)
def test_toegang(client, omgeving, rol, naam, kwargs, methode, verwacht):
    gebied, aanvraag = omgeving
    ingevuld = {}
    for sleutel, waarde in kwargs.items():
        if waarde == "PK":
            waarde = aanvraag.pk
        elif waarde == "REF":
            waarde = aanvraag.referentie
        elif waarde == "BATCH":
            aanvraag.status = "toegekend"
            aanvraag.toegekend_bedrag = Decimal("10.00")
            aanvraag.save()
            betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
            batch = batch_samenstellen(gemeente_id=aanvraag.gemeente_id)
            waarde = batch_afleveren(batch_id=batch.pk).pk
        elif waarde == "DOCUMENT":
            waarde = ontvangstbevestiging_maken(aanvraag_id=aanvraag.pk).pk
        elif waarde == "OPDRACHT":
            aanvraag.status = "toegekend"
            aanvraag.toegekend_bedrag = Decimal("10.00")
            aanvraag.save()
            waarde = betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk).pk
        ingevuld[sleutel] = waarde
    inloggen(client, rol, aanvraag)
    response = getattr(client, methode)(reverse(naam, kwargs=ingevuld))
    assert classificeer(response, rol) == verwacht_in(gebied, naam, kwargs, verwacht, rol)


def test_inwoner_ziet_andermans_aanvraag_niet(client):
    van_anna = ingediende_aanvraag(bsn="100042090")
    eigen = ingediende_aanvraag(bsn="999993653")
    inloggen(client, "inwoner", eigen)
    assert client.get(reverse("aanvragen:ontvangen", args=[van_anna.referentie])).status_code == 404
    assert client.get(reverse("aanvragen:ontvangen", args=[eigen.referentie])).status_code == 200
    pagina = client.get(reverse("aanvragen:mijn-aanvragen")).content.decode()
    assert eigen.referentie in pagina
    assert van_anna.referentie not in pagina


def test_admin_alleen_voor_functioneel_beheer(client):
    beheer = UserFactory(rollen=[Rol.FUNCTIONEEL_BEHEER], is_staff=True)
    client.force_login(UserFactory(rollen=[Rol.BEHANDELAAR]))
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(beheer)
    assert client.get(reverse("admin:index")).status_code == 200
