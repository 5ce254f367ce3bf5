from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wegwijzer.regels import (
    LEEFTIJD_ONBEKEND,
    Antwoord,
    Band,
    Beleidsversie,
    KostensoortRegel,
    Oordeel,
    Situatie,
    VersieNietGeldig,
    Vorm,
    aow_datum,
    beoordeel,
    leeftijdsgroep,
)

D = Decimal
ROTTERDAM_ACHTIG = Beleidsversie(
    id=1,
    naam="Voorbeeldbeleid 2026 (naar Rotterdam 2024)",
    geldig_vanaf=date(2026, 1, 1),
    geldig_tot=date(2026, 6, 30),
    normen={
        ("alleenstaande", "21_aow"): D("1401.50"),
        ("alleenstaande_ouder", "21_aow"): D("1401.50"),
        ("gehuwden", "21_aow"): D("2002.13"),
        ("alleenstaande", "aow"): D("1564.69"),
    },
    vermogensgrenzen={
        "alleenstaande": D("8000"),
        "alleenstaande_ouder": D("16000"),
        "gehuwden": D("16000"),
    },
    banden={
        "duurzaam": (
            Band(D(100), D(110), D(0)),
            Band(D(110), D(150), D(50)),
            Band(D(150), None, D(100)),
        ),
        "overig": (Band(D(100), None, D(100)),),
    },
    kostensoorten={
        "wasmachine": KostensoortRegel(
            "wasmachine", "Wasmachine", True, D("500.00"), bandgroep="duurzaam"
        ),
        "koelkast": KostensoortRegel(
            "koelkast",
            "Koelkast",
            True,
            D("450.00"),
            Vorm.LENING,
            bandgroep="duurzaam",
            vooraf_aanvragen=True,
        ),
        "tandarts": KostensoortRegel(
            "tandarts",
            "Tandarts",
            True,
            None,
            bandgroep="overig",
            voorliggende_vraag="Betaalt uw zorgverzekering dit?",
            maanden_na_factuur=3,
        ),
        "oven": KostensoortRegel(
            "oven", "Oven", False, reden_niet_vergoed="Een oven hoort bij de gewone kosten."
        ),
    },
    periode_maanden=12,
    vermogen_buffer_maanden=D(1),
    drempel=None,
)


def situatie(**kwargs) -> Situatie:
    waarden = dict(
        leefsituatie="alleenstaande",
        leeftijdsgroep="21_aow",
        inkomen=D("1600"),
        vermogen=D("0"),
        kostensoort="wasmachine",
        bedrag=D("450"),
        peildatum=date(2026, 3, 2),
    )
    waarden.update(kwargs)
    return Situatie(**waarden)


def test_rekenvoorbeeld_wasmachine_rotterdam():
    uitkomst = beoordeel(situatie(), ROTTERDAM_ACHTIG)
    assert uitkomst.oordeel == Oordeel.JA
    assert uitkomst.draagkracht == D("350.10")
    assert uitkomst.bedrag == D("99.90")
    assert uitkomst.vorm == Vorm.GIFT
    assert "€ 1.541,65" in uitkomst.motivering  # 110 % of the norm
    assert "€ 350,10" in uitkomst.motivering
    assert uitkomst.stappen[-1].bedrag == D("99.90")
    assert uitkomst.versie_id == 1


