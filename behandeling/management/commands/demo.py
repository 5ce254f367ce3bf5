"""Load demo data: gemeenten, the 2026 national amounts, kostensoorten, staff accounts and a few
aanvragen in each status. It lives in the top layer (behandeling) because it fills every app.
Idempotent: running it again changes nothing that exists.

Demo only: the passwords below are printed and in the README.
"""

import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group, Permission, User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from aanvragen.brp import FixtureBrp
from aanvragen.gegevens import AanvraagGegevens
from aanvragen.indienen import aanvraag_indienen
from aanvragen.models import Aanvraag
from aanvragen.statussen import Status
from behandeling.besluiten import aanvraag_afwijzen, aanvraag_toekennen
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.models import Gemeente, Regeling, Sluitingsdag
from portal.rollen import Rol
from uitbetaling.bankdagen import is_bankdag
from uitbetaling.batches import batch_afleveren, batch_samenstellen
from uitbetaling.opdrachten import betaalopdracht_aanmaken, betaalopdracht_uitgevoerd_melden
from wegwijzer.models import Kostensoort
from wegwijzer.voorbeeldbeleid import voorbeeldbeleid_aanmaken

DEMO_WACHTWOORD = "Snelservice-demo-2026"
VOORBEELDSTAD, DORPSVEEN = "9001", "9002"
ACCOUNTS = [  # (username, first name, last name, roles, gemeenten by CBS code)
    ("behandelaar", "Bea", "Behandelaar", [Rol.BEHANDELAAR], [VOORBEELDSTAD]),
    ("behandelaar2", "Bas", "Behandelaar", [Rol.BEHANDELAAR], [VOORBEELDSTAD]),
    ("behandelaar-dorpsveen", "Dirk", "Dorpsveen", [Rol.BEHANDELAAR], [DORPSVEEN]),
    ("teamleider", "Tessa", "Teamleider", [Rol.TEAMLEIDER], [VOORBEELDSTAD, DORPSVEEN]),
    ("klantcontact", "Kees", "Klantcontact", [Rol.KLANTCONTACT], [VOORBEELDSTAD]),
    ("financien", "Fleur", "Financiën", [Rol.FINANCIEN], [VOORBEELDSTAD]),
    ("beheer", "Bram", "Beheer", [Rol.FUNCTIONEEL_BEHEER], [VOORBEELDSTAD, DORPSVEEN]),
]


def demo_token(naam: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"snelservice-demo/{naam}")


