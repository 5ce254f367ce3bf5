"""Four eyes: above the gemeente's amount a second person approves; never the same person."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from aanvragen.status import AanvraagGewijzigd
from aanvragen.statussen import Status
from behandeling.besluiten import (
    VierOgenFout,
    aanvraag_toekennen,
    toekenning_afkeuren,
    toekenning_goedkeuren,
)
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from uitbetaling.models import Betaalopdracht
from uitbetaling.selectors import voorstel_kenmerk

pytestmark = pytest.mark.django_db


@pytest.fixture
def voorstel():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag(bedrag=Decimal("1500"))
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag = aanvraag_toekennen(
        aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=Decimal("1200.00"), motivering="Tandarts."
    )
    return aanvraag, bea


def test_boven_grens_alleen_voorstel(voorstel):
    aanvraag, bea = voorstel
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING
    assert aanvraag.voorgesteld_bedrag == Decimal("1200.00")
    assert not Betaalopdracht.objects.exists()


def test_zelfde_persoon_kan_niet_goedkeuren(voorstel):
    aanvraag, bea = voorstel
    with pytest.raises(VierOgenFout):
        toekenning_goedkeuren(aanvraag_id=aanvraag.pk, door=bea, kenmerk=voorstel_kenmerk(aanvraag))
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING


def test_geknutselde_post_van_de_voorsteller_helpt_niet(voorstel, client):
    aanvraag, bea = voorstel
    client.force_login(bea)
    response = client.post(
        reverse("behandeling:goedkeuren", args=[aanvraag.pk]),
        {"kenmerk": voorstel_kenmerk(aanvraag)},
        follow=True,
    )
    assert "U had zelf een hand in dit voorstel" in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING


def test_collega_keurt_goed(voorstel, client):
    aanvraag, bea = voorstel
    tessa = UserFactory(rollen=[Rol.TEAMLEIDER], first_name="Tessa", last_name="Teamleider")
    client.force_login(tessa)
    assert aanvraag.referentie in client.get(reverse("behandeling:werkvoorraad")).content.decode()
    pagina = client.get(reverse("behandeling:aanvraag", args=[aanvraag.pk])).content.decode()
    kenmerk = re.search(r'name="kenmerk" value="(\w+)"', pagina).group(1)
    client.post(reverse("behandeling:goedkeuren", args=[aanvraag.pk]), {"kenmerk": kenmerk})
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.TOEGEKEND
    assert aanvraag.toegekend_bedrag == Decimal("1200.00")
    assert aanvraag.voorgesteld_bedrag is None
    laatste = aanvraag.statuswijzigingen.order_by("pk").last()
    assert laatste.door == tessa and "vier ogen" in laatste.reden
    with pytest.raises(AanvraagGewijzigd):  # nothing left to approve
        toekenning_goedkeuren(aanvraag_id=aanvraag.pk, door=tessa, kenmerk=kenmerk)


def test_collega_legt_terug(voorstel):
    aanvraag, bea = voorstel
    bas = UserFactory(rollen=[Rol.BEHANDELAAR])
    toekenning_afkeuren(aanvraag_id=aanvraag.pk, door=bas, reden="Te hoog")
    aanvraag.refresh_from_db()
    assert aanvraag.voorgesteld_bedrag is None
    laatste = aanvraag.statuswijzigingen.order_by("pk").last()
    assert laatste.door == bas and "Te hoog" in laatste.reden  # in the history, not the call log
    assert not aanvraag.contactmomenten.exists()


def test_onder_grens_direct_toegekend():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag()
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag = aanvraag_toekennen(
        aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=Decimal("450.00"), motivering="ok"
    )
    assert aanvraag.status == Status.TOEGEKEND


def test_werkvoorraad_toont_het_voorstel_aan_wie_mag_goedkeuren_en_niet_aan_de_voorsteller(
    voorstel,
):
    from tests.helpers import PortalClient

    aanvraag, bea = voorstel
    tessa = UserFactory(rollen=[Rol.BEHANDELAAR], first_name="Tessa")

    def lijst(medewerker) -> str:
        client = PortalClient()
        client.force_login(medewerker)
        html = client.get(reverse("behandeling:werkvoorraad")).content.decode()
        blok = re.search(r'data-testid="ter-goedkeuring".*?</section>', html, re.S)
        return blok.group(0) if blok else ""

    assert aanvraag.referentie in lijst(tessa)
    assert "Wacht op uw goedkeuring" in lijst(tessa)
    assert lijst(bea) == ""  # the proposer never sees it as theirs to approve
