"""Tenancy: a colleague sees and touches only the gemeenten they work for.

Voorbeeldstad's colleagues against a full set of Dorpsveen data (aanvragen in every state,
a document, contact, a payment in a batch, a loan, a call-back request): every list and figure
leaves it out, every object answers 404, every service refuses. The URL × role × gemeente
matrix is in tests/test_toegang.py.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from aanvragen.documenten import ontvangstbevestiging_maken
from aanvragen.models import Terugbelverzoek
from aanvragen.status import AanvraagGewijzigd
from behandeling.besluiten import aanvraag_toekennen
from behandeling.contact import contactmoment_vastleggen
from behandeling.werkvoorraad import (
    aanvraag_oppakken,
    aanvraag_toewijzen,
    volgende_aanvraag_claimen,
)
from portal.rollen import Rol
from portal.werkgebied import BuitenWerkgebied
from tests.factories import GemeenteFactory, UserFactory, dorpsveen, ingediende_aanvraag
from tests.helpers import PortalClient
from uitbetaling.afschriften import afschrift_verwerken
from uitbetaling.batches import batch_geweigerd_melden, batch_samenstellen
from uitbetaling.models import OpdrachtStatus
from uitbetaling.opdrachten import betaalopdracht_aanmaken, betaalopdracht_uitgevoerd_melden

pytestmark = pytest.mark.django_db
ANNA = "100042090"  # Anna Jansen, Dorpsveen


@pytest.fixture
def dorpsveen_data(settings, tmp_path):
    """Everything a Dorpsveen colleague would work on."""
    settings.SEPA_OUTBOX_DIR = tmp_path
    dirk = UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=[dorpsveen()])
    open_ = ingediende_aanvraag(bsn=ANNA)
    bezig = ingediende_aanvraag(bsn=ANNA)
    aanvraag_oppakken(aanvraag_id=bezig.pk, behandelaar=dirk)
    contactmoment_vastleggen(
        aanvraag_id=bezig.pk,
        door=dirk,
        kanaal="telefoon",
        met="Anna",
        samenvatting="Gebeld",
        uitkomst="beantwoord",
    )
    lening = ingediende_aanvraag(bsn=ANNA, bedrag=Decimal("400"), inkomen=Decimal("1000"))
    aanvraag_oppakken(aanvraag_id=lening.pk, behandelaar=dirk)
    aanvraag_toekennen(
        aanvraag_id=lening.pk,
        behandelaar=dirk,
        bedrag=Decimal("300"),
        motivering="Lening.",
        vorm="lening",
        lening_maandbedrag=Decimal("25"),
        lening_termijnen=12,
    )
    opdracht = betaalopdracht_aanmaken(aanvraag_id=lening.pk)
    batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id)
    document = ontvangstbevestiging_maken(aanvraag_id=open_.pk)
    terugbellen = Terugbelverzoek.objects.create(
        gemeente=dorpsveen(), naam="Anna Dorpsveen", telefoon="0612345678"
    )
    return {
        "aanvragen": [open_, bezig, lening],
        "opdracht": opdracht,
        "batch": batch,
        "document": document,
        "terugbellen": terugbellen,
    }


def voorbeeldstad(*rollen) -> PortalClient:
    client = PortalClient()
    client.force_login(UserFactory(rollen=list(rollen), gemeenten=[GemeenteFactory()]))
    return client


LIJSTEN = [
    (Rol.BEHANDELAAR, "behandeling:werkvoorraad"),
    (Rol.TEAMLEIDER, "behandeling:werkvoorraad"),
    (Rol.TEAMLEIDER, "behandeling:dashboard"),
    (Rol.FINANCIEN, "uitbetaling:overzicht"),
    (Rol.FINANCIEN, "uitbetaling:leningen-export"),
    (Rol.KLANTCONTACT, "aanvragen:terugbelverzoeken"),
]


@pytest.mark.parametrize(("rol", "naam"), LIJSTEN)
def test_lijsten_tonen_niets_van_een_andere_gemeente(dorpsveen_data, rol, naam):
    pagina = voorbeeldstad(rol).get(reverse(naam))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    for aanvraag in dorpsveen_data["aanvragen"]:
        assert aanvraag.referentie not in html
    assert "Anna" not in html and "Dorpsveen" not in html
    assert dorpsveen_data["batch"].msg_id not in html


def test_dashboard_telt_alleen_eigen_gemeenten(dorpsveen_data):
    from behandeling.selectors import werkvoorraad_tellingen

    eigen = UserFactory(rollen=[Rol.TEAMLEIDER], gemeenten=[GemeenteFactory()])
    beide = UserFactory(rollen=[Rol.TEAMLEIDER], gemeenten=[GemeenteFactory(), dorpsveen()])
    assert werkvoorraad_tellingen(medewerker=eigen)["totaal"] == 0
    assert werkvoorraad_tellingen(medewerker=beide)["totaal"] == 2
    # The cached dashboard figures are per set of gemeenten, never shared across them.
    client = PortalClient()
    client.force_login(beide)
    assert "Dorpsveen" in client.get(reverse("behandeling:dashboard")).content.decode()
    assert (
        "Dorpsveen"
        not in voorbeeldstad(Rol.TEAMLEIDER).get(reverse("behandeling:dashboard")).content.decode()
    )


def test_diensten_weigeren_een_andere_gemeente(dorpsveen_data):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=[GemeenteFactory()])
    fleur = UserFactory(rollen=[Rol.FINANCIEN], gemeenten=[GemeenteFactory()])
    open_, bezig, _lening = dorpsveen_data["aanvragen"]
    with pytest.raises(BuitenWerkgebied):
        aanvraag_oppakken(aanvraag_id=open_.pk, behandelaar=bea)
    with pytest.raises(BuitenWerkgebied):
        contactmoment_vastleggen(
            aanvraag_id=bezig.pk,
            door=bea,
            kanaal="telefoon",
            met="x",
            samenvatting="x",
            uitkomst="anders",
        )
    with pytest.raises(BuitenWerkgebied):
        betaalopdracht_uitgevoerd_melden(opdracht_id=dorpsveen_data["opdracht"].pk, door=fleur)
    with pytest.raises(BuitenWerkgebied):
        batch_geweigerd_melden(batch_id=dorpsveen_data["batch"].pk, door=fleur, reden="x")
    # "Volgende aanvraag" never hands out another gemeente's aanvraag.
    assert volgende_aanvraag_claimen(behandelaar=bea) is None
    open_.refresh_from_db()
    assert open_.status == "ingediend" and open_.behandelaar is None


def test_teamleider_wijst_niet_toe_aan_een_andere_gemeente(dorpsveen_data):
    tessa = UserFactory(rollen=[Rol.TEAMLEIDER], gemeenten=[GemeenteFactory(), dorpsveen()])
    bea = UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=[GemeenteFactory()])
    open_ = dorpsveen_data["aanvragen"][0]
    client = PortalClient()
    client.force_login(tessa)
    pagina = client.get(reverse("behandeling:aanvraag", args=[open_.pk])).content.decode()
    assert f'<option value="{bea.pk}"' not in pagina  # not offered
    antwoord = client.post(
        reverse("behandeling:toewijzen", args=[open_.pk]), {"behandelaar": bea.pk}, follow=True
    )
    assert "Kies een behandelaar uit de lijst." in antwoord.content.decode()
    with pytest.raises(AanvraagGewijzigd):
        aanvraag_toewijzen(aanvraag_id=open_.pk, door=tessa, behandelaar=bea)
    open_.refresh_from_db()
    assert open_.behandelaar is None


def test_afschrift_met_betaling_van_een_andere_gemeente_telt_als_onbekend(dorpsveen_data):
    from tests.uitbetaling.camt_bestanden import Ntry, Tx, camt

    fleur = UserFactory(rollen=[Rol.FINANCIEN], gemeenten=[GemeenteFactory()])
    opdracht = dorpsveen_data["opdracht"]
    uitkomst = afschrift_verwerken(
        xml=camt(Ntry(opdracht.bedrag, txs=[Tx(opdracht.end_to_end_id, opdracht.bedrag)])),
        door=fleur,
    )
    assert uitkomst.tellingen["onbekend"] == 1 and uitkomst.tellingen["uitgevoerd"] == 0
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.IN_BATCH


def test_klantcontact_helpt_geen_beller_van_een_andere_gemeente(dorpsveen_data):
    client = voorbeeldstad(Rol.KLANTCONTACT)
    antwoord = client.post(
        reverse("aanvragen:namens-start"), {"bsn": ANNA, "identiteit_gecontroleerd": "on"}
    )
    assert antwoord.status_code == 400
    assert "woont in een gemeente waarvoor u niet werkt" in antwoord.content.decode()
    # Even with the BSN forced into the session, the wizard and the inwoner's pages stay shut.
    sessie = client.session
    sessie["namens_bsn"] = ANNA
    sessie.save()
    assert client.get(reverse("aanvragen:stap", args=["gegevens"])).status_code == 403
    mijn = client.get(reverse("aanvragen:mijn-aanvragen")).content.decode()
    assert all(a.referentie not in mijn for a in dorpsveen_data["aanvragen"])
    document = dorpsveen_data["document"]
    assert client.get(reverse("aanvragen:document", args=[document.pk])).status_code == 404
    referentie = dorpsveen_data["aanvragen"][0].referentie
    assert client.get(reverse("aanvragen:ontvangen", args=[referentie])).status_code == 404


def test_klantcontact_ziet_alleen_terugbelverzoeken_van_eigen_gemeente(dorpsveen_data):
    client = voorbeeldstad(Rol.KLANTCONTACT)
    verzoek = dorpsveen_data["terugbellen"]
    client.post(reverse("aanvragen:terugbelverzoeken"), {"verzoek": verzoek.pk})
    verzoek.refresh_from_db()
    assert verzoek.afgehandeld_op is None


@pytest.fixture
def beheer_voorbeeldstad():
    client = PortalClient()
    beheer = UserFactory(
        rollen=[Rol.FUNCTIONEEL_BEHEER], is_staff=True, gemeenten=[GemeenteFactory()]
    )
    from django.contrib.auth.models import Permission

    beheer.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["portal", "wegwijzer", "aanvragen", "uitbetaling"]
        )
    )
    client.force_login(beheer)
    return client


def test_beheer_van_een_gemeente_ziet_alleen_die_gemeente(beheer_voorbeeldstad, dorpsveen_data):
    client = beheer_voorbeeldstad
    gemeenten = client.get(reverse("admin:portal_gemeente_changelist")).content.decode()
    assert "Voorbeeldstad" in gemeenten and "Dorpsveen" not in gemeenten
    anders = reverse("admin:portal_gemeente_change", args=[dorpsveen().pk])
    assert client.get(anders, follow=True).redirect_chain  # "does not exist": back to the list
    assert client.get(reverse("admin:portal_gemeente_add")).status_code == 403
    aanvragen = client.get(reverse("admin:aanvragen_aanvraag_changelist")).content.decode()
    assert all(a.referentie not in aanvragen for a in dorpsveen_data["aanvragen"])
    opdracht = dorpsveen_data["opdracht"]
    assert client.get(
        reverse("admin:uitbetaling_betaalopdracht_change", args=[opdracht.pk]), follow=True
    ).redirect_chain
    beleid = client.get(reverse("admin:wegwijzer_beleidsregel_changelist")).content.decode()
    assert "Dorpsveen" not in beleid
    nieuw = client.get(reverse("admin:wegwijzer_beleidsregel_add")).content.decode()
    keuzes = re.findall(r"<option value=\"\d+\">([^<]+)</option>", nieuw)
    assert "Voorbeeldstad" in keuzes and "Dorpsveen" not in keuzes
    logboek = client.get(reverse("admin:portal_verwerking_changelist")).content.decode()
    assert all(f">{a.pk}<" not in logboek for a in dorpsveen_data["aanvragen"])


def test_medewerker_zonder_gemeente_ziet_niets(dorpsveen_data):
    client = PortalClient()
    client.force_login(UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=[]))
    pagina = client.get(reverse("behandeling:werkvoorraad"))
    assert pagina.status_code == 200
    assert all(a.referentie not in pagina.content.decode() for a in dorpsveen_data["aanvragen"])