class Command(BaseCommand):
    help = "Load demo data (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            regeling = self._regeling()
            self._gemeenten(regeling)
            gebruikers = self._accounts()
        self._aanvragen(regeling, gebruikers)
        self.stdout.write(self.style.SUCCESS("Demodata staat klaar."))
        self.stdout.write("Demo-accounts (alleen voor de demo!):")
        for gebruikersnaam, *_rest in ACCOUNTS:
            self.stdout.write(f"  medewerker {gebruikersnaam:<13} wachtwoord {DEMO_WACHTWOORD}")
        self.stdout.write(
            "  Tweede stap: scan de QR-code met een app voor inlogcodes, of vraag de code op met"
            " `make demo-code WIE=<gebruikersnaam>`."
        )
        self.stdout.write(
            "  inwoner (DigiD-simulator): BSN 999993653 (Jan de Vries, Voorbeeldstad),"
            " 111222333 (met partner), 100042090 (Dorpsveen); BRP-varianten: 100200011"
            " (gescheiden), 100200035 (partner zonder BSN), 100200047 (woonboot, alleen"
            " geboortemaand), 100200059 (adres in onderzoek)"
        )

    def _regeling(self) -> Regeling:
        regeling, _ = Regeling.objects.get_or_create(
            slug="bijzondere-bijstand",
            defaults={
                "naam": "Bijzondere bijstand",
                "wettelijke_grondslag": "Participatiewet artikel 35",
            },
        )
        return regeling

    def _gemeenten(self, regeling: Regeling) -> None:
        voorbeeldstad, _ = Gemeente.objects.get_or_create(
            cbs_code="9001",
            defaults={
                "naam": "Voorbeeldstad",
                "telefoon": "14 0123",
                "rekening_iban": "NL14BNGH0285001234",
                "rekening_bic": "BNGHNL2G",
                "rekening_naam": "Gemeente Voorbeeldstad",
                "postadres": "Postbus 1000\n9001 AA Voorbeeldstad",
                "bezwaar_url": "https://www.voorbeeldstad.example/bezwaar",
                "website": "https://www.voorbeeldstad.example/bijzondere-bijstand",
            },
        )
        Gemeente.objects.get_or_create(
            cbs_code="9002",
            defaults={
                "naam": "Dorpsveen",
                "telefoon": "14 0456",
                "rekening_iban": "NL62BNGH0285009876",
                "rekening_bic": "BNGHNL2G",
                "rekening_naam": "Gemeente Dorpsveen",
                "postadres": "Postbus 20\n9002 BB Dorpsveen",
                "bezwaar_url": "https://www.dorpsveen.example/bezwaar",
                "website": "https://www.dorpsveen.example/bijzondere-bijstand",
            },
        )
        voorbeeldbeleid_aanmaken(gemeente=voorbeeldstad, regeling=regeling, model="rotterdam")
        voorbeeldbeleid_aanmaken(
            gemeente=Gemeente.objects.get(cbs_code="9002"), regeling=regeling, model="zoetermeer"
        )
        Sluitingsdag.objects.get_or_create(
            gemeente=voorbeeldstad,
            datum=date(2026, 12, 31),
            defaults={"omschrijving": "Oudejaarsdag (gesloten)"},
        )

    def _accounts(self) -> dict[str, User]:
        groepen = {rol: Group.objects.get_or_create(name=rol.value)[0] for rol in Rol}
        beheer_perms = Permission.objects.filter(
            content_type__app_label__in=["wegwijzer", "portal"]
        )
        groepen[Rol.FUNCTIONEEL_BEHEER].permissions.set(beheer_perms)
        gebruikers = {}
        for gebruikersnaam, voornaam, achternaam, rollen, gemeenten in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=gebruikersnaam,
                defaults={
                    "first_name": voornaam,
                    "last_name": achternaam,
                    "is_staff": Rol.FUNCTIONEEL_BEHEER in rollen,
                },
            )
            if created:
                user.set_password(DEMO_WACHTWOORD)
                user.save()
            user.groups.add(*(groepen[rol] for rol in rollen))
            user.werkgemeenten.add(*Gemeente.objects.filter(cbs_code__in=gemeenten))
            gebruikers[gebruikersnaam] = user
        return gebruikers

    def _aanvragen(self, regeling: Regeling, gebruikers: dict[str, User]) -> None:
        brp = FixtureBrp()
        wasmachine = Kostensoort.objects.get(slug="wasmachine")
        bril = Kostensoort.objects.get(slug="bril")
        behandelaar = gebruikers["behandelaar"]
        plan = [  # (name, bsn, kostensoort, amount, final status)
            ("nieuw-1", "999993653", wasmachine, "450.00", Status.INGEDIEND),
            ("nieuw-2", "111222333", bril, "189.95", Status.INGEDIEND),
            ("nieuw-3", "100042090", wasmachine, "399.00", Status.INGEDIEND),
            ("bezig", "100042090", bril, "210.00", Status.IN_BEHANDELING),
            ("toegekend", "111222333", wasmachine, "475.00", Status.TOEGEKEND),
            ("afgewezen", "999993653", bril, "320.00", Status.AFGEWEZEN),
            ("uitbetaald", "999993653", wasmachine, "429.00", Status.UITBETAALD),
        ]
        for naam, bsn, kostensoort, bedrag, doel in plan:
            persoon = brp.persoon_get(bsn)
            aanvraag = aanvraag_indienen(
                persoon=persoon,
                regeling=regeling,
                token=demo_token(naam),
                duur_seconden=420 + 60 * len(naam),
                gegevens=AanvraagGegevens(
                    telefoon="06 12345678",
                    email="",
                    berichten_via="brief",  # no address: Mijn aanvragen and letters
                    kostensoort=kostensoort,
                    omschrijving=f"Demo: {kostensoort.naam.lower()}",
                    bedrag=Decimal(bedrag),
                    inkomen=Decimal("1250.00"),
                    inkomen_partner=Decimal("0.00") if persoon.heeft_partner else None,
                    partner_toestemming=persoon.heeft_partner,
                    vermogen=Decimal("300.00"),
                    iban="NL91ABNA0417164300",
                    rekeninghouder=persoon.naam,
                ),
            )
            # Each gemeente's own colleagues handle its aanvragen (Dorpsveen has no financiën
            # colleague in the demo: its payments stay with the bank's import).
            dorpsveen = aanvraag.gemeente.cbs_code == DORPSVEEN
            self._naar_status(
                aanvraag,
                doel,
                gebruikers["behandelaar-dorpsveen"] if dorpsveen else behandelaar,
                gebruikers["financien"],
            )

    def _naar_status(self, aanvraag: Aanvraag, doel: Status, behandelaar, financien) -> None:
        if aanvraag.status != Status.INGEDIEND or doel == Status.INGEDIEND:
            return  # already moved on earlier run
        aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=behandelaar)
        if doel == Status.AFGEWEZEN:
            aanvraag_afwijzen(
                aanvraag_id=aanvraag.pk,
                behandelaar=behandelaar,
                motivering="Demo: de kosten kunt u betalen uit uw eigen inkomen.",
            )
        elif doel in (Status.TOEGEKEND, Status.UITBETAALD):
            aanvraag_toekennen(
                aanvraag_id=aanvraag.pk,
                behandelaar=behandelaar,
                bedrag=aanvraag.bedrag,
                motivering="Demo: noodzakelijke kosten door bijzondere omstandigheden.",
            )
            opdracht = betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
            if doel == Status.UITBETAALD:
                # Paid on the previous bank day: the file went out that morning and the bank
                # booked it (the lifecycle allows "uitgevoerd" only for a file the bank has).
                gisteren = _vorige_bankdag_ochtend()
                batch = batch_samenstellen(gemeente_id=opdracht.gemeente_id, nu=gisteren)
                batch_afleveren(batch_id=batch.pk, nu=gisteren)
                betaalopdracht_uitgevoerd_melden(
                    opdracht_id=opdracht.pk, door=financien, nu=gisteren
                )


def _vorige_bankdag_ochtend() -> datetime:
    dag = timezone.localdate() - timedelta(days=1)
    while not is_bankdag(dag):
        dag -= timedelta(days=1)
    return datetime.combine(dag, time(9, 0), tzinfo=timezone.get_current_timezone())
