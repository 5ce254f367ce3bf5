"""Fuzzing every form a behandelaar POSTs (issue 8): random and hostile values never give a 500,
and a refused form writes nothing (no partial writes). Hypothesis reports how many inputs ran.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aanvragen.models import Aanvraag, Aanvullingsverzoek, Opschorting, StatusWijziging
from behandeling.models import Contactmoment
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from tests.helpers import WAARDEN, PortalClient
from uitbetaling.models import Betaalopdracht

FORMULIEREN = {
    "behandeling:toekennen": (
        "toekennen",
        [
            "bedrag",
            "motivering",
            "vorm",
            "lening_maandbedrag",
            "lening_termijnen",
            "betalen_aan",
            "leverancier_naam",
            "leverancier_iban",
        ],
    ),
    "behandeling:afwijzen": ("afwijzen", ["motivering"]),
    "behandeling:contactmoment": ("contact", ["kanaal", "met", "samenvatting", "uitkomst"]),
    "behandeling:aanvulling": ("aanvulling", ["vraag", "termijn_werkdagen"]),
    "behandeling:buiten-behandeling": ("buiten", ["motivering"]),
    "behandeling:toewijzen": ("", ["behandelaar"]),
}


def _stand(aanvraag_id: int) -> tuple:
    aanvraag = Aanvraag.objects.get(pk=aanvraag_id)
    return (
        aanvraag.status,
        aanvraag.toegekend_bedrag,
        aanvraag.besluit_motivering,
        aanvraag.behandelaar_id,
        StatusWijziging.objects.filter(aanvraag_id=aanvraag_id).count(),
        Contactmoment.objects.filter(aanvraag_id=aanvraag_id).count(),
        Aanvullingsverzoek.objects.filter(aanvraag_id=aanvraag_id).count(),
        Opschorting.objects.filter(aanvraag_id=aanvraag_id).count(),
        Betaalopdracht.objects.filter(aanvraag_id=aanvraag_id).count(),
    )


@pytest.mark.django_db
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(url=st.sampled_from(sorted(FORMULIEREN)), data=st.data())
def test_gefuzzde_formulieren_van_behandelaars(url, data):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR, Rol.TEAMLEIDER])
    aanvraag = ingediende_aanvraag()
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    client = PortalClient()
    client.force_login(bea)
    prefix, velden = FORMULIEREN[url]
    post = {
        (f"{prefix}-{veld}" if prefix else veld): data.draw(WAARDEN, label=veld)
        for veld in velden
        if data.draw(st.booleans(), label=f"{veld}?")
    }
    voor = _stand(aanvraag.pk)
    response = client.post(reverse(url, args=[aanvraag.pk]), post)
    assert response.status_code in (200, 302, 400, 403, 404, 409, 429), response.status_code
    if response.status_code == 400:
        assert _stand(aanvraag.pk) == voor  # a refused form changed nothing
