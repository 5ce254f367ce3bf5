"""When a second colleague must see the payee: the pure rules, as a table."""

from decimal import Decimal

import pytest

from uitbetaling.begunstigde import (
    Begunstigde,
    Betaalvoorstel,
    VierOgenReden,
    betrokkenen,
    kenmerk,
    mag_goedkeuren,
    vier_ogen_redenen,
)

EIGEN = "NL91ABNA0417164300"
R = VierOgenReden


@pytest.mark.parametrize(
    ("bedrag", "begunstigde", "door_medewerker", "verwacht"),
    [
        ("450.00", Begunstigde("J. de Vries", EIGEN), False, ()),
        ("1000.00", Begunstigde("J. de Vries", EIGEN), False, ()),  # at the amount: alone
        ("1000.01", Begunstigde("J. de Vries", EIGEN), False, (R.BEDRAG,)),
        ("99.90", Begunstigde("Witgoed BV", "NL02RABO0123456789", True), False, (R.LEVERANCIER,)),
        ("99.90", Begunstigde("J. de Vries", "NL02RABO0123456789"), False, (R.ANDERE_REKENING,)),
        ("99.90", Begunstigde("J. de Vries", EIGEN), True, (R.DOOR_MEDEWERKER,)),
        (
            "99.90",
            Begunstigde("J. de Vries", "DE89370400440532013000"),
            False,
            (R.ANDERE_REKENING, R.BUITENLAND),
        ),
        (
            "1800.00",
            Begunstigde("Meubel GmbH", "DE89370400440532013000", True),
            True,
            (R.BEDRAG, R.LEVERANCIER, R.BUITENLAND),
        ),
    ],
)
def test_vier_ogen_redenen(bedrag, begunstigde, door_medewerker, verwacht):
    voorstel = Betaalvoorstel(
        bedrag=Decimal(bedrag),
        vier_ogen_vanaf=Decimal("1000.00"),
        begunstigde=begunstigde,
        eigen_iban=EIGEN,
        rekening_door_medewerker=door_medewerker,
    )
    assert vier_ogen_redenen(voorstel) == verwacht


def test_buitenlandse_eigen_rekening_blijft_gemarkeerd():
    voorstel = Betaalvoorstel(
        bedrag=Decimal("10"),
        vier_ogen_vanaf=Decimal("1000"),
        begunstigde=Begunstigde("A. Peeters", "BE68539007547034"),
        eigen_iban="BE68539007547034",
        rekening_door_medewerker=False,
    )
    assert vier_ogen_redenen(voorstel) == (R.BUITENLAND,)


def test_wie_betrokken_was_keurt_niet_goed():
    assert mag_goedkeuren(goedkeurder_id=3, betrokken_ids={1, 2, None})
    assert not mag_goedkeuren(goedkeurder_id=2, betrokken_ids={1, 2, None})


def test_kenmerk_verandert_met_elk_deel():
    basis = kenmerk("450.00", "NL91ABNA0417164300", "J. de Vries")
    assert basis == kenmerk("450.00", "NL91ABNA0417164300", "J. de Vries")
    assert basis != kenmerk("450.00", "NL02RABO0123456789", "J. de Vries")
    assert basis != kenmerk("450.01", "NL91ABNA0417164300", "J. de Vries")


def test_wie_de_rekening_typte_is_betrokken():
    zonder = betrokkenen(
        voorgesteld_door_id=1,
        behandelaar_id=2,
        rekening_door_medewerker=False,
        ingediend_namens_door_id=3,
    )
    met = betrokkenen(
        voorgesteld_door_id=1,
        behandelaar_id=2,
        rekening_door_medewerker=True,
        ingediend_namens_door_id=3,
    )
    assert zonder == {1, 2} and met == {1, 2, 3}