@pytest.mark.parametrize(
    ("kwargs", "oordeel", "bedrag", "in_tekst"),
    [
        # Income at the norm: no draagkracht, the whole cost.
        ({"inkomen": D("1401.50")}, Oordeel.JA, D("450.00"), "telt niet mee"),
        # Income up to 110 %: counts 0 %.
        ({"inkomen": D("1541.65")}, Oordeel.JA, D("450.00"), "telt niet mee"),
        # Above the maximum: capped at € 500.
        ({"inkomen": D("0"), "bedrag": D("650")}, Oordeel.JA, D("500.00"), "hoogstens € 500,00"),
        # High income: 50 % of 110–150 % and 100 % above 150 % → can pay it.
        ({"inkomen": D("2300")}, Oordeel.NEE, D("0"), "zelf betalen"),
        # Vermogen above the limit after one month's buffer counts 100 %.
        ({"vermogen": D("9600")}, Oordeel.NEE, D("0"), "€ 198,50"),
        ({"vermogen": D("9500")}, Oordeel.JA, D("1.40"), "€ 98,50"),
        ({"inkomen": D("1000"), "vermogen": D("9601.50")}, Oordeel.JA, D("250.00"), "€ 200,00"),
        # Not covered: oven.
        ({"kostensoort": "oven"}, Oordeel.NEE, D("0"), "gewone kosten"),
        # Must apply before buying.
        ({"kostensoort": "koelkast", "al_gekocht": True}, Oordeel.NEE, D("0"), "vóórdat"),
        ({"kostensoort": "koelkast", "inkomen": D("1200")}, Oordeel.JA, D("450.00"), "lening"),
        # Voorliggende voorziening.
        (
            {"kostensoort": "tandarts", "voorliggende_voorziening": Antwoord.JA},
            Oordeel.NEE,
            D("0"),
            "zorgverzekering",
        ),
        (
            {"kostensoort": "tandarts", "voorliggende_voorziening": Antwoord.WEET_NIET},
            Oordeel.ONBEKEND,
            D("0"),
            "Zoek dat eerst uit",
        ),
        # Invoice older than 3 months.
        (
            {"kostensoort": "tandarts", "factuurdatum": date(2025, 11, 1)},
            Oordeel.NEE,
            D("0"),
            "binnen 3 maanden",
        ),
        # Group "overig": 100 % of all income above the norm.
        (
            {"kostensoort": "tandarts", "inkomen": D("1421.50"), "bedrag": D("300")},
            Oordeel.JA,
            D("60.00"),
            "€ 240,00",
        ),
        # Unknown income or situation → cannot tell.
        ({"inkomen": None}, Oordeel.ONBEKEND, D("0"), "niet uitrekenen"),
        ({"leeftijdsgroep": "18_20"}, Oordeel.ONBEKEND, D("0"), "Bel ons"),
        ({"kostensoort": "fiets"}, Oordeel.ONBEKEND, D("0"), "Bel ons"),
    ],
)
def test_uitkomsten(kwargs, oordeel, bedrag, in_tekst):
    uitkomst = beoordeel(situatie(**kwargs), ROTTERDAM_ACHTIG)
    assert uitkomst.oordeel == oordeel, uitkomst.motivering
    assert uitkomst.bedrag == bedrag
    assert in_tekst in uitkomst.motivering


def test_drempel_wanneer_toegepast():
    versie = replace(ROTTERDAM_ACHTIG, drempel=D("176"))
    assert beoordeel(situatie(bedrag=D("150"), inkomen=D("0")), versie).oordeel == Oordeel.NEE
    assert beoordeel(situatie(bedrag=D("150"), inkomen=D("0")), ROTTERDAM_ACHTIG).bedrag == D(
        "150.00"
    )


@pytest.mark.parametrize("peildatum", [date(2025, 12, 31), date(2026, 7, 1)])
def test_versie_geldt_alleen_binnen_geldigheid(peildatum):
    with pytest.raises(VersieNietGeldig):
        beoordeel(situatie(peildatum=peildatum), ROTTERDAM_ACHTIG)


bedragen = st.decimals(min_value=0, max_value=20000, places=2)


@given(
    inkomen=bedragen,
    extra=st.decimals(min_value=0, max_value=5000, places=2),
    vermogen=bedragen,
    kosten=st.decimals(min_value=1, max_value=3000, places=2),
    soort=st.sampled_from(["wasmachine", "tandarts", "koelkast"]),
)
def test_meer_inkomen_geeft_nooit_meer_bijstand(inkomen, extra, vermogen, kosten, soort):
    laag = beoordeel(
        situatie(inkomen=inkomen, vermogen=vermogen, bedrag=kosten, kostensoort=soort),
        ROTTERDAM_ACHTIG,
    )
    hoog = beoordeel(
        situatie(inkomen=inkomen + extra, vermogen=vermogen, bedrag=kosten, kostensoort=soort),
        ROTTERDAM_ACHTIG,
    )
    assert hoog.bedrag <= laag.bedrag


@given(vermogen=bedragen, extra=bedragen, inkomen=bedragen)
def test_meer_vermogen_geeft_nooit_meer_bijstand(vermogen, extra, inkomen):
    laag = beoordeel(situatie(inkomen=inkomen, vermogen=vermogen), ROTTERDAM_ACHTIG)
    hoog = beoordeel(situatie(inkomen=inkomen, vermogen=vermogen + extra), ROTTERDAM_ACHTIG)
    assert hoog.bedrag <= laag.bedrag


