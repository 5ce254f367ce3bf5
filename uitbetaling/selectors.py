from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from aanvragen.models import Aanvraag
from aanvragen.statussen import Status
from portal import werkgebied
from portal.tekst import volledige_naam
from uitbetaling.bankdagen import uitvoerdatum
from uitbetaling.begunstigde import Begunstigde, Betaalvoorstel, kenmerk
from uitbetaling.models import OPDRACHT_CHOICES, Betaalbatch, Betaalopdracht, Rekeningwijziging
from uitbetaling.statussen import TERUG_BIJ_BEHANDELAAR, BatchStatus, OpdrachtStatus
from wegwijzer.models import Vorm


def betaalopdracht_list(*, medewerker, status: str | None = None):
    qs = werkgebied.beperk(Betaalopdracht.objects, medewerker).select_related(
        "gemeente", "aanvraag"
    )
    return qs.filter(status=status) if status else qs


def betaalopdracht_get(*, pk: int, medewerker) -> Betaalopdracht | None:
    return werkgebied.beperk(Betaalopdracht.objects, medewerker).filter(pk=pk).first()


def betaalbatch_list(*, medewerker):
    return werkgebied.beperk(Betaalbatch.objects, medewerker).select_related("gemeente")


def betaalbatch_get(*, pk: int, medewerker) -> Betaalbatch | None:
    return werkgebied.beperk(Betaalbatch.objects, medewerker).filter(pk=pk).first()


def terugbetalingsafspraak_list(*, medewerker):
    """Rows of awarded loans with their repayment terms (first term: the month after award)."""
    for a in (
        werkgebied.beperk(Aanvraag.objects, medewerker)
        .filter(besluit_vorm=Vorm.LENING, toegekend_bedrag__isnull=False)
        .select_related("gemeente")
        .order_by("besloten_op")
    ):
        besloten = timezone.localdate(a.besloten_op)
        eerste = (besloten.replace(day=1) + timedelta(days=32)).replace(day=1)
        yield (
            a.bsn,
            a.pk,
            [
                a.referentie,
                a.gemeente.naam,
                a.naam,
                a.adres,
                a.postcode,
                a.woonplaats,
                f"{a.toegekend_bedrag:.2f}",
                f"{a.lening_maandbedrag:.2f}",
                a.lening_termijnen,
                eerste.isoformat(),
            ],
        )


def betrokkenen_van_batch(*, batch) -> list[tuple[str, int]]:
    """(BSN, aanvraag id) of every payment in a batch: whose data a downloaded file holds."""
    return list(batch.opdrachten.values_list("aanvraag__bsn", "aanvraag_id"))


def begunstigde_van(aanvraag) -> Begunstigde:
    """Where the money of this aanvraag goes: the supplier the behandelaar chose, or the
    account the inwoner gave."""
    leverancier = (
        (aanvraag.leverancier_naam, aanvraag.leverancier_iban)
        if aanvraag.leverancier_iban
        else None
    )
    return begunstigde_bij(aanvraag, leverancier)


def begunstigde_bij(aanvraag, leverancier: tuple[str, str] | None) -> Begunstigde:
    """The payee for a choice not yet stored: `leverancier` (name, IBAN), or the account the
    inwoner gave."""
    if leverancier:
        return Begunstigde(leverancier[0], leverancier[1], leverancier=True)
    return Begunstigde(aanvraag.rekeninghouder, aanvraag.iban)


def betaalvoorstel_van(
    aanvraag, *, bedrag: Decimal, begunstigde: Begunstigde | None = None
) -> Betaalvoorstel:
    """The award as the four-eyes rule judges it; `begunstigde` when it is not yet stored."""
    return Betaalvoorstel(
        bedrag=bedrag,
        vier_ogen_vanaf=aanvraag.gemeente.vier_ogen_vanaf,
        begunstigde=begunstigde or begunstigde_van(aanvraag),
        eigen_iban=aanvraag.iban,
        rekening_door_medewerker=aanvraag.rekening_door_medewerker,
    )


def voorstel_kenmerk(aanvraag) -> str:
    """Fingerprint of a pending award as the approver sees it (amount, form, payee, when)."""
    b = begunstigde_van(aanvraag)
    return kenmerk(
        aanvraag.voorgesteld_bedrag,
        aanvraag.besluit_vorm,
        aanvraag.lening_maandbedrag,
        aanvraag.lening_termijnen,
        b.naam,
        b.iban,
        aanvraag.voorgesteld_op.isoformat() if aanvraag.voorgesteld_op else "",
    )


def open_rekeningwijziging_get(*, opdracht_id: int) -> Rekeningwijziging | None:
    return (
        Rekeningwijziging.objects.filter(opdracht_id=opdracht_id, beoordeeld_op__isnull=True)
        .select_related("voorgesteld_door")
        .first()
    )


@dataclass(frozen=True)
class BetalingTerug:
    """A payment that came back, on the werkvoorraad."""

    aanvraag_id: int
    referentie: str
    status: str
    probleem: str
    behandelaar: str

    @property
    def status_label(self) -> str:
        return dict(OPDRACHT_CHOICES)[self.status]


def betalingen_terug_list(*, medewerker, aantal: int = 20) -> list[BetalingTerug]:
    """Payments that came back (refused, returned, cannot be paid): the behandelaars' task to
    call the inwoner and set them up again, the oldest `aantal`."""
    rijen = (
        werkgebied.beperk(Betaalopdracht.objects, medewerker)
        .filter(status__in=sorted(TERUG_BIJ_BEHANDELAAR))
        .order_by("aangemaakt_op", "pk")
        .values_list(
            "aanvraag_id",
            "aanvraag__referentie",
            "status",
            "probleem",
            "aanvraag__behandelaar__first_name",
            "aanvraag__behandelaar__last_name",
        )[:aantal]
    )
    return [BetalingTerug(*r[:4], behandelaar=volledige_naam(*r[4:])) for r in rijen]


def verwachte_bankdag(moment) -> date:
    """The execution date a file made at `moment` would carry: that day before the gemeente's
    cut-off on a bank day, else the next bank day (uitbetaling.bankdagen)."""
    lokaal = timezone.localtime(moment)
    return uitvoerdatum(lokaal.replace(tzinfo=None), time.fromisoformat(settings.SEPA_CUTOFF))


def verwachte_uitvoerdatum(aanvraag) -> date:
    """The day the bank pays an award out: its batch's execution date once it is in a file,
    else the date its instruction expects (set when it was set up, or again)."""
    opdracht = Betaalopdracht.objects.filter(aanvraag=aanvraag).select_related("batch").first()
    if opdracht is not None and opdracht.batch is not None:
        return opdracht.batch.uitvoerdatum
    if opdracht is not None and opdracht.verwacht_op is not None:
        return opdracht.verwacht_op
    return verwachte_bankdag(aanvraag.besloten_op or timezone.now())


def toegekend_zonder_opdracht_ids() -> list[int]:
    return list(
        Aanvraag.objects.filter(status=Status.TOEGEKEND, betaalopdracht__isnull=True).values_list(
            "pk", flat=True
        )
    )


def gemeenten_met_klaargezet() -> list[int]:
    return list(
        Betaalopdracht.objects.filter(status=OpdrachtStatus.KLAARGEZET, batch__isnull=True)
        .values_list("gemeente_id", flat=True)
        .distinct()
    )


def batches_niet_afgeleverd() -> list[int]:
    return list(
        Betaalbatch.objects.filter(status=BatchStatus.AANGEMAAKT).values_list("pk", flat=True)
    )
