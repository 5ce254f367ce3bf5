"""Pw art. 43: where the gemeente wants it, the partner consents with their own DigiD."""

import pytest
from django.urls import reverse

from aanvragen.models import Aanvraag
from aanvragen.statussen import Status
from portal.models import Gemeente
from portal.rollen import Rol
from tests.factories import UserFactory
from tests.helpers import ingelogd, instellen, post_stap

pytestmark = pytest.mark.django_db


def invullen(client, GELDIG):
    for stap, data in GELDIG.items():
        waarden = {**data, "inkomen_partner": "0"} if stap == "inkomen" else data
        post_stap(client, stap, waarden)
    return client.get(reverse("aanvragen:stap", args=["klaar"]))


def test_partner_geeft_toestemming_met_digid(GELDIG):
    instellen(Gemeente.objects.filter(cbs_code="9001"), partner_toestemming="digid")
    fatima = ingelogd("111222333")
    stap1 = fatima.get(reverse("aanvragen:stap", args=["gegevens"])).content.decode()
    assert "geeft Youssef El Amrani daarna zelf toestemming" in stap1
    assert "partner_toestemming" not in stap1  # no checkbox: the partner decides
    invullen(fatima, GELDIG)
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.status == Status.CONCEPT and aanvraag.partner_bsn == "100025006"
    assert (
        "wacht op toestemming" in fatima.get(reverse("aanvragen:mijn-aanvragen")).content.decode()
    )

    jan = ingelogd("999993653")  # not the partner
    assert jan.get(reverse("aanvragen:partner-toestemming", args=[aanvraag.pk])).status_code == 404
    youssef = ingelogd("100025006")
    assert (
        "Bekijk en geef toestemming"
        in youssef.get(reverse("aanvragen:mijn-aanvragen")).content.decode()
    )
    youssef.post(reverse("aanvragen:partner-toestemming", args=[aanvraag.pk]))
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGEDIEND
    assert aanvraag.partner_toestemming_op is not None
    assert "toestemming met DigiD" in aanvraag.bevestiging


def test_telefoon_en_partner_beide_met_digid(client, GELDIG):
    instellen(
        Gemeente.objects.filter(cbs_code="9001"),
        partner_toestemming="digid",
        bevestiging_namens="digid",
    )
    client.force_login(UserFactory(rollen=[Rol.KLANTCONTACT]))
    client.post(
        reverse("aanvragen:namens-start"), {"bsn": "111222333", "identiteit_gecontroleerd": "on"}
    )
    invullen(client, GELDIG)
    aanvraag = Aanvraag.objects.get()
    ingelogd("100025006").post(reverse("aanvragen:partner-toestemming", args=[aanvraag.pk]))
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.CONCEPT  # the applicant still has to confirm
    ingelogd("111222333").post(reverse("aanvragen:bevestigen", args=[aanvraag.pk]))
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGEDIEND
