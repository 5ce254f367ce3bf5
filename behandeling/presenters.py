import csv
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from aanvragen.statussen import SLA_LABELS as STATUS_SLA_LABELS
from aanvragen.statussen import SlaStatus, Status, sla_status, werkdagen_over
from behandeling.regels import Afwijking, Toetsing, afwijzing_toetsen, toekenning_toetsen
from behandeling.zekerheden import MET_AANVRAGEN, ZEKERHEID_LABELS, procent
from portal.bedrag import format_bedrag
from portal.bevestigen import Regel
from portal.iban import bank_naam, iban_leesbaar
from portal.werkdagen import Kalender
from uitbetaling.begunstigde import Begunstigde, VierOgenReden
from wegwijzer.models import Leeftijdsgroep, Vorm
from wegwijzer.regels import Oordeel, Uitkomst

SLA_LABELS = {sla: _(label) for sla, label in STATUS_SLA_LABELS.items()}


@dataclass(frozen=True)
class AanvraagRij:
    aanvraag: object
    sla: str
    sla_label: str
    werkdagen_over: int | None


def aanvraag_rij(aanvraag, *, vandaag: date, kalender: Kalender) -> AanvraagRij:
    """SLA text, colour class and werkdagen left for one aanvraag."""
    if aanvraag.einddatum_gepland is None:
        return AanvraagRij(aanvraag, "", "", None)
    if aanvraag.status == Status.WACHT_OP_AANVULLING:
        return AanvraagRij(aanvraag, SlaStatus.OPGESCHORT, SLA_LABELS[SlaStatus.OPGESCHORT], None)
    sla = sla_status(aanvraag.einddatum_gepland, vandaag, kalender)
    return AanvraagRij(
        aanvraag=aanvraag,
        sla=sla,
        sla_label=SLA_LABELS[sla],
        werkdagen_over=werkdagen_over(aanvraag.einddatum_gepland, vandaag, kalender),
    )


def werkvoorraad_filters(*, status: str, mijn: bool, vrij: bool, kostensoort, gemeente) -> str:
    """The active filters as a query string ending in "&" (for the page links), so paging never
    drops a filter."""
    velden = {
        "status": status,
        "mijn": "1" if mijn else "",
        "vrij": "1" if vrij else "",
        "kostensoort": kostensoort or "",
        "gemeente": gemeente or "",
    }
    tekst = urlencode({k: v for k, v in velden.items() if v})
    return f"{tekst}&" if tekst else ""


def toekennen_initial(voorstel: Uitkomst | None) -> dict:
    """The award form starts from the engine's proposal; the behandelaar may change it (with a
    reason). The calculation itself is the motivation: it is not copied into the reason box,
    so the beschikking shows it once."""
    if voorstel is None or voorstel.oordeel != Oordeel.JA:
        return {}
    return {"bedrag": voorstel.bedrag, "vorm": str(voorstel.vorm or Vorm.GIFT)}


def aanvulling_initial(aanvraag, bewijs_nodig: str) -> dict:
    """The request for proof that was to follow is the ordinary aanvulling, written ready."""
    if not aanvraag.bewijs_volgt:
        return {}
    return {
        "vraag": _(
            "Wilt u ons nog sturen: %(nodig)s? U kunt het uploaden in Mijn aanvragen, of een "
            "foto sturen."
        )
        % {"nodig": (bewijs_nodig or _("de offerte of bon")).lower()}
    }


# The trend chart: weeks left to right, 0–100 % bottom to top, in the SVG's own units.
GRAFIEK_LINKS, GRAFIEK_STAP, GRAFIEK_BOVEN, GRAFIEK_HOOGTE = 40, 30, 10, 100


