"""Mijn aanvragen reads its four lists from one query and splits them in Python: the split must
give exactly what each list's own query gives, for every combination of the fields they test,
for the inwoner and for a colleague on the phone (who sees only their gemeenten and never the
partner's consent)."""

import itertools

import pytest
from django.utils import timezone

from aanvragen import selectors
from aanvragen.models import Aanvraag
from aanvragen.statussen import Status
from portal.models import Gemeente, PartnerToestemming
from portal.rollen import Rol
from tests.factories import UserFactory, dorpsveen, ingediende_aanvraag

pytestmark = pytest.mark.django_db
IK, PARTNER, ANDER = "999993653", "999990019", "999990020"


@pytest.fixture
def mengsel():
    ingediende_aanvraag()  # the demo gemeenten and rules
    digid = Gemeente.objects.get(cbs_code="9001")
    digid.partner_toestemming = PartnerToestemming.DIGID
    digid.save()
    anders = dorpsveen()
    nu = timezone.now()
    sjabloon = ingediende_aanvraag()
    kolleeg = UserFactory(rollen=[Rol.KLANTCONTACT])
    combinaties = itertools.product(
        [IK, PARTNER],  # whose aanvraag
        [Status.CONCEPT, Status.INGEDIEND],
        [None, kolleeg],  # typed in on the phone
        [None, nu],  # confirmed with DigiD
        ["", IK, PARTNER, ANDER],  # the partner in the BRP
        [None, nu],  # partner consented
        [digid, anders],
    )
    for n, (bsn, status, namens, bevestigd, partner, toestemming, gemeente) in enumerate(
        combinaties
    ):
        if partner == bsn:
            continue
        sjabloon.pk = None
        sjabloon.referentie = f"BB-T{n:09d}"
        sjabloon.indien_token = None
        sjabloon.bsn, sjabloon.status, sjabloon.gemeente = bsn, status, gemeente
        sjabloon.ingediend_namens_door, sjabloon.inwoner_bevestigd_op = namens, bevestigd
        sjabloon.partner_bsn, sjabloon.partner_toestemming_op = partner, toestemming
        sjabloon.save()
    return kolleeg


def _pks(rijen) -> list[int]:
    return sorted(a.pk for a in rijen)


@pytest.mark.parametrize("wie", [IK, PARTNER, ANDER])
def test_een_query_geeft_dezelfde_lijsten_als_elke_lijst_apart(mengsel, wie):
    assert Aanvraag.objects.count() > 100
    for namens in (None, mengsel):
        if namens is not None:
            namens.werkgemeenten.set([Gemeente.objects.get(cbs_code="9001")])
        lijsten = selectors.mijn_aanvragen_get(bsn=wie, namens=namens)
        assert _pks(lijsten.ingediend) == _pks(
            selectors.aanvraag_list_van_inwoner(bsn=wie, namens=namens)
        )
        assert _pks(lijsten.ter_bevestiging) == _pks(
            selectors.ter_bevestiging_list(bsn=wie, namens=namens)
        )
        assert _pks(lijsten.wacht_op_partner) == _pks(
            selectors.wacht_op_partner_list(bsn=wie, namens=namens)
        )
        assert _pks(lijsten.toestemming_gevraagd) == _pks(
            selectors.toestemming_gevraagd_list(partner_bsn=wie, namens=namens)
        )
        if wie == IK and namens is None:  # the fixture reaches every list
            assert all(
                (
                    lijsten.ingediend,
                    lijsten.ter_bevestiging,
                    lijsten.wacht_op_partner,
                    lijsten.toestemming_gevraagd,
                )
            )
