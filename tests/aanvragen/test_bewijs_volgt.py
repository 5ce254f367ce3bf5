"""'Bewijs volgt': an applicant (or a caller on the phone) may send without the proof; the
aanvraag is complete and waits for it, the behandelaar sees it and asks with the ordinary
aanvulling, the inwoner uploads it later from Mijn aanvragen."""

import pytest
from django.urls import reverse

from aanvragen.documenten import BewijsNietMeerNodig, bewijs_nasturen
from aanvragen.models import Aanvraag, DocumentSoort
from aanvragen.statussen import Status
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.rollen import Rol
from tests.factories import UserFactory
from tests.helpers import ingelogd, post_stap

pytestmark = pytest.mark.django_db

PDF = ("bon.pdf", b"%PDF-1.4\n% bon wasmachine\n%%EOF\n")


def zonder_bewijs(GELDIG, **extra):
    stappen = {**GELDIG, "kosten": {k: v for k, v in GELDIG["kosten"].items() if k != "bewijs"}}
    stappen["kosten"].update(extra)
    return stappen


def indienen(client, stappen):
    for stap, data in stappen.items():
        antwoord = post_stap(client, stap, data)
        assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    client.get(reverse("aanvragen:stap", args=["klaar"]))
    return Aanvraag.objects.get()


def test_zonder_bewijs_en_zonder_keuze_zegt_de_melding_wat_kan(GELDIG):
    client = ingelogd()
    post_stap(client, "gegevens", GELDIG["gegevens"])
    html = post_stap(client, "kosten", zonder_bewijs(GELDIG)["kosten"]).content.decode()
    assert "Heeft u het nu niet? Kies dan" in html
    assert "Ik stuur het bewijs later" in html


def test_inwoner_stuurt_bewijs_later_via_mijn_aanvragen(GELDIG):
    client = ingelogd()
    aanvraag = indienen(client, zonder_bewijs(GELDIG, bewijs_later="on"))
    assert aanvraag.status == Status.INGEDIEND and aanvraag.bewijs_volgt
    assert not aanvraag.documenten.filter(soort=DocumentSoort.BEWIJS).exists()

    mijn = client.get(reverse("aanvragen:mijn-aanvragen")).content.decode()
    assert "U stuurt ons nog de offerte of bon." in mijn
    url = reverse("aanvragen:bewijs", args=[aanvraag.pk])
    assert "offerte of bon van een nieuwe wasmachine" in client.get(url).content.decode()
    leeg = client.post(url, {})
    assert leeg.status_code == 400 and "Kies het bestand" in leeg.content.decode()
    client.post(url, {"bestand": _bestand()})
    aanvraag.refresh_from_db()
    assert not aanvraag.bewijs_volgt
    assert aanvraag.documenten.filter(soort=DocumentSoort.BEWIJS).count() == 1
    assert "Bewijs nagestuurd" in aanvraag.statuswijzigingen.order_by("pk").last().reden
    assert client.get(url).status_code == 404  # nothing to send any more
    with pytest.raises(BewijsNietMeerNodig):
        bewijs_nasturen(aanvraag_id=aanvraag.pk, bsn=aanvraag.bsn, bestand=_bestand())


def test_een_ander_kan_geen_bewijs_bij_mijn_aanvraag_sturen(GELDIG):
    aanvraag = indienen(ingelogd(), zonder_bewijs(GELDIG, bewijs_later="on"))
    ander = ingelogd(bsn="100042090")
    assert ander.get(reverse("aanvragen:bewijs", args=[aanvraag.pk])).status_code == 404
    assert (
        ander.post(
            reverse("aanvragen:bewijs", args=[aanvraag.pk]), {"bestand": _bestand()}
        ).status_code
        == 404
    )
    with pytest.raises(BewijsNietMeerNodig):
        bewijs_nasturen(aanvraag_id=aanvraag.pk, bsn="100042090", bestand=_bestand())


def test_telefoon_vangnet_kan_een_wasmachine_afronden_zonder_bestand(client, GELDIG):
    medewerker = UserFactory(rollen=[Rol.KLANTCONTACT])
    client.force_login(medewerker)
    client.post(
        reverse("aanvragen:namens-start"), {"bsn": "999993653", "identiteit_gecontroleerd": "on"}
    )
    kosten = client.get(reverse("aanvragen:stap", args=["kosten"])).content.decode()
    assert "De beller stuurt het bewijs later" in kosten
    aanvraag = indienen(client, zonder_bewijs(GELDIG, bewijs_later="on"))
    assert aanvraag.status == Status.INGEDIEND and aanvraag.bewijs_volgt
    assert aanvraag.ingediend_namens_door == medewerker


def test_behandelaar_ziet_het_en_vraagt_erom_met_een_aanvulling(client, GELDIG):
    inwoner = ingelogd()
    aanvraag = indienen(inwoner, zonder_bewijs(GELDIG, bewijs_later="on"))
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    staf = client
    staf.force_login(bea)
    lijst = staf.get(reverse("behandeling:werkvoorraad")).content.decode()
    assert "bewijs volgt" in lijst
    pagina = staf.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode()
    assert 'data-testid="bewijs-volgt"' in pagina
    assert "Wilt u ons nog sturen: offerte of bon van een nieuwe wasmachine?" in pagina
    staf.post(
        reverse("behandeling:aanvulling", args=[aanvraag.pk]),
        {"aanvulling-vraag": "Wilt u ons nog de bon sturen?", "aanvulling-termijn_werkdagen": "5"},
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.WACHT_OP_AANVULLING
    # The inwoner's "Bewijs sturen" goes to the question, so the clock restarts on the answer.
    verzoek = aanvraag.aanvullingsverzoeken.get()
    bewijs_url = reverse("aanvragen:bewijs", args=[aanvraag.pk])
    assert inwoner.get(bewijs_url)["Location"] == reverse("aanvragen:aanvulling", args=[verzoek.pk])
    inwoner.post(
        reverse("aanvragen:aanvulling", args=[verzoek.pk]),
        {"antwoord": "Hier is de bon", "bestand": _bestand()},
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING and not aanvraag.bewijs_volgt


def _bestand():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(PDF[0], PDF[1], content_type="application/pdf")
