"""The decision rule (behandeling/regels.py): what an award or refusal may do, as a table."""

from decimal import Decimal as D

import pytest

from behandeling.regels import (
    Afwijking,
    MotiveringOntbreekt,
    afwijzing_toetsen,
    motivering_controleren,
    toekenning_toetsen,
    vier_ogen_nodig,
)
from uitbetaling.begunstigde import Begunstigde, Betaalvoorstel, VierOgenReden
from wegwijzer.regels import Oordeel, Uitkomst, Vorm

A = Afwijking


def ja(bedrag, *, vorm=Vorm.GIFT, maximum=None):
    return Uitkomst(Oordeel.JA, bedrag=D(bedrag), vorm=vorm, maximum=maximum)


NEE = Uitkomst(Oordeel.NEE)
ONBEKEND = Uitkomst(Oordeel.ONBEKEND)


@pytest.mark.parametrize(
    "gevraagd, berekening, bedrag, vorm, verwacht",
    [
        # Following the calculation: nothing to explain.
        ("250", ja("250"), "250", "gift", ()),
        ("450", ja("99.90"), "99.90", "gift", ()),
        ("450", ja("450", vorm=Vorm.LENING), "450", "lening", ()),
        # The bril case: € 300 on € 250 asked and computed.
        ("250", ja("250"), "300", "gift", (A.BOVEN_GEVRAAGD, A.HOGER_DAN_BEREKEND)),
        # The wasmachine case: € 1 200 on € 450 asked, € 99,90 computed, maximum € 500.
        (
            "450",
            ja("99.90", maximum=D("500")),
            "1200",
            "gift",
            (A.BOVEN_GEVRAAGD, A.BOVEN_MAXIMUM, A.HOGER_DAN_BEREKEND),
        ),
        # Above the calculation but within what was asked: a reason, no second colleague.
        ("450", ja("99.90"), "200", "gift", (A.HOGER_DAN_BEREKEND,)),
        ("450", ja("99.90"), "50", "gift", (A.LAGER_DAN_BEREKEND,)),
        # Exactly the maximum and exactly what was asked is not above them.
        ("500", ja("500", maximum=D("500")), "500", "gift", ()),
        (
            "600",
            ja("500", maximum=D("500")),
            "500.01",
            "gift",
            (A.BOVEN_MAXIMUM, A.HOGER_DAN_BEREKEND),
        ),
        ("450", ja("450"), "450", "lening", (A.ANDERE_VORM,)),
        ("450", ja("450", vorm=Vorm.LENING), "450", "gift", (A.ANDERE_VORM,)),
        ("450", NEE, "100", "gift", (A.TOEKENNEN_TEGEN_BEREKENING,)),
        ("450", NEE, "500", "gift", (A.BOVEN_GEVRAAGD, A.TOEKENNEN_TEGEN_BEREKENING)),
        ("450", ONBEKEND, "450", "gift", (A.ZONDER_BEREKENING,)),
        ("450", None, "450", "gift", (A.ZONDER_BEREKENING,)),
    ],
)
def test_toekenning_toetsen(gevraagd, berekening, bedrag, vorm, verwacht):
    toetsing = toekenning_toetsen(
        gevraagd=D(gevraagd), berekening=berekening, bedrag=D(bedrag), vorm=vorm
    )
    assert toetsing.afwijkingen == verwacht
    assert toetsing.motivering_nodig == bool(verwacht)
    assert set(toetsing.vier_ogen) == set(verwacht) & {A.BOVEN_GEVRAAGD, A.BOVEN_MAXIMUM}


def test_maximum_van_de_kostensoort_ook_zonder_berekening():
    toetsing = toekenning_toetsen(
        gevraagd=D("900"), berekening=None, bedrag=D("600"), vorm="gift", maximum=D("500")
    )
    assert toetsing.vier_ogen == (A.BOVEN_MAXIMUM,)


@pytest.mark.parametrize(
    "berekening, verwacht",
    [
        (NEE, ()),
        (ja("99.90"), (A.AFWIJZEN_TEGEN_BEREKENING,)),
        (ONBEKEND, (A.ZONDER_BEREKENING,)),
        (None, (A.ZONDER_BEREKENING,)),
    ],
)
def test_afwijzing_toetsen(berekening, verwacht):
    assert afwijzing_toetsen(berekening=berekening).afwijkingen == verwacht


@pytest.mark.parametrize("motivering", ["", "   ", "\n"])
def test_afwijken_zonder_reden_mag_niet(motivering):
    toetsing = toekenning_toetsen(
        gevraagd=D("250"), berekening=ja("250"), bedrag=D("300"), vorm="gift"
    )
    with pytest.raises(MotiveringOntbreekt) as fout:
        motivering_controleren(toetsing, motivering)
    assert fout.value.toetsing is toetsing


def test_berekening_volgen_zonder_reden_mag():
    toetsing = toekenning_toetsen(
        gevraagd=D("250"), berekening=ja("250"), bedrag=D("250"), vorm="gift"
    )
    motivering_controleren(toetsing, "")


def eigen(bedrag, *, grens="1000", iban="NL91ABNA0417164300", leverancier=False):
    return Betaalvoorstel(
        bedrag=D(bedrag),
        vier_ogen_vanaf=D(grens),
        begunstigde=Begunstigde("J. de Vries", iban, leverancier=leverancier),
        eigen_iban="NL91ABNA0417164300",
        rekening_door_medewerker=False,
    )


@pytest.mark.parametrize(
    "gevraagd, bedrag, betaling, verwacht",
    [
        ("250", "250", eigen("250"), ()),
        ("250", "300", eigen("300"), (A.BOVEN_GEVRAAGD,)),
        ("1500", "1200", eigen("1200"), (VierOgenReden.BEDRAG,)),
        ("1000", "1200", eigen("1200"), (A.BOVEN_GEVRAAGD, VierOgenReden.BEDRAG)),
        (
            "250",
            "250",
            eigen("250", iban="NL02RABO0123456789", leverancier=True),
            (VierOgenReden.LEVERANCIER,),
        ),
    ],
)
def test_vier_ogen_nodig_een_plek(gevraagd, bedrag, betaling, verwacht):
    toetsing = toekenning_toetsen(
        gevraagd=D(gevraagd), berekening=ja(gevraagd), bedrag=D(bedrag), vorm="gift"
    )
    assert vier_ogen_nodig(toetsing, betaling) == verwacht
