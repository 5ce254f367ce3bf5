"""Logboek Dataverwerkingen (issue 8): every read or change of an inwoner's data by a colleague
or a process is logged, with the BSN encrypted, append-only, and the inwoner can see it."""

import pytest
from django.db import connection, transaction
from django.db.utils import ProgrammingError
from django.urls import reverse

from behandeling.werkvoorraad import aanvraag_oppakken
from portal import logboek
from portal.models import Verwerking, VerwerkingNietWijzigbaar
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag, toegekende_aanvraag
from tests.helpers import PortalClient, als_inwoner

pytestmark = pytest.mark.django_db
BSN = "999993653"


def _inwoner(bsn=BSN):
    return als_inwoner(bsn=bsn)


def _toegekend_met_opdracht():
    from uitbetaling.models import Betaalopdracht

    aanvraag = toegekende_aanvraag(bsn=BSN)
    return aanvraag, Betaalopdracht.objects.get(aanvraag=aanvraag)


def test_bsn_versleuteld_en_vindbaar_zonder_het_bsn_op_te_slaan():
    logboek.vastleggen(activiteit="aanvraag-behandelen", naam="test", bsns=[(BSN, None)])
    regel = Verwerking.objects.get()
    assert BSN not in regel.betrokkene_versleuteld and BSN not in regel.betrokkene_zoeksleutel
    assert logboek.ontsleutel(regel.betrokkene_versleuteld) == BSN
    assert list(logboek.van_betrokkene(BSN)) == [regel]
    assert not logboek.van_betrokkene("111222333").exists()
    assert len(regel.trace_id) == 32 and len(regel.operation_id) == 16
    with pytest.raises(ValueError):
        logboek.vastleggen(activiteit="nieuwsgierig", naam="x", bsns=[(BSN, None)])


def test_alleen_toevoegen_ook_in_de_database():
    logboek.vastleggen(activiteit="aanvraag-behandelen", naam="test", bsns=[(BSN, None)])
    regel = Verwerking.objects.get()
    regel.naam = "anders"
    with pytest.raises(VerwerkingNietWijzigbaar):
        regel.save()
    with pytest.raises(VerwerkingNietWijzigbaar):
        regel.delete()
    with pytest.raises(VerwerkingNietWijzigbaar):
        Verwerking.objects.all().delete()
    with pytest.raises(VerwerkingNietWijzigbaar):
        Verwerking.objects.update(naam="x")
    for sql in ("UPDATE portal_verwerking SET naam = 'x'", "DELETE FROM portal_verwerking"):
        with pytest.raises(ProgrammingError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)  # the PostgreSQL trigger refuses even raw SQL
    assert Verwerking.objects.get().naam == "test"


def test_behandelaar_die_een_aanvraag_bekijkt_en_besluit_staat_in_het_logboek():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag(bsn=BSN)
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    client = PortalClient()
    client.force_login(bea)
    response = client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk]))
    assert response["X-Trace-Id"]
    regels = list(logboek.van_betrokkene(BSN))
    inzien = next(r for r in regels if r.naam == "aanvraag inzien")
    assert inzien.medewerker == bea and inzien.aanvraag_id == aanvraag.pk
    assert inzien.trace_id == response["X-Trace-Id"]
    assert {r.verwerkingsactiviteit for r in regels} >= {"aanvraag-indienen", "aanvraag-behandelen"}


def test_inwoner_ziet_wie_zijn_gegevens_gebruikte_en_niet_die_van_een_ander():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    eigen = ingediende_aanvraag(bsn=BSN)
    aanvraag_oppakken(aanvraag_id=eigen.pk, behandelaar=bea)
    ingediende_aanvraag(bsn="100042090")
    html = _inwoner().get(reverse("aanvragen:mijn-gegevens")).content.decode()
    assert "Een medewerker van de gemeente" in html
    assert eigen.referentie in html
    assert bea.username not in html and bea.get_full_name() not in html  # no names of staff
    ander = _inwoner("100042090").get(reverse("aanvragen:mijn-gegevens")).content.decode()
    assert eigen.referentie not in ander


