"""The payment lifecycles as tables: every (from, to) pair of opdracht and batch."""

import itertools
from datetime import date

import pytest

from uitbetaling.statussen import (
    BatchStatus,
    OngeldigeBetaalstatus,
    OpdrachtStatus,
    controleer_batch,
    controleer_opdracht,
    uitvoering_gemeld_mag,
)

OS, BS = OpdrachtStatus, BatchStatus
OPDRACHT_TOEGESTAAN = {
    (OS.KLAARGEZET, OS.IN_BATCH),
    (OS.KLAARGEZET, OS.NIET_TE_BETALEN),
    (OS.IN_BATCH, OS.AANGEBODEN),
    (OS.IN_BATCH, OS.KLAARGEZET),
    (OS.AANGEBODEN, OS.UITGEVOERD),
    (OS.AANGEBODEN, OS.GEWEIGERD),
    (OS.AANGEBODEN, OS.KLAARGEZET),
    (OS.UITGEVOERD, OS.TERUGGEBOEKT),
    (OS.GEWEIGERD, OS.KLAARGEZET),
    (OS.TERUGGEBOEKT, OS.KLAARGEZET),
    (OS.NIET_TE_BETALEN, OS.KLAARGEZET),
}
BATCH_TOEGESTAAN = {
    (BS.AANGEMAAKT, BS.AANGEBODEN),
    (BS.AANGEMAAKT, BS.GEWEIGERD),
    (BS.AANGEBODEN, BS.UITGEVOERD),
    (BS.AANGEBODEN, BS.GEWEIGERD),
}


@pytest.mark.parametrize(("van", "naar"), list(itertools.product(OS, OS)))
def test_elke_overgang_van_een_opdracht(van, naar):
    if (van, naar) in OPDRACHT_TOEGESTAAN:
        controleer_opdracht(van, naar)
    else:
        with pytest.raises(OngeldigeBetaalstatus):
            controleer_opdracht(van, naar)


@pytest.mark.parametrize(("van", "naar"), list(itertools.product(BS, BS)))
def test_elke_overgang_van_een_batch(van, naar):
    if (van, naar) in BATCH_TOEGESTAAN:
        controleer_batch(van, naar)
    else:
        with pytest.raises(OngeldigeBetaalstatus):
            controleer_batch(van, naar)


def test_uitgevoerd_alleen_vanuit_aangeboden():
    """Money the bank never had was never paid."""
    assert {van for van, naar in OPDRACHT_TOEGESTAAN if naar == OS.UITGEVOERD} == {OS.AANGEBODEN}
    assert {van for van, naar in BATCH_TOEGESTAAN if naar == BS.UITGEVOERD} == {BS.AANGEBODEN}


@pytest.mark.parametrize(
    ("uitvoerdatum", "vandaag", "mag"),
    [
        (date(2026, 12, 1), date(2026, 12, 1), True),
        (date(2026, 12, 1), date(2026, 12, 2), True),
        (date(2026, 12, 2), date(2026, 12, 1), False),
    ],
)
def test_uitgevoerd_melden_vanaf_de_uitvoerdatum(uitvoerdatum, vandaag, mag):
    assert uitvoering_gemeld_mag(uitvoerdatum=uitvoerdatum, vandaag=vandaag) is mag
