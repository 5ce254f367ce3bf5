from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from aanvragen.models import Aanvraag
from behandeling.models import SlaSignaal
from behandeling.signalen import sla_bijwerken, sla_signalen_versturen
from behandeling.werkvoorraad import aanvraag_oppakken, aanvraag_toewijzen
from portal import berichten
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def test_escalatie_eenmaal_en_opnieuw_als_de_termijn_verschuift():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR], email="bea@gemeente.example")
    UserFactory(rollen=[Rol.TEAMLEIDER], email="tessa@gemeente.example")
    aanvraag = ingediende_aanvraag(nu=datetime(2026, 6, 1, 9, 0, tzinfo=AMS))  # due 8 June
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)

    sla_bijwerken(vandaag=date(2026, 6, 5))  # Friday: due next werkdag → risico
    assert sla_signalen_versturen() == 1
    assert sla_signalen_versturen() == 0  # never twice
    berichten.bezorgen()  # the outbox, as the worker runs it after the sweep
    assert mail.outbox[-1].to == ["bea@gemeente.example"]
    assert aanvraag.bsn not in mail.outbox[-1].body

    # A worker outage of days: the next run catches up with one te-laat signal.
    sla_bijwerken(vandaag=date(2026, 6, 12))
    assert sla_signalen_versturen() == 1
    berichten.bezorgen()
    assert mail.outbox[-1].to == ["tessa@gemeente.example"]

    # The deadline moves (e.g. a suspension): the signal is re-armed.
    Aanvraag.objects.filter(pk=aanvraag.pk).update(einddatum_gepland=date(2026, 6, 15))
    sla_bijwerken(vandaag=date(2026, 6, 12))
    assert sla_signalen_versturen() == 1
    assert SlaSignaal.objects.count() == 3
    assert berichten.bezorgen() == 1
    assert len(mail.outbox) == 3


def test_teamleider_wijst_toe_met_geschiedenis():
    tessa = UserFactory(rollen=[Rol.TEAMLEIDER])
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    bas = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag()
    aanvraag_toewijzen(aanvraag_id=aanvraag.pk, door=tessa, behandelaar=bea)
    aanvraag_toewijzen(aanvraag_id=aanvraag.pk, door=tessa, behandelaar=bas)
    aanvraag.refresh_from_db()
    assert aanvraag.behandelaar == bas
    redenen = list(aanvraag.statuswijzigingen.order_by("pk").values_list("reden", flat=True))
    assert redenen[-1].startswith("Toegewezen aan") and len(redenen) == 3