@dataclass(frozen=True)
class WeekPunt:
    zekerheid: str
    label: str
    drilldown: bool  # aanvragen behind it (not the anonymous Wegwijzer counters)
    week: date  # its Monday
    gemeten: int
    gehaald: int
    percentage: int | None
    x: int
    y: int | None  # None: nothing measured that week

    @property
    def niet_gehaald(self) -> int:
        return self.gemeten - self.gehaald

    @property
    def zondag(self) -> date:
        return self.week + timedelta(days=6)


@dataclass(frozen=True)
class Trend:
    """One guarantee over the dashboard's weeks, for the line chart and its table."""

    zekerheid: str
    label: str
    punten: tuple[WeekPunt, ...]
    lijn: str  # the polyline's points over the weeks that measured something

    @property
    def beschrijving(self) -> str:
        """The chart in words (its SVG <desc>), week by week."""
        return "; ".join(
            f"{p.week:%d-%m}: {p.percentage}%" if p.percentage is not None else f"{p.week:%d-%m}: —"
            for p in self.punten
        )


def zekerheden_trend(metingen, *, weken: list[date]) -> list[Trend]:
    """Per guarantee, each week summed over the colleague's gemeenten."""
    som: dict[tuple[str, date], list[int]] = {}
    for m in metingen:
        totaal = som.setdefault((m.zekerheid, m.week), [0, 0])
        totaal[0] += m.gemeten
        totaal[1] += m.gehaald
    trends = []
    for zekerheid, label in ZEKERHEID_LABELS.items():
        punten = []
        for n, week in enumerate(weken):
            gemeten, ok = som.get((zekerheid, week), (0, 0))
            pct = procent(ok, gemeten)
            punten.append(
                WeekPunt(
                    zekerheid=zekerheid,
                    label=str(label),
                    drilldown=zekerheid in MET_AANVRAGEN,
                    week=week,
                    gemeten=gemeten,
                    gehaald=ok,
                    percentage=pct,
                    x=GRAFIEK_LINKS + n * GRAFIEK_STAP,
                    y=None if pct is None else GRAFIEK_BOVEN + GRAFIEK_HOOGTE - pct,
                )
            )
        trends.append(
            Trend(
                zekerheid=zekerheid,
                label=str(label),
                punten=tuple(punten),
                lijn=" ".join(f"{p.x},{p.y}" for p in punten if p.y is not None),
            )
        )
    return trends


def trend_rijen(trends: list[Trend]) -> list[tuple[WeekPunt, ...]]:
    """The trend table's rows: one per week, a cell per guarantee."""
    return list(zip(*(t.punten for t in trends), strict=True))


