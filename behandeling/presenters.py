import csv
from dataclasses import dataclass
from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from aanvragen.presenters import iban_leesbaar
from behandeling.sla import OP_SCHEMA, RISICO, TE_LAAT, sla_status
from portal.bedrag import format_bedrag
from portal.werkdagen import Kalender, werkdagen_tussen
from uitbetaling.begunstigde import Begunstigde, VierOgenReden
from wegwijzer.regels import Oordeel, Uitkomst

SLA_LABELS = {OP_SCHEMA: _("Op schema"), RISICO: _("Risico"), TE_LAAT: _("Te laat")}


@dataclass(frozen=True)
class AanvraagRegel:
    aanvraag: object
    sla: str
    sla_label: str
    werkdagen_over: int | None


def aanvraag_regel(aanvraag, *, vandaag: date, kalender: Kalender) -> AanvraagRegel:
    """SLA text, colour class and werkdagen left for one aanvraag."""
    if aanvraag.einddatum_gepland is None:
        return AanvraagRegel(aanvraag, "", "", None)
    sla = sla_status(aanvraag.einddatum_gepland, vandaag, kalender)
    return AanvraagRegel(
        aanvraag=aanvraag,
        sla=sla,
        sla_label=SLA_LABELS[sla],
        werkdagen_over=werkdagen_tussen(vandaag, aanvraag.einddatum_gepland, kalender),
    )


def toekennen_initial(voorstel: Uitkomst | None) -> dict:
    """The award form starts from the engine's proposal; the behandelaar may change it."""
    if voorstel is None or voorstel.oordeel != Oordeel.JA:
        return {}
    return {
        "bedrag": voorstel.bedrag,
        "motivering": voorstel.motivering,
        "vorm": str(voorstel.vorm or "gift"),
    }


def afwijzen_initial(voorstel: Uitkomst | None) -> dict:
    if voorstel is None or voorstel.oordeel != Oordeel.NEE:
        return {}
    return {"motivering": voorstel.motivering}


@dataclass(frozen=True)
class Balk:
    label: str
    percentage: int | None
    breedte: int  # in the SVG's 0–300 units
    y: int


ZEKERHEID_LABELS = [
    ("wegwijzer", _("1. Wegwijzer-check binnen 2 minuten")),
    ("aanvragen", _("2. Aanvraag binnen 15 minuten")),
    ("besluiten", _("3. Besluit binnen 5 werkdagen")),
    ("uitbetaling", _("4. Betaling klaargezet op de dag van toekenning")),
]


def zekerheden_balken(zekerheden: dict) -> list[Balk]:
    return [
        Balk(
            label=str(label),
            percentage=zekerheden[sleutel]["percentage"],
            breedte=3 * (zekerheden[sleutel]["percentage"] or 0),
            y=8 + 30 * n,
        )
        for n, (sleutel, label) in enumerate(ZEKERHEID_LABELS)
    ]


def zekerheden_csv(zekerheden: dict, *, van, tot) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="zekerheden-{van}-{tot}.csv"'
    schrijver = csv.writer(response, delimiter=";")
    schrijver.writerow(["zekerheid", "gehaald_procent", "van", "tot"])
    for sleutel, label in ZEKERHEID_LABELS:
        schrijver.writerow([str(label), zekerheden[sleutel]["percentage"], van, tot])
    return response


@dataclass(frozen=True)
class BegunstigdeRegel:
    """The payee as the approver must see it: name, full IBAN, bank, and how it differs from
    the account the inwoner gave."""

    naam: str
    iban: str
    bank: str
    land: str
    leverancier: bool
    eigen_iban: str
    eigen_naam: str
    wijkt_af: bool


def bank_naam(iban: str) -> str:
    try:
        return IBAN(iban).bank_name or str(_("bank onbekend"))
    except SchwiftyException:
        return str(_("bank onbekend"))


def begunstigde_regel(begunstigde: Begunstigde, *, eigen_iban: str, eigen_naam: str):
    return BegunstigdeRegel(
        naam=begunstigde.naam,
        iban=iban_leesbaar(begunstigde.iban),
        bank=bank_naam(begunstigde.iban),
        land=begunstigde.land,
        leverancier=begunstigde.leverancier,
        eigen_iban=iban_leesbaar(eigen_iban),
        eigen_naam=eigen_naam,
        wijkt_af=begunstigde.iban != eigen_iban,
    )


def vier_ogen_teksten(redenen, *, grens) -> list[str]:
    """Why a second colleague must approve, in words."""
    teksten = {
        VierOgenReden.BEDRAG: _("Het bedrag is hoger dan %(grens)s.")
        % {"grens": format_bedrag(grens)},
        VierOgenReden.LEVERANCIER: _("Het geld gaat naar een leverancier, niet naar de aanvrager."),
        VierOgenReden.ANDERE_REKENING: _(
            "Het geld gaat naar een andere rekening dan de aanvrager opgaf."
        ),
        VierOgenReden.DOOR_MEDEWERKER: _(
            "Een collega typte het rekeningnummer aan de telefoon; de aanvrager bevestigde "
            "het niet met DigiD."
        ),
        VierOgenReden.BUITENLAND: _("Het is een buitenlandse rekening."),
    }
    return [str(teksten[r]) for r in redenen]
