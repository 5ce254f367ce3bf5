"""Vraag om aanvulling: the clock stops from the next day and restarts on the answer."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from aanvragen.aanvulling import aanvulling_ontvangen
from aanvragen.models import Aanvraag, Opschorting
from aanvragen.statussen import Status
from behandeling.aanvulling import aanvulling_vragen
from behandeling.werkvoorraad import aanvraag_oppakken
from portal import berichten
from portal.rollen import Rol
from portal.werkdagen import Kalender, Stilstand, servicetermijnen
from tests.factories import UserFactory, ingediende_aanvraag
from tests.helpers import ingelogd

AMS = ZoneInfo("Europe/Amsterdam")


def test_opschorting_over_feestdagen_telt_alleen_werkdagen_voor_de_norm():
    kalender = Kalender(gelijkgestelde_dagen={date(2026, 5, 15): "gelijkgesteld"})
    zonder = servicetermijnen(
        date(2026, 5, 11), norm_werkdagen=5, wettelijke_weken=8, kalender=kalender
    )
    met = servicetermijnen(
        date(2026, 5, 11),
        norm_werkdagen=5,
        wettelijke_weken=8,
        kalender=kalender,
        opschortingen=[Stilstand(date(2026, 5, 13), date(2026, 5, 18))],
    )
    # Without: 12, 13, 18, 19, 20 May (Hemelvaart 14 and the 15th are not werkdagen).
    assert zonder.einddatum_gepland.datum == date(2026, 5, 20)
    # 13 and 18 May were suspended werkdagen: two more.
    assert met.einddatum_gepland.datum == date(2026, 5, 22)
    # The legal term moves by the six calendar days: 6 July + 6 = 12 July (Sunday) → 13 July.
    assert zonder.uiterlijke_einddatum_afdoening.datum == date(2026, 7, 6)
    assert met.uiterlijke_einddatum_afdoening.datum == date(2026, 7, 13)


@pytest.mark.django_db
def test_aanvulling_vragen_en_ontvangen_verschuift_de_termijnen():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag(nu=datetime(2026, 6, 1, 9, 0, tzinfo=AMS))
    assert aanvraag.einddatum_gepland == date(2026, 6, 8)
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    verzoek = aanvulling_vragen(
        aanvraag_id=aanvraag.pk,
        behandelaar=bea,
        vraag="Stuur de offerte.",
        nu=datetime(2026, 6, 3, 10, 0, tzinfo=AMS),
    )
    assert verzoek.termijn_tot == date(2026, 6, 10)
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == Status.WACHT_OP_AANVULLING
    assert Opschorting.objects.get().van == date(2026, 6, 4)

    aanvulling_ontvangen(
        verzoek_id=verzoek.pk,
        bsn=aanvraag.bsn,
        antwoord="Bijgevoegd",
        nu=datetime(2026, 6, 9, 11, 0, tzinfo=AMS),
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING
    assert Opschorting.objects.get().tot == date(2026, 6, 8)
    # 4, 5 and 8 June were suspended werkdagen: due 11 June instead of 8 June.
    assert aanvraag.einddatum_gepland == date(2026, 6, 11)
    # 1 June + 8 weeks = 27 July, + 5 suspended days = Saturday 1 August → Monday 3 August.
    assert aanvraag.uiterlijke_einddatum_afdoening == date(2026, 8, 3)
    naar = list(aanvraag.statuswijzigingen.order_by("pk").values_list("naar", flat=True))
    assert naar == ["ingediend", "in_behandeling", "wacht_op_aanvulling", "in_behandeling"]


@pytest.mark.django_db
def test_inwoner_beantwoordt_in_mijn_aanvragen_en_een_ander_kan_dat_niet(
    GELDIG, django_capture_on_commit_callbacks
):
    from django.core import mail

    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag()
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    with django_capture_on_commit_callbacks(execute=True):
        verzoek = aanvulling_vragen(
            aanvraag_id=aanvraag.pk, behandelaar=bea, vraag="Stuur de offerte van de winkel."
        )
    berichten.bezorgen()  # the outbox, as the worker runs it
    assert "Wij hebben een vraag" in mail.outbox[-1].subject  # the inwoner is told
    assert "offerte" not in mail.outbox[-1].body  # the question itself stays in the portal
    anna = ingelogd("100042090")
    assert anna.get(reverse("aanvragen:aanvulling", args=[verzoek.pk])).status_code == 404
    jan = ingelogd("999993653")
    assert (
        "Stuur de offerte van de winkel."
        in jan.get(reverse("aanvragen:mijn-aanvragen")).content.decode()
    )
    leeg = jan.post(reverse("aanvragen:aanvulling", args=[verzoek.pk]), {"antwoord": ""})
    assert leeg.status_code == 400 and "Schrijf uw antwoord" in leeg.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    jan.post(
        reverse("aanvragen:aanvulling", args=[verzoek.pk]),
        {
            "antwoord": "Hier is de offerte.",
            "bestand": SimpleUploadedFile("offerte.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100),
        },
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING
    assert aanvraag.documenten.filter(soort="aanvulling", content_type="image/png").exists()


@pytest.mark.django_db
def test_termijn_verlopen_dan_buiten_behandeling(client):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag(nu=datetime(2026, 6, 1, 9, 0, tzinfo=AMS))
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvulling_vragen(
        aanvraag_id=aanvraag.pk,
        behandelaar=bea,
        vraag="?",
        nu=datetime(2026, 6, 2, 9, 0, tzinfo=AMS),
    )
    client.force_login(bea)
    with time_machine.travel(datetime(2026, 6, 15, 9, 0, tzinfo=AMS)):
        pagina = client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode()
        assert "De termijn is verlopen" in pagina
        client.post(
            reverse("behandeling:buiten-behandeling", args=[aanvraag.pk]),
            {"buiten-motivering": "Niet op tijd aangevuld.", "bevestigd": "ja"},
        )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.BUITEN_BEHANDELING
    assert Opschorting.objects.get().tot == date(2026, 6, 15)


@pytest.mark.django_db
def test_gesprek_vastleggen_in_een_paar_klikken(client):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag()
    client.force_login(bea)
    fout = client.post(reverse("behandeling:contactmoment", args=[aanvraag.pk]), {})
    assert fout.status_code == 400 and "Schrijf kort wat er besproken is." in fout.content.decode()
    client.post(
        reverse("behandeling:contactmoment", args=[aanvraag.pk]),
        {
            "contact-kanaal": "telefoon",
            "contact-met": "Aanvrager",
            "contact-samenvatting": "Offerte komt morgen.",
            "contact-uitkomst": "beantwoord",
        },
    )
    pagina = client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode()
    assert "Offerte komt morgen." in pagina
    assert aanvraag.contactmomenten.get().door == bea