def zekerheden_csv(metingen, *, gemeenten: dict[int, str], weken: list[date]) -> HttpResponse:
    """Counts and percentages per week, gemeente and guarantee: one row each, also where
    nothing was measured (0 and an empty percentage), so every week and gemeente is there."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    naam = f"zekerheden-{weken[0]}-{weken[-1] + timedelta(days=6)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    schrijver = csv.writer(response, delimiter=";")
    schrijver.writerow(
        ["week", "week_van", "gemeente", "zekerheid", "gemeten", "gehaald", "gehaald_procent"]
    )
    gevonden = {(m.week, m.gemeente_id, m.zekerheid): m for m in metingen}
    for week in weken:
        jaar, nummer, _dag = week.isocalendar()
        for gemeente_id, gemeente in sorted(gemeenten.items(), key=lambda g: g[1]):
            for zekerheid, label in ZEKERHEID_LABELS.items():
                m = gevonden.get((week, gemeente_id, zekerheid))
                gemeten, ok = (m.gemeten, m.gehaald) if m else (0, 0)
                pct = procent(ok, gemeten)
                schrijver.writerow(
                    [
                        f"{jaar}-W{nummer:02d}",
                        week.isoformat(),
                        gemeente,
                        str(label),
                        gemeten,
                        ok,
                        "" if pct is None else pct,
                    ]
                )
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


def vier_ogen_teksten(redenen, *, aanvraag) -> list[str]:
    """Why a second colleague must approve, in words (behandeling.regels.vier_ogen_nodig)."""
    teksten = {
        Afwijking.BOVEN_GEVRAAGD: _("Het bedrag is hoger dan de aanvrager vroeg (%(gevraagd)s).")
        % {"gevraagd": format_bedrag(aanvraag.bedrag)},
        Afwijking.BOVEN_MAXIMUM: _("Het bedrag is hoger dan het maximum voor deze kosten."),
        VierOgenReden.BEDRAG: _("Het bedrag is hoger dan %(grens)s.")
        % {"grens": format_bedrag(aanvraag.gemeente.vier_ogen_vanaf)},
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


AFWIJKING_TEKSTEN = {
    Afwijking.BOVEN_GEVRAAGD: _("meer dan de aanvrager vroeg"),
    Afwijking.BOVEN_MAXIMUM: _("meer dan het maximum voor deze kosten"),
    Afwijking.HOGER_DAN_BEREKEND: _("hoger dan de berekening"),
    Afwijking.LAGER_DAN_BEREKEND: _("lager dan de berekening"),
    Afwijking.ANDERE_VORM: _("een andere vorm (gift of lening) dan de regels zeggen"),
    Afwijking.TOEKENNEN_TEGEN_BEREKENING: _("toekennen terwijl de berekening nee zegt"),
    Afwijking.AFWIJZEN_TEGEN_BEREKENING: _("afwijzen terwijl de berekening ja zegt"),
    Afwijking.ZONDER_BEREKENING: _("er is geen berekening"),
}


def afwijkingen_tekst(toetsing: Toetsing) -> str:
    """ "hoger dan de berekening, meer dan de aanvrager vroeg" for messages and the panel."""
    return ", ".join(str(AFWIJKING_TEKSTEN[a]) for a in toetsing.afwijkingen)


def motivering_ontbreekt_tekst(toetsing: Toetsing) -> str:
    tekst = _(
        "U wijkt af van de berekening (%(afwijkingen)s). Schrijf waarom. Die uitleg komt in "
        "het besluit."
    ) % {"afwijkingen": afwijkingen_tekst(toetsing)}
    if toetsing.vier_ogen:
        tekst += " " + str(_("Een collega keurt het daarna goed."))
    return tekst


@dataclass(frozen=True)
class Vergelijking:
    """Asked, computed and chosen side by side, for the approver and the case holder."""

    gevraagd: Decimal
    berekend: Decimal | None
    berekend_oordeel: str
    gekozen: Decimal
    vorm: str
    afwijkingen: str
    motivering: str


def vergelijking(aanvraag, *, berekening: Uitkomst | None, bedrag, vorm, motivering):
    toetsing = toekenning_toetsen(
        gevraagd=aanvraag.bedrag, berekening=berekening, bedrag=bedrag, vorm=vorm
    )
    return Vergelijking(
        gevraagd=aanvraag.bedrag,
        berekend=toetsing.berekend,
        berekend_oordeel=str(berekening.oordeel) if berekening else Oordeel.ONBEKEND,
        gekozen=bedrag,
        vorm=vorm,
        afwijkingen=afwijkingen_tekst(toetsing),
        motivering=motivering,
    )


@dataclass(frozen=True)
class BeschikkingMotivering:
    """What the beschikking says under "Waarom?": the calculation once, and the behandelaar's
    reason when the decision differs from it."""

    stappen: tuple[str, ...]
    berekend: Decimal | None
    afwijking: bool
    toelichting: str


def beschikking_motivering(aanvraag, *, berekening: Uitkomst | None) -> BeschikkingMotivering:
    toelichting = aanvraag.besluit_motivering.strip()
    if aanvraag.status == "buiten_behandeling" or berekening is None:
        return BeschikkingMotivering((), None, False, toelichting)
    if aanvraag.toegekend_bedrag is not None:
        toetsing = toekenning_toetsen(
            gevraagd=aanvraag.bedrag,
            berekening=berekening,
            bedrag=aanvraag.toegekend_bedrag,
            vorm=aanvraag.besluit_vorm or Vorm.GIFT,
        )
    else:
        toetsing = afwijzing_toetsen(berekening=berekening)
    toon_berekening = berekening.oordeel != Oordeel.ONBEKEND
    return BeschikkingMotivering(
        stappen=tuple(s.tekst for s in berekening.stappen) if toon_berekening else (),
        berekend=toetsing.berekend,
        afwijking=toetsing.motivering_nodig and toon_berekening,
        toelichting=toelichting,
    )


def toekenning_regels(
    *, bedrag: Decimal, vorm: str, lening_maandbedrag, lening_termijnen, motivering: str, vooraf
) -> list[Regel]:
    """What the behandelaar confirms before an award: amount and form, payee in full, the
    reason, and how it differs from the calculation."""
    b = vooraf.begunstigde
    if vorm == Vorm.LENING:
        vorm_tekst = _("lening zonder rente: %(m)s per maand, %(n)s maanden") % {
            "m": format_bedrag(lening_maandbedrag),
            "n": lening_termijnen,
        }
    else:
        vorm_tekst = _("gift")
    regels = [
        Regel(_("Bedrag"), f"{format_bedrag(bedrag)}, {vorm_tekst}", nadruk=True),
        Regel(_("Betalen aan (leverancier)") if b.leverancier else _("Betalen aan"), b.naam, True),
        Regel(_("IBAN"), f"{iban_leesbaar(b.iban)} · {bank_naam(b.iban)}", nadruk=True),
    ]
    afwijkingen = afwijkingen_tekst(vooraf.toetsing)
    regels.append(
        Regel(_("Afwijking van de berekening"), afwijkingen.capitalize())
        if afwijkingen
        else Regel(_("Berekening"), _("Dit volgt de berekening."))
    )
    if motivering.strip():
        regels.append(Regel(_("Uitleg in het besluit"), motivering.strip()))
    return regels


@dataclass(frozen=True)
class Bronnen:
    """Where each fact on the case page comes from, in words: the BRP, the applicant's own
    declaration (typed by a colleague on the phone or not), or a colleague's."""

    brp: str
    aanvrager: str
    rekening: str
    leeftijd: str