@given(
    inkomen=bedragen,
    vermogen=bedragen,
    kosten=st.decimals(min_value=0, max_value=5000, places=3),
    soort=st.sampled_from(["wasmachine", "tandarts", "koelkast"]),
)
def test_bijstand_nooit_meer_dan_kosten_of_maximum_en_altijd_in_centen(
    inkomen, vermogen, kosten, soort
):
    uitkomst = beoordeel(
        situatie(inkomen=inkomen, vermogen=vermogen, bedrag=kosten, kostensoort=soort),
        ROTTERDAM_ACHTIG,
    )
    maximum = ROTTERDAM_ACHTIG.kostensoorten[soort].maximum
    assert uitkomst.bedrag <= kosten.quantize(D("0.01"), ROUND_HALF_UP)
    if maximum is not None:
        assert uitkomst.bedrag <= maximum
    assert uitkomst.bedrag == uitkomst.bedrag.quantize(D("0.01"))
    assert uitkomst.bedrag >= 0
    if uitkomst.oordeel == Oordeel.JA:
        assert uitkomst.bedrag + uitkomst.draagkracht >= min(
            kosten.quantize(D("0.01"), ROUND_HALF_UP), maximum or kosten
        )


@given(peildatum=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_versie_geldigheid_eigenschap(peildatum):
    if date(2026, 1, 1) <= peildatum <= date(2026, 6, 30):
        beoordeel(situatie(peildatum=peildatum), ROTTERDAM_ACHTIG)
    else:
        with pytest.raises(VersieNietGeldig):
            beoordeel(situatie(peildatum=peildatum), ROTTERDAM_ACHTIG)


# AOW age as data: the age in force in the year a person reaches it (shared/domain.md §7).
AOW = {2024: 804, 2025: 804, 2026: 804, 2027: 804, 2028: 807, 2029: 807, 2030: 807}


@pytest.mark.parametrize(
    "geboren, aow_op",
    [
        (date(1957, 1, 1), date(2024, 1, 1)),
        (date(1960, 11, 15), date(2027, 11, 15)),  # 67 in 2027
        (date(1960, 12, 31), date(2027, 12, 31)),
        (date(1961, 1, 1), date(2028, 4, 1)),  # 67 + 3 months in 2028
        (date(1961, 9, 30), date(2028, 12, 30)),
        (date(1961, 10, 1), date(2029, 1, 1)),  # reaches it in 2029: that year's age
        (date(1950, 6, 1), date(2017, 6, 1)),  # before the table: long reached
        (date(1975, 3, 10), date(2042, 6, 10)),  # after the table: the latest age set
    ],
)
def test_aow_datum(geboren, aow_op):
    assert aow_datum(geboren, AOW) == aow_op


@pytest.mark.parametrize(
    "geboren, peildatum, groep",
    [
        # Reached in late 2027 at 67: still "aow" in early 2028, when the age is 67 + 3 months.
        (date(1960, 11, 15), date(2027, 11, 14), "21_aow"),
        (date(1960, 11, 15), date(2027, 11, 15), "aow"),
        (date(1960, 11, 15), date(2028, 1, 10), "aow"),
        (date(1960, 11, 15), date(2028, 2, 15), "aow"),
        # Born 1 January 1961: 67 on 1 January 2028, but the AOW age then is 67 + 3 months.
        (date(1961, 1, 1), date(2028, 1, 1), "21_aow"),
        (date(1961, 1, 1), date(2028, 3, 31), "21_aow"),
        (date(1961, 1, 1), date(2028, 4, 1), "aow"),
        (date(2006, 1, 1), date(2026, 12, 31), "18_20"),
        (date(2005, 12, 31), date(2026, 12, 31), "21_aow"),
        (None, date(2026, 12, 1), LEEFTIJD_ONBEKEND),
    ],
)
def test_leeftijdsgroep_over_de_jaargrenzen(geboren, peildatum, groep):
    assert leeftijdsgroep(geboren, peildatum, AOW) == groep


def test_onbekende_leeftijd_is_geen_stille_standaard():
    uitkomst = beoordeel(situatie(leeftijdsgroep=LEEFTIJD_ONBEKEND), ROTTERDAM_ACHTIG)
    assert uitkomst.oordeel == Oordeel.ONBEKEND
    assert "geboortedatum niet precies" in uitkomst.motivering
