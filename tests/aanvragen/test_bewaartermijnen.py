"""Retention per the Selectielijst (issue 8): the rules, the dry run and the daily removal."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command

from aanvragen.archief import bewaartermijnen_toepassen, vervallen_list
from aanvragen.bewaartermijnen import vernietigen_vanaf
from aanvragen.models import Aanvraag, Document
from aanvragen.statussen import Status
from behandeling.besluiten import aanvraag_afwijzen, aanvraag_toekennen
from behandeling.contact import contactmoment_vastleggen
from behandeling.models import Contactmoment
from behandeling.werkvoorraad import aanvraag_oppakken
from portal import logboek
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from uitbetaling.models import Betaalopdracht
from uitbetaling.opdrachten import betaalopdracht_aanmaken

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("status", "besloten", "maanden", "vanaf"),
    [
        (Status.UITBETAALD, date(2016, 3, 1), None, date(2026, 3, 1)),  # gift: 10 years
        (Status.TOEGEKEND, date(2016, 3, 1), 24, date(2028, 3, 1)),  # loan: after its term
        (Status.AFGEWEZEN, date(2021, 3, 1), None, date(2026, 3, 1)),  # refused: 5 years
        (Status.BUITEN_BEHANDELING, date(2026, 3, 1), None, date(2026, 4, 12)),  # 42 days
        (Status.IN_BEHANDELING, date(2016, 3, 1), None, None),  # open: never
        (Status.AFGEWEZEN, None, None, None),
    ],
)
def test_bewaartermijnen(status, besloten, maanden, vanaf):
    assert vernietigen_vanaf(status, besloten, maanden) == vanaf


def _besloten(status, op: datetime, behandelaar, **velden):
    aanvraag = ingediende_aanvraag()
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=behandelaar)
    contactmoment_vastleggen(
        aanvraag_id=aanvraag.pk,
        door=behandelaar,
        kanaal="telefoon",
        met="inwoner",
        samenvatting="Jan belde over zijn wasmachine.",
        uitkomst="beantwoord",
    )
    if status == Status.AFGEWEZEN:
        aanvraag_afwijzen(
            aanvraag_id=aanvraag.pk, behandelaar=behandelaar, motivering="Vermogen te hoog."
        )
    else:
        aanvraag_toekennen(
            aanvraag_id=aanvraag.pk,
            behandelaar=behandelaar,
            bedrag=aanvraag.bedrag,
            motivering="ok",
        )
        betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
    Aanvraag.objects.filter(pk=aanvraag.pk).update(besloten_op=op, **velden)
    return aanvraag


@pytest.mark.django_db
def test_proefdraaien_en_toepassen_vernietigt_alleen_wat_verlopen_is():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    oud_afgewezen = _besloten(Status.AFGEWEZEN, datetime(2021, 1, 4, 10, tzinfo=AMS), bea)
    jong_afgewezen = _besloten(Status.AFGEWEZEN, datetime(2022, 6, 1, 10, tzinfo=AMS), bea)
    oude_gift = _besloten(Status.TOEGEKEND, datetime(2015, 5, 1, 10, tzinfo=AMS), bea)
    oude_lening = _besloten(
        Status.TOEGEKEND, datetime(2015, 5, 1, 10, tzinfo=AMS), bea, lening_termijnen=36
    )
    Document.objects.create(
        aanvraag=oud_afgewezen,
        soort="bewijs",
        bestandsnaam="bon.pdf",
        content_type="application/pdf",
        grootte=4,
        sha256="0" * 64,
        bestand=ContentFile(b"%PDF", name="bon.pdf"),
    )
    bestand = Document.objects.get(aanvraag=oud_afgewezen).bestand
    assert bestand.storage.exists(bestand.name)

    uit = StringIO()
    with time_machine.travel(datetime(2026, 11, 28, 12, tzinfo=AMS)):
        call_command("bewaartermijnen", stdout=uit)
    rapport = uit.getvalue()
    assert "Proefdraaien" in rapport and oud_afgewezen.referentie in rapport
    assert oude_gift.referentie in rapport and jong_afgewezen.referentie not in rapport
    assert oude_lening.referentie not in rapport  # its term ends three years later
    assert not Aanvraag.objects.filter(geanonimiseerd_op__isnull=False).exists()  # dry run

    vandaag = date(2026, 11, 28)
    assert {v.aanvraag_id for v in vervallen_list(vandaag=vandaag)} == {
        oud_afgewezen.pk,
        oude_gift.pk,
    }
    uitkomst = bewaartermijnen_toepassen(vandaag=vandaag)
    assert uitkomst["afgewezen"] == 1 and uitkomst["toegekend"] == 1
    oud_afgewezen.refresh_from_db()
    assert oud_afgewezen.bsn == "" and oud_afgewezen.naam == "" and oud_afgewezen.iban == ""
    assert oud_afgewezen.bedrag and oud_afgewezen.doorlooptijd_werkdagen is not None  # figures
    assert not Document.objects.filter(aanvraag=oud_afgewezen).exists()
    assert not bestand.storage.exists(bestand.name)
    assert not Contactmoment.objects.filter(aanvraag=oud_afgewezen).exists()
    assert Betaalopdracht.objects.get(aanvraag=oude_gift).iban == ""
    assert Contactmoment.objects.filter(aanvraag=jong_afgewezen).exists()  # kept
    assert logboek.van_betrokkene("999993653").filter(verwerkingsactiviteit="archiveren").count()
    assert bewaartermijnen_toepassen(vandaag=vandaag)["afgewezen"] == 0  # idempotent


@pytest.mark.django_db
def test_terugbelverzoeken_gaan_na_drie_maanden_weg():
    from aanvragen.models import Terugbelverzoek
    from portal.models import Verwerking
    from tests.factories import GemeenteFactory

    gemeente = GemeenteFactory()
    oud = Terugbelverzoek.objects.create(gemeente=gemeente, naam="Oud", telefoon="0612345678")
    jong = Terugbelverzoek.objects.create(gemeente=gemeente, naam="Jong", telefoon="0612345678")
    Terugbelverzoek.objects.filter(pk=oud.pk).update(
        aangemaakt_op=datetime(2026, 8, 27, 23, 0, tzinfo=AMS)
    )
    Terugbelverzoek.objects.filter(pk=jong.pk).update(
        aangemaakt_op=datetime(2026, 8, 28, 0, 30, tzinfo=AMS)
    )
    uit = StringIO()
    with time_machine.travel(datetime(2026, 11, 28, 12, tzinfo=AMS)):
        call_command("bewaartermijnen", stdout=uit)
    assert "terugbelverzoeken    1" in uit.getvalue()
    assert Terugbelverzoek.objects.count() == 2  # dry run
    assert bewaartermijnen_toepassen(vandaag=date(2026, 11, 28))["terugbelverzoeken"] == 1
    assert list(Terugbelverzoek.objects.values_list("naam", flat=True)) == ["Jong"]
    assert Verwerking.objects.get(naam="terugbelverzoek vernietigd").object_ref == (
        f"terugbelverzoek:{oud.pk}"
    )
