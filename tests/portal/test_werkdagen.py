from datetime import date

import pytest

from portal.werkdagen import (
    Kalender,
    atw_feestdagen,
    plus_werkdagen,
    servicetermijnen,
    werkdagen_tussen,
    wettelijke_termijn,
)

GELIJKGESTELD = Kalender(
    gelijkgestelde_dagen={
        date(2026, 1, 2): "gelijkgesteld",
        date(2026, 5, 15): "gelijkgesteld",
        date(2027, 5, 7): "gelijkgesteld",
    }
)


@pytest.mark.parametrize(
    ("start", "aantal", "verwacht", "overgeslagen"),
    [
        # Thursday 23 April 2026 + 5: Koningsdag Monday 27 April is skipped → Friday 1 May.
        (date(2026, 4, 23), 5, date(2026, 5, 1), ["Koningsdag"]),
        # 5 May is a day off every year, also outside lustrum years (2026 is not one).
        (date(2026, 5, 4), 1, date(2026, 5, 6), ["Bevrijdingsdag"]),
        # Goede Vrijdag 3 April 2026 and Tweede Paasdag 6 April 2026.
        (date(2026, 4, 2), 1, date(2026, 4, 7), ["Goede Vrijdag", "Tweede Paasdag"]),
        # Hemelvaart 14 May 2026 and the gelijkgestelde Friday 15 May 2026.
        (date(2026, 5, 13), 1, date(2026, 5, 18), ["Hemelvaartsdag", "gelijkgesteld"]),
        # Year boundary: Christmas, New Year and the gelijkgestelde 2 January 2026.
        (
            date(2025, 12, 24),
            4,
            date(2026, 1, 5),
            ["Eerste Kerstdag", "Tweede Kerstdag", "Nieuwjaarsdag", "gelijkgesteld"],
        ),
        # Tweede Pinksterdag 25 May 2026.
        (date(2026, 5, 22), 1, date(2026, 5, 26), ["Tweede Pinksterdag"]),
        # A plain week: Monday + 5 = next Monday.
        (date(2026, 6, 1), 5, date(2026, 6, 8), []),
        # Start on a Saturday: the first werkdag is Monday.
        (date(2026, 6, 6), 1, date(2026, 6, 8), []),
        (date(2026, 6, 1), 0, date(2026, 6, 1), []),
    ],
)
def test_plus_werkdagen(start, aantal, verwacht, overgeslagen):
    termijn = plus_werkdagen(start, aantal, GELIJKGESTELD)
    assert termijn.datum == verwacht
    assert [dag.reden for dag in termijn.overgeslagen] == overgeslagen


@pytest.mark.parametrize(
    ("jaar", "koningsdag"),
    [
        (2025, date(2025, 4, 26)),  # 27 April 2025 is a Sunday → Saturday 26 April
        (2026, date(2026, 4, 27)),
        (2031, date(2031, 4, 26)),
    ],
)
def test_koningsdag_op_zaterdag_als_27_april_een_zondag_is(jaar, koningsdag):
    feestdagen = atw_feestdagen(jaar)
    assert feestdagen[koningsdag] == "Koningsdag"
    assert date(jaar, 4, 27) not in feestdagen or koningsdag == date(jaar, 4, 27)


@pytest.mark.parametrize("jaar", [2024, 2025, 2026, 2027, 2029])
def test_vijf_mei_is_elk_jaar_een_vrije_dag(jaar):
    assert atw_feestdagen(jaar)[date(jaar, 5, 5)] == "Bevrijdingsdag"


def test_goede_vrijdag_en_pasen_2026_2027():
    assert atw_feestdagen(2026)[date(2026, 4, 3)] == "Goede Vrijdag"
    assert atw_feestdagen(2027)[date(2027, 3, 26)] == "Goede Vrijdag"
    assert atw_feestdagen(2027)[date(2027, 5, 6)] == "Hemelvaartsdag"


def test_gelijkgestelde_dagen_zijn_data_en_geen_regel():
    zonder = Kalender()
    assert zonder.is_werkdag(date(2026, 1, 2))
    assert not GELIJKGESTELD.is_werkdag(date(2026, 1, 2))
    assert not GELIJKGESTELD.is_werkdag(date(2026, 5, 15))


def test_sluitingsdag_van_de_gemeente_telt_niet_als_werkdag():
    kalender = Kalender(sluitingsdagen={date(2026, 6, 3): "Gemeentelijke sluitingsdag"})
    termijn = plus_werkdagen(date(2026, 6, 1), 5, kalender)
    assert termijn.datum == date(2026, 6, 9)
    assert [d.reden for d in termijn.overgeslagen] == ["Gemeentelijke sluitingsdag"]


@pytest.mark.parametrize(
    ("van", "tot", "aantal"),
    [
        (date(2026, 4, 23), date(2026, 5, 1), 5),
        (date(2026, 5, 1), date(2026, 4, 23), -5),
        (date(2026, 6, 1), date(2026, 6, 1), 0),
        (date(2026, 6, 5), date(2026, 6, 8), 1),  # Friday → Monday
    ],
)
def test_werkdagen_tussen(van, tot, aantal):
    assert werkdagen_tussen(van, tot, GELIJKGESTELD) == aantal


def test_wettelijke_termijn_schuift_op_naar_werkdag_maar_niet_voor_sluitingsdagen():
    # 8 weeks after Monday 9 March 2026 is Monday 4 May 2026; then 5 May is a feestdag,
    # 4 May itself is a normal Monday, so it stays.
    assert wettelijke_termijn(date(2026, 3, 9), 8, Kalender()).datum == date(2026, 5, 4)
    # 8 weeks after Tuesday 10 March is Tuesday 5 May (Bevrijdingsdag) → Wednesday 6 May.
    termijn = wettelijke_termijn(date(2026, 3, 10), 8, Kalender())
    assert termijn.datum == date(2026, 5, 6)
    # A gemeente's closing day does not move a legal term (Atw art. 1).
    sluiting = Kalender(sluitingsdagen={date(2026, 5, 6): "sluiting"})
    assert wettelijke_termijn(date(2026, 3, 10), 8, sluiting).datum == date(2026, 5, 6)


def test_servicetermijnen_op_een_plek():
    termijnen = servicetermijnen(
        date(2026, 4, 23), norm_werkdagen=5, wettelijke_weken=8, kalender=GELIJKGESTELD
    )
    assert termijnen.einddatum_gepland.datum == date(2026, 5, 1)
    assert termijnen.uiterlijke_einddatum_afdoening.datum == date(2026, 6, 18)