def bronnen(aanvraag) -> Bronnen:
    namens = aanvraag.ingediend_namens_door
    aanvrager = (
        _("de aanvrager, aan de telefoon ingevuld door %(naam)s") % {"naam": namens.get_full_name()}
        if namens
        else _("de aanvrager, met DigiD")
    )
    return Bronnen(
        brp=_("BRP"),
        aanvrager=aanvrager,
        rekening=_("een collega aan de telefoon; de aanvrager bevestigde het niet")
        if aanvraag.rekening_door_medewerker
        else aanvrager,
        leeftijd=_("bevestigd door de behandelaar (geen volledige geboortedatum in de BRP)")
        if aanvraag.leeftijdsgroep_bevestigd
        else _("BRP"),
    )


@dataclass(frozen=True)
class Leeftijd:
    """The applicant's age on the rules' reference date and the norm's age group it gives."""

    jaren: int | None
    groep: str  # the age group as the norm names it; "" when not known


def leeftijd_op(aanvraag, *, groep: str | None) -> Leeftijd:
    """`groep`: the age group the calculation used (situatie_van), None without a calculation."""
    geboren, peildatum = aanvraag.geboortedatum, aanvraag.peildatum
    if geboren and peildatum:
        jaren = (
            peildatum.year
            - geboren.year
            - ((peildatum.month, peildatum.day) < (geboren.month, geboren.day))
        )
    else:
        jaren = aanvraag.leeftijd_brp
    try:
        label = Leeftijdsgroep(groep).label if groep else ""
    except ValueError:
        label = ""  # LEEFTIJD_ONBEKEND: the alert on the page asks to confirm it
    return Leeftijd(jaren, str(label))
