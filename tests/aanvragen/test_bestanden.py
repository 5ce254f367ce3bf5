import pytest
from django.core import mail
from django.urls import reverse

from aanvragen.bestanden import HEIC, JPEG, PDF, PNG, keur, soort_van
from aanvragen.documenten import ontvangstbevestiging_maken
from aanvragen.models import Aanvraag, Document, DocumentSoort
from portal import berichten
from tests.factories import ingediende_aanvraag
from tests.helpers import ingelogd, post_stap, wacht_op

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("kop", "soort"),
    [
        (b"%PDF-1.7\n", PDF),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG),
        (b"\x89PNG\r\n\x1a\n\x00\x00", PNG),
        (b"\x00\x00\x00\x18ftypheic\x00\x00", HEIC),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00", HEIC),
        (b"MZ\x90\x00", None),  # a Windows program named offerte.pdf
        (b"<html><script>", None),
        (b"PK\x03\x04", None),  # zip / docx
        (b"", None),
    ],
)
def test_soort_komt_uit_de_inhoud(kop, soort):
    assert soort_van(kop) == soort


def test_keuring_geeft_b1_meldingen():
    assert keur(b"%PDF-", 0, maximum=MB).fout.startswith("Het bestand is leeg")
    assert "hoogstens 1 MB" in keur(b"%PDF-", 2 * MB, maximum=MB).fout
    assert "PDF" in keur(b"GIF89a", 100, maximum=MB).fout
    assert keur(b"%PDF-", 100, maximum=MB) == keur(b"%PDF-1", 5, maximum=MB)


@pytest.mark.django_db
def test_fout_bestand_geeft_melding_en_houdt_de_rest(GELDIG):
    client = ingelogd()
    post_stap(client, "gegevens", GELDIG["gegevens"])
    response = post_stap(
        client, "kosten", {**GELDIG["kosten"], "bewijs": ("offerte.pdf", b"MZ\x90 not a pdf")}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit soort bestand kunnen we niet openen" in html
    assert "Mijn wasmachine is kapot." in html  # the rest is kept


@pytest.mark.django_db
def test_bewijs_verplicht_volgens_beleid(GELDIG):
    client = ingelogd()
    post_stap(client, "gegevens", GELDIG["gegevens"])
    zonder = {k: v for k, v in GELDIG["kosten"].items() if k != "bewijs"}
    html = post_stap(client, "kosten", zonder).content.decode()
    assert "Voeg dit bewijs toe: offerte of bon van een nieuwe wasmachine." in html


@pytest.mark.django_db
def test_te_groot_bestand(GELDIG, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client = ingelogd()
    post_stap(client, "gegevens", GELDIG["gegevens"])
    groot = ("offerte.pdf", b"%PDF-1.4\n" + b"x" * 2048)
    html = post_stap(client, "kosten", {**GELDIG["kosten"], "bewijs": groot}).content.decode()
    assert "Het bestand is te groot" in html


@pytest.mark.django_db
def test_eerdere_upload_blijft_bij_opnieuw_versturen_en_komt_in_dossier(GELDIG):
    client = ingelogd()
    post_stap(client, "gegevens", GELDIG["gegevens"])
    post_stap(client, "kosten", GELDIG["kosten"])
    zonder = {k: v for k, v in GELDIG["kosten"].items() if k != "bewijs"}
    client.get(reverse("aanvragen:stap", args=["kosten"]) + "?wijzigen=1")
    response = post_stap(client, "kosten", {**zonder, "bedrag": "399"})
    assert response.status_code == 302, response.content.decode()[:3000]
    for stap in ("inkomen", "uitbetaling", "controleren"):
        post_stap(client, stap, GELDIG[stap])
    client.get(reverse("aanvragen:stap", args=["klaar"]))
    aanvraag = Aanvraag.objects.get()
    bewijs = aanvraag.documenten.get(soort=DocumentSoort.BEWIJS)
    assert bewijs.content_type == "application/pdf"
    assert bewijs.bestand.read().startswith(b"%PDF-1.4")
    assert len(bewijs.sha256) == 64
    assert "private" in bewijs.bestand.path and "static" not in bewijs.bestand.path


@pytest.mark.django_db
def test_ontvangstbevestiging_pdf_eenmaal_en_per_mail():
    aanvraag = ingediende_aanvraag()
    eerste = ontvangstbevestiging_maken(aanvraag_id=aanvraag.pk)
    tweede = ontvangstbevestiging_maken(aanvraag_id=aanvraag.pk)
    assert eerste.pk == tweede.pk
    assert eerste.bestand.read().startswith(b"%PDF-")
    assert berichten.bezorgen() == 1
    assert berichten.bezorgen() == 0
    assert len(mail.outbox) == 1
    assert aanvraag.referentie in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][2] == "application/pdf"
    assert aanvraag.bsn not in mail.outbox[0].body


@pytest.mark.django_db
def test_andermans_document_geeft_404():
    van_anna = ingediende_aanvraag(bsn="100042090")
    document = ontvangstbevestiging_maken(aanvraag_id=van_anna.pk)
    jan = ingelogd("999993653")
    assert jan.get(reverse("aanvragen:document", args=[document.pk])).status_code == 404
    anna = ingelogd("100042090")
    response = anna.get(reverse("aanvragen:document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.worker
def test_echte_worker_maakt_ontvangstbevestiging(celery_worker):
    aanvraag = ingediende_aanvraag()  # the service enqueues the task on commit
    document = wacht_op(
        lambda: Document.objects.filter(
            aanvraag=aanvraag, soort=DocumentSoort.ONTVANGSTBEVESTIGING
        ).first(),
        timeout=30,
    )
    assert document.grootte > 1000
