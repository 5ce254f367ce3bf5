import uuid
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User

from aanvragen.brp import FixtureBrp
from aanvragen.gegevens import AanvraagGegevens
from aanvragen.indienen import aanvraag_indienen
from behandeling.aanvulling import aanvulling_vragen
from behandeling.besluiten import aanvraag_afwijzen, aanvraag_buiten_behandeling, aanvraag_toekennen
from portal.models import Gemeente, Regeling
from portal.rollen import Rol
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
        berichten_via="email",
        email_bewezen=True,
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


# Domain states, each reached through the real services (never written by hand), so a test
# starts from what the system itself would have made.


def opgepakte_aanvraag(*, behandelaar=None, **overrides):
    """Submitted and claimed: (aanvraag, behandelaar). A behandelaar of both demo gemeenten is
    made when none is given."""
    from behandeling.werkvoorraad import aanvraag_oppakken

    behandelaar = behandelaar or UserFactory(
        rollen=[Rol.BEHANDELAAR],
        first_name="Bea",
        last_name="Behandelaar",
        gemeenten=beide_gemeenten(),
    )
    aanvraag = ingediende_aanvraag(**overrides)
    aanvraag = aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=behandelaar)
    return aanvraag, behandelaar


def toegekende_aanvraag(*, bedrag=None, behandelaar=None, met_opdracht=True, **overrides):
    """Awarded with the payment instruction the decision makes: the amount the rules compute
    unless `bedrag` (then with a written reason, as any deviation needs).
    `met_opdracht=False`: an award from before the decision made its instruction itself (what
    uitbetaling's guard task looks for)."""
    from aanvragen.selectors import voorstel_get
    from uitbetaling.models import Betaalopdracht

    aanvraag, behandelaar = opgepakte_aanvraag(behandelaar=behandelaar, **overrides)
    berekend = voorstel_get(aanvraag=aanvraag)
    aanvraag = aanvraag_toekennen(
        aanvraag_id=aanvraag.pk,
        behandelaar=behandelaar,
        bedrag=Decimal(bedrag) if bedrag is not None else berekend.bedrag,
        motivering="Zo afgesproken aan de telefoon." if bedrag is not None else "",
    )
    if not met_opdracht:
        Betaalopdracht.objects.filter(aanvraag=aanvraag).delete()
    aanvraag.refresh_from_db()
    return aanvraag


def besloten_aanvraag(status, *, nu=None, **overrides):
    """Decided on `nu` (now unless given) with `status`: toegekend, afgewezen or buiten
    behandeling (after a request for information that went unanswered)."""
    from aanvragen.statussen import Status

    if status == Status.TOEGEKEND:
        return toegekende_aanvraag(**overrides)
    aanvraag, bea = opgepakte_aanvraag(**overrides)
    if status == Status.AFGEWEZEN:
        aanvraag_afwijzen(
            aanvraag_id=aanvraag.pk, behandelaar=bea, motivering="Uw inkomen is te hoog."
        )
    elif status == Status.BUITEN_BEHANDELING:
        aanvulling_vragen(
            aanvraag_id=aanvraag.pk, behandelaar=bea, vraag="Stuur de offerte.", nu=nu
        )
        aanvraag_buiten_behandeling(
            aanvraag_id=aanvraag.pk, behandelaar=bea, motivering="Geen offerte ontvangen.", nu=nu
        )
    else:
        raise ValueError(f"not a decision: {status}")
    aanvraag.refresh_from_db()
    return aanvraag


def betaalopdracht_van_toekenning(bedrag="99.90", bsn="999993653"):
    """The payment instruction of an award."""
    from uitbetaling.models import Betaalopdracht

    return Betaalopdracht.objects.get(aanvraag=toegekende_aanvraag(bedrag=bedrag, bsn=bsn))
