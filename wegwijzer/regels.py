"""The rule engine for bijzondere bijstand: pure Python, no Django.

One function, `beoordeel(situatie, versie)`, serves the Wegwijzer check, the wizard's pre-check
and the behandelaar's proposal. It follows the test order of shared/domain.md §3 (Baarle-Nassau
beleidsregels): voorliggende voorziening, do the costs occur (timing), are they covered for this
kind of cost, can they be paid from the norm (drempel), and can they be paid from vermogen or
income above the norm (draagkracht). Every step is explained in B1 Dutch, with the numbers, so the
inwoner and the caseworker read the same motivation.

Amounts are Decimal; the draagkracht is computed over the whole period and rounded to cents once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from portal.bedrag import format_bedrag as euro

CENT = Decimal("0.01")
HONDERD = Decimal(100)


class Oordeel(StrEnum):
    JA = "ja"
    NEE = "nee"
    ONBEKEND = "onbekend"


class Vorm(StrEnum):
    GIFT = "gift"
    LENING = "lening"


class Leefsituatie(StrEnum):
    """Which norm applies (Pw art. 21–22): the models' choices carry the labels."""

    ALLEENSTAANDE = "alleenstaande"
    ALLEENSTAANDE_OUDER = "alleenstaande_ouder"
    GEHUWDEN = "gehuwden"


class Leeftijdsgroep(StrEnum):
    JONGER_DAN_21 = "18_20"
    VAN_21_TOT_AOW = "21_aow"
    AOW = "aow"


class Antwoord(StrEnum):
    JA = "ja"
    NEE = "nee"
    WEET_NIET = "weet_niet"
    DEELS = "deels"  # another scheme pays part: the rest is assessed


def procent(waarde: Decimal) -> str:
    return f"{waarde.normalize():f}".replace(".", ",") + "%"


@dataclass(frozen=True)
class Band:
    """Part of the income between `van` and `tot` percent of the norm counts for `percentage`."""

    van: Decimal
    tot: Decimal | None
    percentage: Decimal


@dataclass(frozen=True)
class KostensoortRegel:
    slug: str
    naam: str
    vergoed: bool
    maximum: Decimal | None = None
    vorm: Vorm = Vorm.GIFT
    bandgroep: str = "standaard"
    vooraf_aanvragen: bool = False
    maanden_na_factuur: int | None = None
    voorliggende_vraag: str = ""  # e.g. "Betaalt uw zorgverzekering dit?"; empty: not asked
    reden_niet_vergoed: str = ""


@dataclass(frozen=True)
class Beleidsversie:
    """Everything the engine needs, as valid on one date for one gemeente."""

    id: int | None
    naam: str
    geldig_vanaf: date
    geldig_tot: date | None
    normen: dict[tuple[str, str], Decimal]  # (leefsituatie, leeftijdsgroep) → per month
    vermogensgrenzen: dict[str, Decimal]  # leefsituatie → limit
    banden: dict[str, tuple[Band, ...]]  # bandgroep → bands above the free limit
    kostensoorten: dict[str, KostensoortRegel]
    periode_maanden: int = 12
    vermogen_buffer_maanden: Decimal = Decimal(0)  # months of norm left aside of balances
    drempel: Decimal | None = None  # None: the drempelbedrag is not applied

    def is_geldig_op(self, peildatum: date) -> bool:
        return self.geldig_vanaf <= peildatum and (
            self.geldig_tot is None or peildatum <= self.geldig_tot
        )


@dataclass(frozen=True)
class Situatie:
    leefsituatie: str
    leeftijdsgroep: str
    inkomen: Decimal | None  # net per month, applicant and partner together; None: unknown
    vermogen: Decimal | None  # balances and savings together; None: unknown
    kostensoort: str
    bedrag: Decimal
    peildatum: date
    al_gekocht: bool = False
    factuurdatum: date | None = None
    voorliggende_voorziening: Antwoord = Antwoord.NEE
    vergoed_door_ander: Decimal | None = None  # with DEELS: what the other scheme pays


@dataclass(frozen=True)
class Stap:
    tekst: str
    bedrag: Decimal | None = None