def test_betaalbestand_downloaden_wordt_gelogd_per_betrokkene(django_capture_on_commit_callbacks):
    from uitbetaling.batches import batch_samenstellen

    aanvraag, _opdracht = _toegekend_met_opdracht()
    batch = batch_samenstellen(gemeente_id=aanvraag.gemeente_id)
    fleur = UserFactory(rollen=[Rol.FINANCIEN])
    client = PortalClient()
    client.force_login(fleur)
    assert client.get(reverse("uitbetaling:batch-download", args=[batch.pk])).status_code == 200
    assert (
        logboek.van_betrokkene(BSN)
        .filter(medewerker=fleur, naam="betaalbestand downloaden", aanvraag_id=aanvraag.pk)
        .exists()
    )
    assert logboek.van_betrokkene(BSN).filter(naam="betaalopdracht maken").exists()


def test_terugbelverzoeken_bekijken_en_afhandelen_staan_in_het_logboek():
    from aanvragen.models import Terugbelverzoek
    from tests.factories import GemeenteFactory

    verzoek = Terugbelverzoek.objects.create(
        gemeente=GemeenteFactory(), naam="Ria", telefoon="0612345678"
    )
    for naam in ("Sem", "Tim"):
        Terugbelverzoek.objects.create(gemeente=GemeenteFactory(), naam=naam, telefoon="0612")
    kim = UserFactory(rollen=[Rol.KLANTCONTACT])
    client = PortalClient()
    client.force_login(kim)
    response = client.get(reverse("aanvragen:terugbelverzoeken"))
    assert "Ria" in response.content.decode()
    bekeken = Verwerking.objects.get()  # one entry for the view, not one per request shown
    assert bekeken.naam == "terugbelverzoeken bekeken (3)"
    assert bekeken.object_ref == "terugbelverzoeken"
    assert bekeken.medewerker == kim and bekeken.verwerkingsactiviteit == "klantcontact"
    assert bekeken.trace_id == response["X-Trace-Id"] and bekeken.betrokkene_versleuteld == ""

    client.post(reverse("aanvragen:terugbelverzoeken"), {"verzoek": verzoek.pk})
    client.post(reverse("aanvragen:terugbelverzoeken"), {"verzoek": verzoek.pk})  # a colleague
    assert Verwerking.objects.filter(naam="terugbelverzoek afgehandeld").count() == 1


def test_beheer_ziet_geen_persoonsgegevens_en_elke_inzage_staat_in_het_logboek(admin_client):
    aanvraag, opdracht = _toegekend_met_opdracht()
    pagina = admin_client.get(reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk]))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert aanvraag.referentie in html
    for geheim in (BSN, aanvraag.iban, aanvraag.naam, aanvraag.telefoon):
        assert geheim not in html
    pagina = admin_client.get(
        reverse("admin:uitbetaling_betaalopdracht_change", args=[opdracht.pk])
    )
    assert pagina.status_code == 200 and opdracht.iban not in pagina.content.decode()
    inzage = logboek.van_betrokkene(BSN).filter(verwerkingsactiviteit="beheer")
    assert inzage.count() == 2
    assert {r.aanvraag_id for r in inzage} == {aanvraag.pk}


def test_privacy_officer_zoekt_in_het_logboek_op_bsn_zonder_het_te_zien(admin_client):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    eigen = ingediende_aanvraag(bsn=BSN)
    aanvraag_oppakken(aanvraag_id=eigen.pk, behandelaar=bea)
    ingediende_aanvraag(bsn="100042090")
    zoeken = reverse("admin:portal_verwerking_zoeken")
    assert "Burgerservicenummer" in admin_client.get(zoeken).content.decode()
    fout = admin_client.post(zoeken, {"bsn": "123456789"})
    assert "geen geldig burgerservicenummer" in fout.content.decode()
    terug = admin_client.post(zoeken, {"bsn": BSN})
    assert terug.status_code == 302 and BSN not in terug["Location"]  # never in a URL
    lijst = admin_client.get(terug["Location"])
    assert lijst.status_code == 200
    gevonden = list(lijst.context["cl"].result_list)
    assert gevonden and {r.aanvraag_id for r in gevonden} <= {eigen.pk, None}
    assert BSN not in lijst.content.decode()
    # The search itself is a processing of the inwoner's data, logged like any other.
    assert logboek.van_betrokkene(BSN).filter(naam="logboek doorzocht op BSN").exists()
    detail = admin_client.get(
        reverse("admin:portal_verwerking_change", args=[gevonden[0].pk])
    ).content.decode()
    assert gevonden[0].betrokkene_versleuteld not in detail
    # A colleague without the logboek's view permission gets nothing.
    collega = PortalClient()
    collega.force_login(UserFactory(rollen=[Rol.BEHANDELAAR], is_staff=True))
    assert collega.post(zoeken, {"bsn": BSN}).status_code == 403
