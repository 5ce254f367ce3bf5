import copy

import pytest

from tests.factories import voorbeeldbeleid
from wegwijzer.models import Kostensoort

GELDIG_ZONDER_KOSTENSOORT = {
    "gegevens": {
        "telefoon": "06 12345678",
        "email": "jan@example.org",
        "elektronisch_communiceren": "on",
    },
    "kosten": {
        "omschrijving": "Mijn wasmachine is kapot.",
        "bedrag": "450",
        "voorliggende_voorziening": "nee",
        "al_gekocht": "nee",
        "bewijs": ("offerte.pdf", b"%PDF-1.4\n% offerte wasmachine\n%%EOF\n"),
    },
    "inkomen": {"inkomen": "1.600", "vermogen": "120,50"},
    "uitbetaling": {"iban": "nl91 abna 0417 1643 00", "rekeninghouder": "J. de Vries"},
    "controleren": {"verklaring": "on"},
}


@pytest.fixture
def GELDIG(db):
    """Valid answers per step, with the pk of a real kostensoort."""
    voorbeeldbeleid()
    antwoorden = copy.deepcopy(GELDIG_ZONDER_KOSTENSOORT)
    antwoorden["kosten"]["kostensoort"] = str(Kostensoort.objects.get(slug="wasmachine").pk)
    return antwoorden
