"""The visual check itself (tests/browser/visueel.py) finds what people stumble on, and passes a
page that has none of it: so a journey that passes it really was readable."""

import pytest

from tests.browser import visueel

pytestmark = pytest.mark.browser

KAPOT = """<!DOCTYPE html><html lang="nl"><body style="margin:0">
<p><a href="#">Wijzigen<span class="utrecht-visually-hidden"> rekeningnummer</span></a></p>
<table><tr><td style="width:2rem;word-break:break-word">Voorbeeldstad</td></tr></table>
<div style="width:5rem;white-space:nowrap">Deze tekst loopt uit het vak</div>
</body></html>"""

HEEL = """<!DOCTYPE html><html lang="nl"><head><style>
.utrecht-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
</style></head><body style="margin:0">
<p><a href="#">Wijzigen<span class="utrecht-visually-hidden"> rekeningnummer</span></a></p>
<table><tr><td>Voorbeeldstad</td></tr></table><p>Een gewone zin die mag afbreken tussen woorden
en na een streepje, zoals AOW-leeftijd.</p></body></html>"""


def test_de_controle_vindt_zichtbare_verborgen_tekst_gebroken_woorden_en_uitlopers(nieuwe_pagina):
    pagina = nieuwe_pagina()
    pagina.set_content(KAPOT)
    with pytest.raises(AssertionError) as fout:
        visueel.controleren(pagina, "controle-kapot")
    melding = str(fout.value)
    assert "zichtbare verborgen tekst" in melding
    assert 'woord gebroken ("Voorbeeldstad")' in melding
    assert "loopt uit het vak" in melding


def test_een_nette_pagina_komt_erdoor(nieuwe_pagina):
    pagina = nieuwe_pagina()
    pagina.set_content(HEEL)
    visueel.controleren(pagina, "controle-heel")
