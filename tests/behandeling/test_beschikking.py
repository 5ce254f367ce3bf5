"""The beschikking PDF: made once, motivated, with the legal basis and the bezwaarclausule."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from aanvragen.models import Aanvraag, DocumentSoort
from behandeling.beschikking import beschikking_maken, bezwaartermijn_einde
from behandeling.besluiten import aanvraag_afwijzen, aanvraag_toekennen
from behandeling.werkvoorraad import aanvraag_oppakken
from portal import berichten
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from tests.helpers import pdf_tekst, wacht_op

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.django_db
def test_beschikking_toekenning_bevat_besluit_motivering_grondslag_en_bezwaar():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR], first_name="Bea", last_name="Behandelaar")
    aanvraag = ingediende_aanvraag(inkomen=Decimal("1600"), vermogen=Decimal("0"))
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk,
        behandelaar=bea,
        bedrag=Decimal("99.90"),
        motivering="Wasmachine is kapot.",
    )
    Aanvraag.objects.filter(pk=aanvraag.pk).update(
        besloten_op=datetime(2026, 6, 1, 10, 0, tzinfo=AMS)
    )
    document = beschikking_maken(aanvraag_id=aanvraag.pk)
    assert beschikking_maken(aanvraag_id=aanvraag.pk).pk == document.pk  # once
    tekst = pdf_tekst(document)
    assert "Wij geven u € 99,90 bijzondere bijstand." in tekst
    assert "Wasmachine is kapot." in tekst
    assert "€ 350,10" in tekst  # the calculation steps
    assert "Artikel 35 van de Participatiewet" in tekst
    assert "bezwaar maken" in tekst
    # Six weeks from the day after 1 June 2026: 13 July 2026.
    assert bezwaartermijn_einde(date(2026, 6, 1)) == date(2026, 7, 13)
    assert "13 juli 2026" in tekst
    assert "NL91 **** **** **43 00" in tekst  # masked IBAN
    assert aanvraag.referentie in tekst
    # Wmebv: the inwoner opted in (berichten_via="email", proven, in the factory): e-mailed.
    berichten.bezorgen()
    assert any("Besluit over uw aanvraag" in m.subject for m in mail.outbox)


@pytest.mark.django_db
def test_geen_mail_zonder_toestemming_digitale_post():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag(berichten_via="brief")
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag_afwijzen(aanvraag_id=aanvraag.pk, behandelaar=bea, motivering="Te hoog.")
    document = beschikking_maken(aanvraag_id=aanvraag.pk)
    assert "Wij wijzen uw aanvraag af." in pdf_tekst(document)
    berichten.bezorgen()
    assert not [m for m in mail.outbox if "Besluit" in m.subject]


@pytest.mark.worker
def test_besluit_laat_worker_de_beschikking_maken(celery_worker):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag()
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag_afwijzen(aanvraag_id=aanvraag.pk, behandelaar=bea, motivering="Nee.")
    wacht_op(
        lambda: aanvraag.documenten.filter(soort=DocumentSoort.BESCHIKKING).exists(), timeout=30
    )
