import pytest

from aanvragen.statussen import TRANSITIES, OngeldigeTransitie, Status, controleer_transitie

TOEGESTAAN = {
    (Status.CONCEPT, Status.INGEDIEND),
    (Status.INGEDIEND, Status.IN_BEHANDELING),
    (Status.IN_BEHANDELING, Status.INGEDIEND),
    (Status.IN_BEHANDELING, Status.WACHT_OP_AANVULLING),
    (Status.WACHT_OP_AANVULLING, Status.IN_BEHANDELING),
    (Status.WACHT_OP_AANVULLING, Status.BUITEN_BEHANDELING),
    (Status.IN_BEHANDELING, Status.TOEGEKEND),
    (Status.IN_BEHANDELING, Status.AFGEWEZEN),
    (Status.IN_BEHANDELING, Status.BUITEN_BEHANDELING),
    (Status.TOEGEKEND, Status.UITBETAALD),
    (Status.UITBETAALD, Status.TOEGEKEND),  # the bank returned the money after booking
}


@pytest.mark.parametrize("van", list(Status))
@pytest.mark.parametrize("naar", list(Status))
def test_alleen_gedeclareerde_transities_mogen(van, naar):
    if (van, naar) in TOEGESTAAN:
        controleer_transitie(van, naar)
    else:
        with pytest.raises(OngeldigeTransitie):
            controleer_transitie(van, naar)


def test_elke_status_staat_in_de_tabel():
    assert set(TRANSITIES) == set(Status)


def test_alleen_toegekend_kan_uitbetaald_worden():
    assert [van for van, naar in TOEGESTAAN if naar == Status.UITBETAALD] == [Status.TOEGEKEND]