@dataclass(frozen=True)
class Uitkomst:
    oordeel: Oordeel
    bedrag: Decimal = Decimal("0.00")
    draagkracht: Decimal | None = None
    vorm: Vorm | None = None
    stappen: tuple[Stap, ...] = field(default_factory=tuple)
    versie: str = ""
    versie_id: int | None = None
    maximum: Decimal | None = None  # the kostensoort's maximum under this version, if any

    @property
    def motivering(self) -> str:
        return "\n".join(f"{n}. {stap.tekst}" for n, stap in enumerate(self.stappen, start=1))


class VersieNietGeldig(ValueError):
    """The rule version does not apply on the situation's date."""


def centen(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


def inkomensdraagkracht(
    inkomen: Decimal, norm: Decimal, banden: tuple[Band, ...], maanden: int
) -> tuple[Decimal, list[Stap]]:
    """Draagkracht from income over the period, with a step per band that counts.

    Limits are rounded to cents first and each band's amount over the period is rounded once,
    so the amounts in the steps add up exactly to the total.
    """
    stappen: list[Stap] = []
    totaal = Decimal("0.00")
    for band in banden:
        ondergrens = centen(norm * band.van / HONDERD)
        bovengrens = None if band.tot is None else centen(norm * band.tot / HONDERD)
        if inkomen <= ondergrens:
            continue
        if band.percentage == 0:
            stappen.append(
                Stap(
                    f"Inkomen tot {procent(band.tot)} van de norm ({euro(bovengrens)}) "
                    "telt niet mee."
                )
                if bovengrens is not None
                else Stap("Uw inkomen telt niet mee.")
            )
            continue
        deel = (inkomen if bovengrens is None else min(inkomen, bovengrens)) - ondergrens
        bijdrage = centen(deel * band.percentage / HONDERD * maanden)
        totaal += bijdrage
        bereik = (
            f"tussen {euro(ondergrens)} en {euro(bovengrens)}"
            if bovengrens is not None
            else f"boven {euro(ondergrens)}"
        )
        stappen.append(
            Stap(
                f"Van uw inkomen {bereik} telt {procent(band.percentage)} mee. Dat is "
                f"{procent(band.percentage)} van {euro(deel)} per maand, over {maanden} maanden "
                f"{euro(bijdrage)}.",
                bijdrage,
            )
        )
    return totaal, stappen


def beoordeel(situatie: Situatie, versie: Beleidsversie) -> Uitkomst:
    """The outcome for one situation under one rule version."""
    if not versie.is_geldig_op(situatie.peildatum):
        raise VersieNietGeldig(f"{versie.naam} does not apply on {situatie.peildatum}")
    stappen: list[Stap] = []

    def uitkomst(oordeel: Oordeel, **kwargs) -> Uitkomst:
        return Uitkomst(
            oordeel=oordeel,
            stappen=tuple(stappen),
            versie=versie.naam,
            versie_id=versie.id,
            maximum=regel.maximum if regel is not None else None,
            **kwargs,
        )

    regel = versie.kostensoorten.get(situatie.kostensoort)
    te_betalen = centen(situatie.bedrag)  # less what another scheme pays (DEELS)
    if regel is None:
        stappen.append(Stap("Deze kosten staan niet in onze regels. Bel ons, dan kijken we mee."))
        return uitkomst(Oordeel.ONBEKEND)

    # 1. Voorliggende voorziening: another scheme pays first. Asked for every kostensoort, so
    # the answer counts even where the rules name no particular scheme.
    if regel.voorliggende_vraag or situatie.voorliggende_voorziening != Antwoord.NEE:
        vraag = regel.voorliggende_vraag or "Betaalt een andere regeling of verzekering dit?"
        if situatie.voorliggende_voorziening == Antwoord.JA:
            stappen.append(
                Stap(
                    f"{vraag} U zei ja. Dan betaalt die regeling en krijgt u "
                    "hiervoor geen bijzondere bijstand."
                )
            )
            return uitkomst(Oordeel.NEE)
        if situatie.voorliggende_voorziening == Antwoord.WEET_NIET:
            stappen.append(Stap(f"{vraag} Dat weet u nog niet. Zoek dat eerst uit, of bel ons."))
            return uitkomst(Oordeel.ONBEKEND)
        if situatie.voorliggende_voorziening == Antwoord.DEELS:
            vergoed = centen(situatie.vergoed_door_ander or Decimal(0))
            if vergoed >= centen(situatie.bedrag):
                stappen.append(
                    Stap(
                        f"{vraag} U zei: die betaalt {euro(vergoed)}. Dat is "
                        "alles. Dan krijgt u hiervoor geen bijzondere bijstand."
                    )
                )
                return uitkomst(Oordeel.NEE)
            stappen.append(
                Stap(
                    f"{vraag} U zei: die betaalt een deel, {euro(vergoed)}. "
                    f"Voor de rest, {euro(centen(situatie.bedrag) - vergoed)}, kijken we of u "
                    "bijzondere bijstand krijgt.",
                    vergoed,
                )
            )
            te_betalen = centen(situatie.bedrag) - vergoed
        else:
            stappen.append(Stap("Er is geen andere regeling die deze kosten betaalt."))

    # 2. Are the costs covered at all, and do they occur (timing)?
    if not regel.vergoed:
        stappen.append(
            Stap(
                regel.reden_niet_vergoed
                or f"Voor een {regel.naam.lower()} krijgt u geen bijzondere bijstand."
            )
        )
        return uitkomst(Oordeel.NEE)
    if regel.vooraf_aanvragen and situatie.al_gekocht:
        stappen.append(
            Stap(
                f"Een {regel.naam.lower()} moet u aanvragen vóórdat u hem koopt. U heeft hem al "
                "gekocht. Bel ons als er een bijzondere reden was."
            )
        )
        return uitkomst(Oordeel.NEE)
    if situatie.al_gekocht:
        termijn = (
            f" Vraag het aan binnen {regel.maanden_na_factuur} maanden na de datum op de rekening."
            if regel.maanden_na_factuur is not None
            else ""
        )
        stappen.append(
            Stap(
                f"U heeft het al gekocht. Bij deze kosten mag dat. Stuur de bon of rekening mee "
                f"met uw aanvraag.{termijn}"
            )
        )
    if regel.maanden_na_factuur is not None and situatie.factuurdatum is not None:
        uiterlijk = situatie.factuurdatum + relativedelta(months=regel.maanden_na_factuur)
        if situatie.peildatum > uiterlijk:
            stappen.append(
                Stap(
                    f"U moet dit aanvragen binnen {regel.maanden_na_factuur} maanden na de "
                    f"rekening. Dat was uiterlijk {uiterlijk:%d-%m-%Y}."
                )
            )
            return uitkomst(Oordeel.NEE)

    # 3. Maximum for this kind of cost.
    kosten = te_betalen
    if regel.maximum is not None and kosten > regel.maximum:
        stappen.append(
            Stap(
                f"De kosten zijn {euro(kosten)}. Voor een {regel.naam.lower()} betalen we "
                f"hoogstens {euro(regel.maximum)}. We rekenen verder met {euro(regel.maximum)}.",
                regel.maximum,
            )
        )
        kosten = regel.maximum
    else:
        stappen.append(Stap(f"De kosten zijn {euro(kosten)}.", kosten))

    # 4. Drempel: small costs can be paid from the norm.
    if versie.drempel is not None and kosten < versie.drempel:
        stappen.append(
            Stap(
                f"Kosten onder {euro(versie.drempel)} per jaar betaalt u zelf uit uw "
                "gewone inkomen."
            )
        )
        return uitkomst(Oordeel.NEE)

    # 5. Draagkracht from vermogen and from income above the norm.
    if situatie.leeftijdsgroep == LEEFTIJD_ONBEKEND:
        stappen.append(
            Stap(
                "We weten uw geboortedatum niet precies. Een medewerker kijkt welke "
                "bijstandsnorm voor u geldt."
            )
        )
        return uitkomst(Oordeel.ONBEKEND)
    norm = versie.normen.get((situatie.leefsituatie, situatie.leeftijdsgroep))
    grens = versie.vermogensgrenzen.get(situatie.leefsituatie)
    if norm is None or grens is None:
        stappen.append(Stap("Voor uw situatie kunnen we het niet uitrekenen. Bel ons."))
        return uitkomst(Oordeel.ONBEKEND)
    if situatie.inkomen is None or situatie.vermogen is None:
        stappen.append(
            Stap("We weten uw inkomen of spaargeld nog niet. Daarom kunnen we het niet uitrekenen.")
        )
        return uitkomst(Oordeel.ONBEKEND)

    buffer = centen(norm * versie.vermogen_buffer_maanden)
    vermogen = centen(situatie.vermogen)
    na_buffer = max(Decimal(0), vermogen - buffer)
    vermogen_telt = max(Decimal(0), na_buffer - grens)
    if vermogen_telt > 0:
        uitleg = (
            f" Daarvan is {euro(buffer)} voor uw gewone uitgaven. Dan blijft {euro(na_buffer)} "
            "over."
            if buffer
            else ""
        )
        stappen.append(
            Stap(
                f"U heeft {euro(vermogen)} aan geld.{uitleg} Wat boven de grens van "
                f"{euro(grens)} komt, telt mee: {euro(vermogen_telt)}.",
                vermogen_telt,
            )
        )
    else:
        stappen.append(
            Stap(f"Uw spaargeld is niet hoger dan de grens van {euro(grens)}. Het telt niet mee.")
        )

    inkomen = centen(situatie.inkomen)
    stappen.append(
        Stap(
            f"Uw netto inkomen is {euro(inkomen)} per maand. De bijstandsnorm voor u is "
            f"{euro(norm)} per maand.",
            inkomen,
        )
    )
    banden = versie.banden.get(regel.bandgroep, ())
    inkomen_telt, band_stappen = inkomensdraagkracht(inkomen, norm, banden, versie.periode_maanden)
    if inkomen_telt > 0:
        stappen.extend(band_stappen)
        stappen.append(
            Stap(
                f"Over {versie.periode_maanden} maanden kunt u zelf {euro(inkomen_telt)} "
                "betalen uit uw inkomen.",
                inkomen_telt,
            )
        )
    else:
        stappen.append(
            Stap(
                "Uw inkomen is niet hoger dan wat u nodig heeft om van te leven. Het telt niet mee."
            )
        )

    draagkracht = vermogen_telt + inkomen_telt
    bedrag = max(Decimal(0), kosten - draagkracht).quantize(CENT)
    if bedrag == 0:
        stappen.append(
            Stap(
                f"U kunt de kosten ({euro(kosten)}) zelf betalen: u kunt zelf "
                f"{euro(draagkracht)} missen (dat heet uw draagkracht). U krijgt daarom geen "
                "bijzondere bijstand.",
                draagkracht,
            )
        )
        return uitkomst(Oordeel.NEE, draagkracht=draagkracht)

    vorm_tekst = "een lening zonder rente" if regel.vorm == Vorm.LENING else "een gift"
    stappen.append(
        Stap(
            f"{euro(kosten)} min {euro(draagkracht)} die u zelf kunt betalen is {euro(bedrag)}. "
            f"U krijgt dit als {vorm_tekst}.",
            bedrag,
        )
    )
    return uitkomst(Oordeel.JA, bedrag=bedrag, draagkracht=draagkracht, vorm=regel.vorm)


LEEFTIJD_ONBEKEND = "onbekend"  # no full birth date: a behandelaar confirms the age group


def aow_datum(geboortedatum: date, aow_leeftijden: dict[int, int]) -> date:
    """The day someone reaches the AOW age (SVB).

    `aow_leeftijden` maps a calendar year to the AOW age, in months, for people who reach it in
    that year. The age that applies is the one in force in the year it is reached: the first
    year Y for which birth + age(Y) falls in Y. Born before the table: the age of its first
    year (reached before it, when the age was lower or equal). Born after: its last year's age,
    the latest that was set.
    """
    jaren = sorted(aow_leeftijden)
    for jaar in jaren:
        datum = geboortedatum + relativedelta(months=aow_leeftijden[jaar])
        if datum.year <= jaar:
            return datum
    return geboortedatum + relativedelta(months=aow_leeftijden[jaren[-1]])


def leeftijdsgroep(
    geboortedatum: date | None, peildatum: date, aow_leeftijden: dict[int, int]
) -> str:
    """The norm's age group on `peildatum`: 18_20, 21_aow, aow, or LEEFTIJD_ONBEKEND without a
    full birth date (never a silent default). Once reached, the AOW age stays reached."""
    if geboortedatum is None or not aow_leeftijden:
        return LEEFTIJD_ONBEKEND
    if peildatum >= aow_datum(geboortedatum, aow_leeftijden):
        return Leeftijdsgroep.AOW
    if peildatum < geboortedatum + relativedelta(years=21):
        return Leeftijdsgroep.JONGER_DAN_21
    return Leeftijdsgroep.VAN_21_TOT_AOW
