import uuid
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User

from aanvragen.brp import FixtureBrp
from aanvragen.services import AanvraagGegevens, aanvraag_indienen
from portal.models import Gemeente, Regeling
from wegwijzer.models import Kostensoort
from wegwijzer.voorbeeldbeleid import voorbeeldbeleid_aanmaken


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ["cbs_code"]

    naam = "Voorbeeldstad"
    cbs_code = "9001"
    telefoon = "14 0123"
    rekening_iban = "NL14BNGH0285001234"
    rekening_bic = "BNGHNL2G"
    rekening_naam = "Gemeente Voorbeeldstad"
    postadres = "Postbus 1000\n9001 AA Voorbeeldstad"
    bezwaar_url = "https://www.voorbeeldstad.example/bezwaar"
    website = "https://www.voorbeeldstad.example/bijzondere-bijstand"


class RegelingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regeling
        django_get_or_create = ["slug"]

    slug = "bijzondere-bijstand"
    naam = "Bijzondere bijstand"
    wettelijke_grondslag = "Participatiewet artikel 35"


class KostensoortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kostensoort
        django_get_or_create = ["slug"]

    slug = "wasmachine"
    naam = "Wasmachine"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Sequence(lambda n: f"Mede{n}")
    last_name = "Werker"
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord")

    @factory.post_generation
    def rollen(self, create, extracted, **kwargs):
        for rol in extracted or []:
            self.groups.add(Group.objects.get_or_create(name=str(rol))[0])
        self.save()

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        """The gemeenten this colleague works for: Voorbeeldstad unless given (`[]`: none)."""
        for gemeente in [GemeenteFactory()] if extracted is None else extracted:
            gemeente.medewerkers.add(self)


def gegevens(**overrides) -> AanvraagGegevens:
    waarden = dict(
        telefoon="06 12345678",
        email="jan@example.org",
        elektronisch_communiceren=True,
        kostensoort=KostensoortFactory(),
        omschrijving="Wasmachine kapot",
        bedrag=Decimal("450.00"),
        inkomen=Decimal("1600.00"),
        inkomen_partner=None,
        vermogen=Decimal("100.00"),
        iban="NL91ABNA0417164300",
        rekeninghouder="J. de Vries",
    )
    waarden.update(overrides)
    return AanvraagGegevens(**waarden)


def dorpsveen() -> Gemeente:
    return GemeenteFactory(
        naam="Dorpsveen",
        cbs_code="9002",
        rekening_iban="NL62BNGH0285009876",
        postadres="Postbus 20\n9002 BB Dorpsveen",
        bezwaar_url="https://www.dorpsveen.example/bezwaar",
        website="https://www.dorpsveen.example/bijzondere-bijstand",
    )


def beide_gemeenten() -> list[Gemeente]:
    """For a colleague of a shared service that works for both demo gemeenten."""
    return [GemeenteFactory(), dorpsveen()]


def voorbeeldbeleid():
    """Both demo gemeenten with their example policies (idempotent); returns Voorbeeldstad's."""
    regeling = RegelingFactory()
    voorbeeldbeleid_aanmaken(gemeente=dorpsveen(), regeling=regeling, model="zoetermeer")
    return voorbeeldbeleid_aanmaken(gemeente=GemeenteFactory(), regeling=regeling)


def ingediende_aanvraag(*, bsn: str = "999993653", nu=None, **overrides):
    """An aanvraag submitted through the real service, as the wizard would."""
    voorbeeldbeleid()
    return aanvraag_indienen(
        persoon=FixtureBrp().persoon_get(bsn),
        gegevens=gegevens(**overrides),
        regeling=RegelingFactory(),
        token=uuid.uuid4(),
        nu=nu,
    )
