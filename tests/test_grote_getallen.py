"""An amount of 20 digits, a date at the end of time, an id beyond bigint: a clear message or
an ignored filter, never a 500 (and nothing stored that a later page cannot show)."""

import pytest
from django.urls import reverse

from behandeling.werkvoorraad import aanvraag_oppakken
from portal.rollen import Rol
from tests.factories import UserFactory, ingediende_aanvraag
from tests.helpers import PortalClient, post_stap

pytestmark = pytest.mark.django_db
TWINTIG = "12345678901234567890"


def test_toekenning_van_twintig_cijfers_geeft_een_melding():
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    aanvraag = ingediende_aanvraag()
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    client = PortalClient()
    client.force_login(bea)
    antwoord = client.post(
        reverse("behandeling:toekennen", args=[aanvraag.pk]),
        {"toekennen-bedrag": TWINTIG, "toekennen-motivering": "x", "toekennen-vorm": "gift"},
    )
    assert antwoord.status_code == 400
    assert "mag niet hoger zijn dan € 9.999.999,99" in antwoord.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.toegekend_bedrag is None and aanvraag.voorgesteld_bedrag is None
    for pagina in ("behandeling:werkvoorraad",):
        assert client.get(reverse(pagina)).status_code == 200


@pytest.mark.parametrize("veld", ["inkomen", "vermogen"])
def test_wizard_weigert_bedragen_groter_dan_de_kolom(client, GELDIG, veld):
    from tests.helpers import als_inwoner

    als_inwoner(client)
    for stap in ("gegevens", "kosten"):
        post_stap(client, stap, GELDIG[stap])
    antwoord = post_stap(client, "inkomen", {**GELDIG["inkomen"], veld: "10.000.000"})
    assert antwoord.status_code == 200 and "mag niet hoger zijn dan" in antwoord.content.decode()


@pytest.mark.parametrize(
    ("rol", "naam", "query"),
    [
        (Rol.TEAMLEIDER, "behandeling:dashboard", "?tot=9999-12-31&van=0001-01-01"),
        (Rol.TEAMLEIDER, "behandeling:dashboard", "?tot=9999-12-31&formaat=csv"),
        (Rol.BEHANDELAAR, "behandeling:werkvoorraad", f"?kostensoort={TWINTIG}"),
        (Rol.BEHANDELAAR, "behandeling:werkvoorraad", f"?gemeente={TWINTIG}&kostensoort=-5"),
    ],
)
def test_vreemde_filters_geven_geen_500(rol, naam, query):
    client = PortalClient()
    client.force_login(UserFactory(rollen=[rol]))
    assert client.get(reverse(naam) + query).status_code == 200


# Every form of the portal with an amount, a number or a date: the extremes are refused with a
# Dutch message, never read as a number nobody typed.
def _velden():
    import importlib
    import inspect

    from django import forms as djforms

    from portal.forms import AantalField, BedragField, DatumField

    for module in ("aanvragen.forms", "behandeling.forms", "uitbetaling.forms", "wegwijzer.forms"):
        for naam, klasse in inspect.getmembers(importlib.import_module(module), inspect.isclass):
            if not issubclass(klasse, djforms.Form) or klasse.__module__ != module:
                continue
            for veld, definitie in klasse.base_fields.items():
                if isinstance(definitie, (BedragField, AantalField, DatumField)):
                    yield pytest.param(definitie, id=f"{naam}.{veld}")
                else:
                    assert not isinstance(definitie, (djforms.IntegerField, djforms.DecimalField))
                    assert type(definitie) is not djforms.DateField, f"{naam}.{veld}"


VREEMD = [
    TWINTIG,
    "1e9",
    "٤٥٠",  # Arabic-Indic 450
    "４５０",  # full-width 450
    "٢٠٢٦-٠٣-١٥",
    "１５-０３-２０２６",
    "-0",
    "NaN",
    "Infinity",
]


@pytest.mark.parametrize("veld", list(_velden()))
@pytest.mark.parametrize("waarde", VREEMD)
def test_elk_getal_of_datumveld_weigert_vreemde_invoer(veld, waarde):
    from django import forms as djforms

    from portal.forms import BedragField

    try:
        schoon = veld.clean(waarde)
    except djforms.ValidationError as fout:
        assert all(bericht and bericht.isprintable() for bericht in fout.messages)
        return
    # Only an amount may come through, and then only within the column and ASCII input.
    assert isinstance(veld, BedragField) and waarde.isascii(), (waarde, schoon)
    assert schoon <= BedragField.KOLOM_MAXIMUM


@pytest.mark.parametrize("waarde", ["٤٥٠", "４５０", "٤٥٠,٥٠"])
def test_bedrag_in_andere_cijfers_wordt_niet_gelezen(waarde):
    from portal.bedrag import OngeldigBedrag, parse_bedrag

    with pytest.raises(OngeldigBedrag):
        parse_bedrag(waarde)


def test_werkvoorraadfilter_in_andere_cijfers_wordt_genegeerd():
    from types import SimpleNamespace

    from behandeling.forms import WerkvoorraadFilterForm

    keuzes = {"kostensoorten": [SimpleNamespace(pk=3, naam="Bril")], "gemeenten": []}
    for vreemd in ("٣", "３", "3" * 20):
        form = WerkvoorraadFilterForm({"kostensoort": vreemd}, **keuzes)
        assert form.filters()["kostensoort"] is None, vreemd
    assert WerkvoorraadFilterForm({"kostensoort": "3"}, **keuzes).filters()["kostensoort"] == 3
