import pytest
from django.urls import reverse

from aanvragen.models import Aanvraag, Berichtkeuze
from aanvragen.statussen import Status
from portal import berichten
from portal.rollen import Rol
from tests.factories import UserFactory
from tests.helpers import als_inwoner, instellen, post_stap

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("GELDIG")]


@pytest.fixture
def inwoner(client):
    return als_inwoner(client)


def test_hele_wizard_geeft_een_ingediende_aanvraag(inwoner, GELDIG):
    for stap, data in GELDIG.items():
        response = post_stap(inwoner, stap, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"].startswith("/aanvragen/stap/klaar/")
    response = inwoner.get(response["Location"])
    aanvraag = Aanvraag.objects.get()
    assert response["Location"] == reverse("aanvragen:ontvangen", args=[aanvraag.referentie])
    assert aanvraag.status == Status.INGEDIEND
    assert str(aanvraag.inkomen) == "1600.00"
    assert str(aanvraag.vermogen) == "120.50"
    assert aanvraag.iban == "NL91ABNA0417164300"
    assert aanvraag.naam == "Jan de Vries"  # from the BRP, not asked
    pagina = inwoner.get(response["Location"]).content.decode()
    assert aanvraag.referentie in pagina


def test_stappen_met_fouten_geven_nederlandse_melding_en_geen_500(inwoner):
    response = post_stap(inwoner, "gegevens", {"telefoon": "abc", "email": "geen-mail"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Fout: " in html
    assert "Vul een telefoonnummer in" in html
    assert "Vul een e-mailadres in zoals naam@voorbeeld.nl." in html
    assert 'aria-invalid="true"' in html
    assert 'value="abc"' in html  # nothing the inwoner typed is lost


@pytest.mark.parametrize(
    ("stap", "data", "melding"),
    [
        (
            "kosten",
            {"omschrijving": "x", "bedrag": "veel", "kostensoort": "999"},
            "Kies een soort kosten uit de lijst.",
        ),
        ("kosten", {"omschrijving": "x", "bedrag": "1,234,5"}, "Vul een bedrag in euro"),
        ("inkomen", {"inkomen": "-5", "vermogen": ""}, "Vul in hoeveel geld u heeft."),
        (
            "uitbetaling",
            {"iban": "NL91ABNA0417164301", "rekeninghouder": "J"},
            "Dit rekeningnummer klopt niet.",
        ),
        ("controleren", {}, "Zet een vinkje"),
    ],
)
def test_foute_invoer_per_stap(inwoner, GELDIG, stap, data, melding):
    for eerdere, geldig in GELDIG.items():
        if eerdere == stap:
            break
        post_stap(inwoner, eerdere, geldig)
    response = post_stap(inwoner, stap, data)
    assert response.status_code == 200
    assert melding in response.content.decode()


def test_dubbel_versturen_geeft_een_aanvraag(inwoner, GELDIG):
    for stap, data in GELDIG.items():
        post_stap(inwoner, stap, data)
    inwoner.get(reverse("aanvragen:stap", args=["klaar"]))
    # The browser resends the last POST (refresh): the wizard is empty and starts again.
    response = post_stap(inwoner, "controleren", GELDIG["controleren"])
    inwoner.get(reverse("aanvragen:stap", args=["klaar"]))
    assert response.status_code in (200, 302)
    assert Aanvraag.objects.count() == 1


def test_wijzigen_vanaf_controle_gaat_terug_naar_controle(inwoner, GELDIG):
    for stap, data in list(GELDIG.items())[:-1]:
        post_stap(inwoner, stap, data)
    assert (
        inwoner.get(reverse("aanvragen:stap", args=["kosten"]) + "?wijzigen=1").status_code == 200
    )
    response = post_stap(inwoner, "kosten", {**GELDIG["kosten"], "bedrag": "399"})
    assert response["Location"] == reverse("aanvragen:stap", args=["controleren"])
    assert "€ 399,00" in inwoner.get(response["Location"]).content.decode()


def test_partner_toestemming_en_inkomen_partner(client, GELDIG):
    als_inwoner(client, bsn="111222333")
    zonder_toestemming = post_stap(client, "gegevens", GELDIG["gegevens"]).content.decode()
    assert "Zonder toestemming van uw partner" in zonder_toestemming  # Pw art. 43
    assert "Mijn partner Youssef El Amrani weet van deze aanvraag" in zonder_toestemming
    post_stap(client, "gegevens", {**GELDIG["gegevens"], "partner_toestemming": "on"})
    post_stap(client, "kosten", GELDIG["kosten"])
    response = post_stap(client, "inkomen", GELDIG["inkomen"])
    assert "Vul het netto inkomen van uw partner in" in response.content.decode()
    post_stap(client, "inkomen", {**GELDIG["inkomen"], "inkomen_partner": "0"})
    for stap in ("uitbetaling", "controleren"):
        post_stap(client, stap, GELDIG[stap])
    client.get(reverse("aanvragen:stap", args=["klaar"]))
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.partner_toestemming_op is not None
    keuze = Berichtkeuze.objects.get(bsn="111222333")  # Wmebv: the choice is recorded
    assert keuze.besluit == "brief" and keuze.bron == "aanvraag"
    assert aanvraag.elektronisch_toestemming_op is None  # letters: no electronic consent


def test_klantcontact_vult_in_namens_beller(client, GELDIG):
    medewerker = UserFactory(rollen=[Rol.KLANTCONTACT])
    client.force_login(medewerker)
    response = client.post(
        reverse("aanvragen:namens-start"), {"bsn": "999993653", "identiteit_gecontroleerd": "on"}
    )
    assert response.status_code == 302
    for stap, data in GELDIG.items():
        post_stap(client, stap, data)
    client.get(reverse("aanvragen:stap", args=["klaar"]))
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.bsn == "999993653"
    assert aanvraag.ingediend_namens_door == medewerker
    assert "bevestigde mondeling" in aanvraag.statuswijzigingen.get().reden
    assert aanvraag.bevestiging == aanvraag.statuswijzigingen.get().reden


def test_namens_met_digid_bevestiging_door_inwoner(
    client, GELDIG, django_capture_on_commit_callbacks
):
    from django.core import mail

    from portal.models import Gemeente
    from tests.helpers import ingelogd

    instellen(Gemeente.objects.filter(cbs_code="9001"), bevestiging_namens="digid")
    GELDIG["gegevens"]["berichten_via"] = "email"  # Jan proved jan@example.org before
    client.force_login(UserFactory(rollen=[Rol.KLANTCONTACT]))
    client.post(
        reverse("aanvragen:namens-start"), {"bsn": "999993653", "identiteit_gecontroleerd": "on"}
    )
    for stap, data in GELDIG.items():
        post_stap(client, stap, data)
    with django_capture_on_commit_callbacks(execute=True):
        klaar = client.get(reverse("aanvragen:stap", args=["klaar"]))
    assert "bevestig de aanvraag" in klaar.content.decode()
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.status == Status.CONCEPT and aanvraag.referentie is None
    berichten.bezorgen()
    assert "Bevestig uw aanvraag" in mail.outbox[-1].subject

    anna = ingelogd("100042090")  # somebody else cannot confirm it
    assert anna.get(reverse("aanvragen:bevestigen", args=[aanvraag.pk])).status_code == 404
    jan = ingelogd("999993653")
    assert "Bekijk en bevestig" in jan.get(reverse("aanvragen:mijn-aanvragen")).content.decode()
    assert (
        "Mijn wasmachine is kapot."
        in jan.get(reverse("aanvragen:bevestigen", args=[aanvraag.pk])).content.decode()
    )
    response = jan.post(reverse("aanvragen:bevestigen", args=[aanvraag.pk]))
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGEDIEND
    assert response["Location"] == reverse("aanvragen:ontvangen", args=[aanvraag.referentie])
    assert "bevestigd door de inwoner met DigiD" in aanvraag.bevestiging


def test_ongeldig_bsn_bij_namens(client):
    client.force_login(UserFactory(rollen=[Rol.KLANTCONTACT]))
    response = client.post(
        reverse("aanvragen:namens-start"), {"bsn": "123456789", "identiteit_gecontroleerd": "on"}
    )
    assert response.status_code == 400
    assert "Dit is geen geldig burgerservicenummer" in response.content.decode()


def test_inwoner_buiten_deelnemende_gemeente(client):
    als_inwoner(client, bsn="100103649")
    response = client.get(reverse("aanvragen:stap", args=["gegevens"]))
    assert response.status_code == 404
    assert "Amsterdam" in response.content.decode()


@pytest.mark.parametrize(("alleenstaande_ouder", "oordeel"), [("nee", "nee"), ("ja", "ja")])
def test_alleenstaande_ouder_mag_meer_spaargeld_hebben(
    inwoner, GELDIG, alleenstaande_ouder, oordeel
):
    """Pw art. 4/34: € 10 000 savings is above the vermogensgrens of an alleenstaande
    (€ 8 000 in the demo rules) and below that of an alleenstaande ouder (€ 16 000)."""
    from aanvragen.selectors import voorstel_get

    for stap, data in GELDIG.items():
        if stap == "inkomen":
            data = {**data, "vermogen": "10.000", "alleenstaande_ouder": alleenstaande_ouder}
        post_stap(inwoner, stap, data)
        if stap == "uitbetaling":
            controle = inwoner.get(reverse("aanvragen:stap", args=["controleren"])).content
            assert "Kind jonger dan 18 bij u thuis" in controle.decode()
    inwoner.get(reverse("aanvragen:stap", args=["klaar"]))
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.alleenstaande_ouder is (alleenstaande_ouder == "ja")
    assert voorstel_get(aanvraag=aanvraag).oordeel == oordeel


def test_zonder_antwoord_over_kinderen_geen_volgende_stap(inwoner, GELDIG):
    post_stap(inwoner, "gegevens", GELDIG["gegevens"])
    post_stap(inwoner, "kosten", GELDIG["kosten"])
    zonder = {k: v for k, v in GELDIG["inkomen"].items() if k != "alleenstaande_ouder"}
    response = post_stap(inwoner, "inkomen", zonder)
    assert response.status_code == 200
    assert "Kies of er een kind jonger dan 18 bij u woont." in response.content.decode()


def test_bewaard_bestand_alleen_genoemd_bij_de_stap_met_de_upload(inwoner, GELDIG):
    post_stap(inwoner, "gegevens", GELDIG["gegevens"])
    post_stap(inwoner, "kosten", GELDIG["kosten"])
    kosten = inwoner.get(reverse("aanvragen:stap", args=["kosten"])).content.decode()
    inkomen = inwoner.get(reverse("aanvragen:stap", args=["inkomen"])).content.decode()
    assert "U heeft al een bestand toegevoegd" in kosten
    assert "U heeft al een bestand toegevoegd" not in inkomen


def test_verzekering_betaalt_een_deel_gaat_mee_naar_het_voorstel(inwoner, GELDIG):
    from decimal import Decimal

    from aanvragen.selectors import voorstel_get

    zonder_bedrag = {**GELDIG["kosten"], "voorliggende_voorziening": "deels"}
    antwoord = post_stap(inwoner, "gegevens", GELDIG["gegevens"])
    antwoord = post_stap(inwoner, "kosten", zonder_bedrag)
    assert "Vul in hoeveel de regeling of verzekering betaalt" in antwoord.content.decode()
    stappen = {**GELDIG, "kosten": {**zonder_bedrag, "vergoed_door_ander": "100"}}
    for stap, data in stappen.items():
        assert post_stap(inwoner, stap, data).status_code == 302
    inwoner.get(reverse("aanvragen:stap", args=["klaar"]))
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.voorliggende_voorziening == "deels"
    assert aanvraag.vergoed_door_ander == Decimal("100.00")
    assert "De kosten zijn € 350,00." in voorstel_get(aanvraag=aanvraag).motivering
