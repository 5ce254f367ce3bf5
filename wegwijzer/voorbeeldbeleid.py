"""Demo rules, clearly labelled as examples: the 2026 national amounts (shared/domain.md §4) and
two example policies, one modelled on Rotterdam 2024 (CVDR719087) and one on Zoetermeer
(CVDR648757). Used by `manage.py demo` and by the tests; never real policy of a demo gemeente.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from portal.models import Gemeente, Regeling
from wegwijzer.models import (
    AowLeeftijd,
    Beleidsregel,
    Draagkrachtband,
    Kostensoort,
    KostensoortBeleid,
    Normbedrag,
    Vermogensgrens,
)

D = Decimal
NORMEN_2026 = [  # SZW Normenbrief 1-1-2026, per month incl. vakantietoeslag
    ("alleenstaande", "21_aow", "1401.50"),
    ("alleenstaande_ouder", "21_aow", "1401.50"),
    ("gehuwden", "21_aow", "2002.13"),
    ("alleenstaande", "aow", "1564.69"),
    ("alleenstaande_ouder", "aow", "1564.69"),
    ("gehuwden", "aow", "2144.16"),
    ("alleenstaande", "18_20", "345.99"),
    ("alleenstaande_ouder", "18_20", "345.99"),
]
VERMOGENSGRENZEN_2026 = [
    ("alleenstaande", "8000.00"),
    ("alleenstaande_ouder", "16000.00"),
    ("gehuwden", "16000.00"),
]
KOSTENSOORTEN = [
    ("wasmachine", "Wasmachine", "Uw wasmachine is kapot en u heeft geen geld voor een nieuwe."),
    ("koelkast", "Koelkast", "Uw koelkast is kapot en u heeft geen geld voor een nieuwe."),
    ("bril", "Bril", "Een nieuwe bril of nieuwe glazen."),
    ("tandarts", "Tandarts", "Kosten van de tandarts die uw zorgverzekering niet betaalt."),
    ("bewindvoering", "Bewindvoering", "De kosten van uw bewindvoerder."),
    ("oven", "Oven", "Een oven hoort bij de gewone kosten van het leven."),
]
ZORGVERZEKERING = "Betaalt uw zorgverzekering (een deel van) deze kosten?"

# (slug, vergoed, maximum, vorm, bandgroep, vooraf, maanden na rekening, voorliggend, bewijs)
ROTTERDAM_KOSTEN = [
    (
        "wasmachine",
        True,
        "500.00",
        "gift",
        "duurzaam",
        False,
        None,
        "",
        "Offerte of bon van een nieuwe wasmachine",
    ),
    (
        "koelkast",
        True,
        "450.00",
        "gift",
        "duurzaam",
        False,
        None,
        "",
        "Offerte of bon van een nieuwe koelkast",
    ),
    ("bril", True, "250.00", "gift", "overig", False, 3, ZORGVERZEKERING, "Bon van de opticien"),
    (
        "tandarts",
        True,
        None,
        "gift",
        "overig",
        False,
        3,
        ZORGVERZEKERING,
        "Offerte of rekening van de tandarts",
    ),
    (
        "bewindvoering",
        True,
        None,
        "gift",
        "overig",
        False,
        None,
        "",
        "Beschikking van de kantonrechter",
    ),
    ("oven", False, None, "gift", "overig", False, None, "", ""),
]
ZOETERMEER_KOSTEN = [
    (
        "wasmachine",
        True,
        "450.00",
        "lening",
        "standaard",
        True,
        None,
        "",
        "Offerte van een nieuwe wasmachine",
    ),
    (
        "koelkast",
        True,
        "400.00",
        "lening",
        "standaard",
        True,
        None,
        "",
        "Offerte van een nieuwe koelkast",
    ),
    ("bril", True, "200.00", "gift", "standaard", False, 3, ZORGVERZEKERING, "Bon van de opticien"),
    (
        "tandarts",
        True,
        None,
        "gift",
        "standaard",
        False,
        3,
        ZORGVERZEKERING,
        "Offerte of rekening van de tandarts",
    ),
    (
        "bewindvoering",
        True,
        None,
        "gift",
        "standaard",
        False,
        None,
        "",
        "Beschikking van de kantonrechter",
    ),
    ("oven", False, None, "gift", "standaard", False, None, "", ""),
]
NIET_VERGOED = (
    "Een oven hoort bij de gewone kosten van het leven. Daarvoor krijgt u geen bijzondere bijstand."
)


# SVB: the AOW age for those who reach it in each year (years, months). 2029 and 2030 as
# announced in November 2023 and 2024; add each next year when it is announced.
AOW_LEEFTIJDEN = [
    (2024, 67, 0),
    (2025, 67, 0),
    (2026, 67, 0),
    (2027, 67, 0),
    (2028, 67, 3),
    (2029, 67, 3),
    (2030, 67, 3),
]


def aow_leeftijden_aanmaken() -> None:
    for jaar, jaren, maanden in AOW_LEEFTIJDEN:
        AowLeeftijd.objects.get_or_create(
            jaar=jaar, defaults={"jaren": jaren, "maanden": maanden, "bron": "SVB"}
        )


def landelijke_bedragen_aanmaken() -> None:
    aow_leeftijden_aanmaken()
    for leefsituatie, groep, bedrag in NORMEN_2026:
        Normbedrag.objects.get_or_create(
            leefsituatie=leefsituatie,
            leeftijdsgroep=groep,
            geldig_vanaf=date(2026, 1, 1),
            defaults={"bedrag": D(bedrag), "bron": "SZW Normenbrief 1-1-2026"},
        )
    for leefsituatie, bedrag in VERMOGENSGRENZEN_2026:
        Vermogensgrens.objects.get_or_create(
            leefsituatie=leefsituatie,
            geldig_vanaf=date(2026, 1, 1),
            defaults={"bedrag": D(bedrag)},
        )


def kostensoorten_aanmaken() -> None:
    for volgorde, (slug, naam, uitleg) in enumerate(KOSTENSOORTEN):
        Kostensoort.objects.get_or_create(
            slug=slug, defaults={"naam": naam, "uitleg": uitleg, "volgorde": volgorde}
        )


@transaction.atomic
def voorbeeldbeleid_aanmaken(
    *, gemeente: Gemeente, regeling: Regeling, model: str = "rotterdam"
) -> Beleidsregel:
    """Create (once) an example policy for `gemeente`, valid from 1 January 2026."""
    landelijke_bedragen_aanmaken()
    kostensoorten_aanmaken()
    bestaand = Beleidsregel.objects.filter(gemeente=gemeente, regeling=regeling).first()
    if bestaand:
        return bestaand
    if model == "rotterdam":
        beleid = Beleidsregel.objects.create(
            gemeente=gemeente,
            regeling=regeling,
            is_voorbeeld=True,
            naam="Voorbeeldbeleid 2026 (gemodelleerd naar Rotterdam 2024)",
            publieke_naam="Voorbeeldbeleid bijzondere bijstand 2026",
            toelichting="Voorbeeld, geen echt beleid. Naar Beleidsregels bijzondere bijstand "
            "Rotterdam 2024 (CVDR719087): gift, geen drempel, draagkrachtperiode 12 maanden, "
            "één maand norm buiten beschouwing op banksaldo.",
            geldig_vanaf=date(2026, 1, 1),
            periode_maanden=12,
            vermogen_buffer_maanden=D(1),
            drempel_toepassen=False,
        )
        banden = [
            ("duurzaam", 100, 110, 0),
            ("duurzaam", 110, 150, 50),
            ("duurzaam", 150, None, 100),
            ("overig", 100, None, 100),
        ]
        kosten = ROTTERDAM_KOSTEN
    else:
        beleid = Beleidsregel.objects.create(
            gemeente=gemeente,
            regeling=regeling,
            is_voorbeeld=True,
            naam="Voorbeeldbeleid 2026 (gemodelleerd naar Zoetermeer)",
            publieke_naam="Voorbeeldbeleid bijzondere bijstand 2026",
            toelichting="Voorbeeld, geen echt beleid. Naar Zoetermeer (CVDR648757): lening "
            "zonder rente voor duurzame gebruiksgoederen, vooraf aanvragen.",
            geldig_vanaf=date(2026, 1, 1),
            periode_maanden=12,
            vermogen_buffer_maanden=D(0),
            drempel_toepassen=True,
            drempelbedrag=D("176.00"),
        )
        banden = [("standaard", 100, 110, 0), ("standaard", 110, None, 35)]
        kosten = ZOETERMEER_KOSTEN
    for groep, van, tot, pct in banden:
        Draagkrachtband.objects.create(
            beleidsregel=beleid,
            groep=groep,
            van_procent=D(van),
            tot_procent=D(tot) if tot is not None else None,
            percentage=D(pct),
        )
    for slug, vergoed, maximum, vorm, groep, vooraf, maanden, vraag, bewijs in kosten:
        KostensoortBeleid.objects.create(
            beleidsregel=beleid,
            kostensoort=Kostensoort.objects.get(slug=slug),
            vergoed=vergoed,
            maximum_bedrag=D(maximum) if maximum else None,
            vorm=vorm,
            bandgroep=groep,
            vooraf_aanvragen=vooraf,
            maanden_na_factuur=maanden,
            voorliggende_vraag=vraag,
            bewijs=bewijs,
            reden_niet_vergoed="" if vergoed else NIET_VERGOED,
        )
    return beleid
