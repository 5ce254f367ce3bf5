"""The smaller guarantees of issue 13: no staff page in a cache, a trace id only from a
well-formed traceparent, bidi controls never reverse text, namens answers recorded as such."""

import pytest
from django.urls import reverse

from behandeling.aanvulling import aanvulling_vragen
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.logboek import trace_begin
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from tests.helpers import PortalClient

GOED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


@pytest.mark.parametrize(
    ("header", "overgenomen"),
    [
        (GOED, True),
        (GOED.upper(), False),  # upper case is not W3C
        ("00-00000000000000000000000000000000-00f067aa0ba902b7-01", False),  # zero trace id
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", False),  # zero parent id
        ("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", False),  # version ff
        (GOED + "-extra", False),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", False),
        ("<script>-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", False),
        ("", False),
    ],
)
def test_alleen_een_geldige_traceparent_wordt_overgenomen(header, overgenomen):
    trace_id = trace_begin(header)
    assert (trace_id == "4bf92f3577b34da6a3ce929d0e0e4736") is overgenomen
    assert len(trace_id) == 32 and set(trace_id) <= set("0123456789abcdef")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rol", "naam", "args"),
    [
        (Rol.BEHANDELAAR, "behandeling:werkvoorraad", []),
        (Rol.BEHANDELAAR, "behandeling:aanvraag", ["PK"]),
        (Rol.BEHANDELAAR, "behandeling:document", ["DOC"]),
        (Rol.TEAMLEIDER, "behandeling:dashboard", []),
        (Rol.FINANCIEN, "uitbetaling:overzicht", []),
        (Rol.FINANCIEN, "uitbetaling:leningen-export", []),
        (Rol.KLANTCONTACT, "aanvragen:terugbelverzoeken", []),
        (Rol.KLANTCONTACT, "aanvragen:namens-start", []),
    ],
)
def test_geen_stafpagina_in_een_cache(rol, naam, args):
    from aanvragen.documenten import ontvangstbevestiging_maken

    aanvraag = ingediende_aanvraag()
    waarden = {"PK": aanvraag.pk}
    if "DOC" in args:
        waarden["DOC"] = ontvangstbevestiging_maken(aanvraag_id=aanvraag.pk).pk
    client = PortalClient()
    client.force_login(UserFactory(rollen=[rol]))
    response = client.get(reverse(naam, args=[waarden[a] for a in args]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_openbare_pagina_blijft_cachebaar(client):
    response = client.get(reverse("wegwijzer:start"))
    assert "no-store" not in response.get("Cache-Control", "")


RLO, PDF_ = "\u202e", "\u202c"


def test_bidi_stuurtekens_weg_en_tekens_voor_arabisch_blijven():
    from portal.tekst import zonder_bidi

    assert zonder_bidi(f"Jan {RLO}00 34 61{PDF_} de Vries") == "Jan 00 34 61 de Vries"
    arabisch = "\u0641\u0627\u0637\u0645\u0629\u200f"  # Fatima with a right-to-left mark
    assert zonder_bidi(arabisch) == arabisch


@pytest.mark.django_db
def test_bidi_uit_formulieren_pagina_pdf_en_pain001(settings, tmp_path):
    from decimal import Decimal

    from aanvragen.forms import TerugbelForm
    from behandeling.beschikking import beschikking_maken
    from behandeling.besluiten import aanvraag_toekennen
    from behandeling.werkvoorraad import aanvraag_oppakken
    from portal.models import Gemeente
    from tests.helpers import pdf_tekst
    from uitbetaling.batches import batch_samenstellen
    from uitbetaling.opdrachten import betaalopdracht_aanmaken

    form = TerugbelForm(
        {"gemeente": "", "naam": f"Ria {RLO}nebrof{PDF_}", "telefoon": "0612345678"},
        gemeenten=Gemeente.objects.all(),
    )
    form.is_valid()
    assert form.cleaned_data["naam"] == "Ria nebrof"

    # Data that did not come through a form (an older row, the BRP) is contained on the staff
    # page, and removed before the PDF and the payment file.
    settings.SEPA_OUTBOX_DIR = tmp_path
    aanvraag = ingediende_aanvraag(
        omschrijving=f"Wasmachine {RLO}kapot{PDF_}", rekeninghouder=f"J. {RLO}seirV{PDF_}"
    )
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    client = PortalClient()
    client.force_login(bea)
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    pagina = client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode()
    assert f"<bdi>Wasmachine {RLO}kapot{PDF_}</bdi>" in pagina
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=Decimal("99.90"), motivering="ok"
    )
    assert RLO not in pdf_tekst(beschikking_maken(aanvraag_id=aanvraag.pk))
    opdracht = betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
    batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id)
    assert RLO not in batch.xml and "J. seirV" in batch.xml


@pytest.mark.django_db
def test_antwoord_namens_de_inwoner_staat_zo_in_het_dossier():

    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    kim = UserFactory(rollen=[Rol.KLANTCONTACT], first_name="Kim", last_name="Klant")
    aanvraag = ingediende_aanvraag()
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    verzoek = aanvulling_vragen(aanvraag_id=aanvraag.pk, behandelaar=bea, vraag="Stuur de offerte.")
    client = PortalClient()
    client.force_login(kim)
    sessie = client.session
    sessie["namens_bsn"] = aanvraag.bsn
    sessie.save()
    client.post(reverse("aanvragen:aanvulling", args=[verzoek.pk]), {"antwoord": "Komt morgen."})
    verzoek.refresh_from_db()
    assert verzoek.beantwoord_namens == kim
    laatste = aanvraag.statuswijzigingen.order_by("pk").last()
    assert laatste.door == kim and "namens de inwoner" in laatste.reden
    client.force_login(bea)
    pagina = client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode()
    assert "aan de telefoon ingevuld door Kim Klant" in pagina
