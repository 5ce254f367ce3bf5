"""Fuzzing the form POSTs the other fuzz tests do not cover (issue 8: "every form POST"): the
public forms (call-back, DigiD simulator, staff login), the inwoner's answers and consents, the
telephone channel, financiën, four eyes and the second factor. Random and hostile values and
guessed ids never give a 500, and a form shown again with errors ("Fout: " in the title)
wrote nothing.

With tests/aanvragen/test_robuust.py (wizard), tests/wegwijzer/test_check.py (check) and
tests/behandeling/test_fuzz_formulieren.py (behandelaar forms) every form POST is fuzzed.
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aanvragen.models import (
    Aanvraag,
    Aanvullingsverzoek,
    Document,
    StatusWijziging,
    Terugbelverzoek,
)
from behandeling.models import Contactmoment
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from tests.helpers import WAARDEN, PortalClient, als_inwoner
from uitbetaling.models import Betaalbatch, Betaalopdracht

INWONER, ANONIEM, ONGEVERIFIEERD = "inwoner", "anoniem", "ongeverifieerd"
FORMULIEREN = [
    # (url name, who posts, takes an id, fields)
    ("aanvragen:terugbellen", ANONIEM, False, ["gemeente", "naam", "telefoon", "tijdvak", "vraag"]),
    ("digid-simulator", ANONIEM, False, ["bsn", "niveau", "next"]),
    ("medewerker-inloggen", ANONIEM, False, ["username", "password", "next"]),
    ("medewerker-tweede-stap", ONGEVERIFIEERD, False, ["code"]),
    ("aanvragen:van-check", INWONER, False, ["staat"]),
    ("aanvragen:aanvulling", INWONER, True, ["antwoord", "bestand"]),
    ("aanvragen:bevestigen", INWONER, True, []),
    ("aanvragen:partner-toestemming", INWONER, True, []),
    ("aanvragen:namens-start", Rol.KLANTCONTACT, False, ["bsn", "identiteit_gecontroleerd"]),
    ("aanvragen:terugbelverzoeken", Rol.KLANTCONTACT, False, ["verzoek"]),
    ("uitbetaling:geweigerd", Rol.FINANCIEN, True, ["reden"]),
    ("uitbetaling:uitgevoerd", Rol.FINANCIEN, True, []),
    ("uitbetaling:batch-geweigerd", Rol.FINANCIEN, True, ["reden"]),
    ("uitbetaling:batch-uitgevoerd", Rol.FINANCIEN, True, []),
    ("uitbetaling:afschrift", Rol.FINANCIEN, False, ["afschrift"]),
    ("behandeling:volgende", Rol.BEHANDELAAR, False, []),
    ("behandeling:oppakken", Rol.BEHANDELAAR, True, []),
    ("behandeling:vrijgeven", Rol.BEHANDELAAR, True, []),
    ("behandeling:goedkeuren", Rol.TEAMLEIDER, True, []),
    ("behandeling:afkeuren", Rol.TEAMLEIDER, True, ["reden"]),
    ("behandeling:betaling-opnieuw", Rol.BEHANDELAAR, True, ["iban", "rekeninghouder", "reden"]),
    (
        "behandeling:rekening-beoordelen",
        Rol.TEAMLEIDER,
        True,
        ["kenmerk", "besluit", "toelichting"],
    ),
]
TOEGESTAAN = {200, 302, 400, 403, 404, 405, 409, 429}


def _stand() -> tuple:
    return tuple(
        model.objects.count()
        for model in (
            Aanvraag,
            StatusWijziging,
            Document,
            Terugbelverzoek,
            Contactmoment,
            Aanvullingsverzoek,
            Betaalopdracht,
            Betaalbatch,
        )
    ) + tuple(Aanvraag.objects.order_by("pk").values_list("status", flat=True))


def _client(wie, aanvraag):
    if wie == ANONIEM:
        return Client()
    if wie == INWONER:
        return als_inwoner(Client(), bsn=aanvraag.bsn)
    if wie == ONGEVERIFIEERD:  # password given, second factor not yet
        client = Client()
        client.force_login(UserFactory(rollen=[Rol.BEHANDELAAR]))
        return client
    client = PortalClient()
    client.force_login(UserFactory(rollen=[wie]))
    return client


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(formulier=st.sampled_from(FORMULIEREN), data=st.data())
def test_gefuzzde_overige_formulieren(formulier, data):
    naam, wie, met_id, velden = formulier
    aanvraag = ingediende_aanvraag()
    client = _client(wie, aanvraag)
    post = {
        veld: data.draw(WAARDEN, label=veld)
        for veld in velden
        if data.draw(st.booleans(), label=f"{veld}?")
    }
    args = [data.draw(st.sampled_from([aanvraag.pk, 0, 2**31 - 1]), label="id")] if met_id else []
    voor = _stand()
    response = client.post(reverse(naam, args=args), post)
    assert response.status_code in TOEGESTAAN, (naam, response.status_code)
    if b"<title>Fout: " in response.content:
        assert _stand() == voor, naam  # a form shown again with errors wrote nothing
