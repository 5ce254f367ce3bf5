import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from aanvragen.brp import FixtureBrp
from aanvragen.indienen import aanvraag_indienen
from aanvragen.models import Aanvraag
from aanvragen.status import status_wijzigen
from aanvragen.statussen import OngeldigeTransitie, Status
from portal.models import Sluitingsdag
from tests.factories import GemeenteFactory, RegelingFactory, gegevens, ingediende_aanvraag

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def test_indienen_zet_referentie_termijnen_en_geschiedenis():
    nu = datetime(2026, 4, 23, 10, 0, tzinfo=AMS)
    aanvraag = ingediende_aanvraag(nu=nu)
    assert aanvraag.status == Status.INGEDIEND
    assert aanvraag.referentie == f"BB-2026-{aanvraag.pk:06d}"
    assert aanvraag.einddatum_gepland == date(2026, 5, 1)  # Koningsdag skipped
    assert aanvraag.uiterlijke_einddatum_afdoening == date(2026, 6, 18)
    assert aanvraag.gemeente.cbs_code == "9001"
    history = list(aanvraag.statuswijzigingen.values_list("van", "naar", "door_omschrijving"))
    assert history == [("concept", "ingediend", "inwoner")]


def test_indienen_laat_de_sluitingsdag_van_de_gemeente_meetellen():
    gemeente = GemeenteFactory()
    Sluitingsdag.objects.create(gemeente=gemeente, datum=date(2026, 6, 3), omschrijving="dicht")
    aanvraag = ingediende_aanvraag(nu=datetime(2026, 6, 1, 9, 0, tzinfo=AMS))
    assert aanvraag.einddatum_gepland == date(2026, 6, 9)


def test_indienen_late_avond_telt_in_amsterdamse_tijd():
    # 23:30 in Amsterdam on Thursday 23 April is 21:30 UTC; the day is still Thursday.
    aanvraag = ingediende_aanvraag(nu=datetime(2026, 4, 23, 23, 30, tzinfo=AMS))
    assert aanvraag.einddatum_gepland == date(2026, 5, 1)


def test_zelfde_token_twee_keer_geeft_een_aanvraag():
    GemeenteFactory()
    token = uuid.uuid4()
    persoon = FixtureBrp().persoon_get("999993653")
    eerste = aanvraag_indienen(
        persoon=persoon, gegevens=gegevens(), regeling=RegelingFactory(), token=token
    )
    tweede = aanvraag_indienen(
        persoon=persoon, gegevens=gegevens(), regeling=RegelingFactory(), token=token
    )
    assert eerste.pk == tweede.pk
    assert Aanvraag.objects.count() == 1


def test_ongeldige_transitie_schrijft_niets():
    aanvraag = ingediende_aanvraag()
    with pytest.raises(OngeldigeTransitie):
        status_wijzigen(aanvraag_id=aanvraag.pk, naar=Status.UITBETAALD, door=None)
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGEDIEND
    assert aanvraag.statuswijzigingen.count() == 1
