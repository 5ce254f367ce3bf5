"""Two people acting on one aanvraag at once, on real PostgreSQL row locks."""

import pytest
from django.db import connection

from aanvragen.status import AanvraagGewijzigd
from aanvragen.statussen import Status
from behandeling.besluiten import aanvraag_afwijzen
from behandeling.werkvoorraad import aanvraag_oppakken, volgende_aanvraag_claimen
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from tests.helpers import gelijktijdig

pytestmark = pytest.mark.django_db(transaction=True)


def test_twee_behandelaars_pakken_dezelfde_aanvraag_een_wint():
    assert connection.vendor == "postgresql"
    aanvraag = ingediende_aanvraag()
    bea, bas = UserFactory(rollen=[Rol.BEHANDELAAR]), UserFactory(rollen=[Rol.BEHANDELAAR])

    resultaten, fouten = gelijktijdig(
        lambda: aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea),
        lambda: aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bas),
    )

    assert len(resultaten) == 1
    assert len(fouten) == 1 and isinstance(fouten[0], AanvraagGewijzigd)
    assert "collega" in str(fouten[0])
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING
    assert aanvraag.behandelaar == resultaten[0].behandelaar
    naar = list(aanvraag.statuswijzigingen.values_list("naar", flat=True))
    assert naar == ["ingediend", "in_behandeling"]


def test_toekennen_en_afwijzen_tegelijk_een_besluit():
    aanvraag = ingediende_aanvraag()
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)

    resultaten, fouten = gelijktijdig(
        lambda: aanvraag_afwijzen(aanvraag_id=aanvraag.pk, behandelaar=bea, motivering="nee"),
        lambda: aanvraag_afwijzen(
            aanvraag_id=aanvraag.pk, behandelaar=bea, motivering="nee, dubbel geklikt"
        ),
    )
    assert len(resultaten) == 1 and len(fouten) == 1
    aanvraag.refresh_from_db()
    assert aanvraag.statuswijzigingen.filter(naar=Status.AFGEWEZEN).count() == 1


def test_tien_behandelaars_volgende_aanvraag_krijgen_tien_verschillende():
    aanvragen = [ingediende_aanvraag() for _ in range(12)]
    behandelaars = [UserFactory(rollen=[Rol.BEHANDELAAR]) for _ in range(10)]

    resultaten, fouten = gelijktijdig(
        *[(lambda b=b: volgende_aanvraag_claimen(behandelaar=b)) for b in behandelaars]
    )

    assert fouten == []
    geclaimd = [a.pk for a in resultaten if a is not None]
    assert len(geclaimd) == 10
    assert len(set(geclaimd)) == 10
    assert set(geclaimd) <= {a.pk for a in aanvragen}
