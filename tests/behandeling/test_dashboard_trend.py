"""The dashboard's weekly trend, its CSV and the drill-down from each figure to the aanvragen
behind it: the same definitions (behandeling.zekerheden), so a figure and its list agree, and
a teamleider sees only their own gemeenten in all three."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from behandeling.besluiten import aanvraag_afwijzen, aanvraag_toekennen
from behandeling.selectors import zekerheid_list
from behandeling.werkvoorraad import aanvraag_oppakken
from behandeling.zekerheden import MET_AANVRAGEN, Zekerheid, per_week, weken_tot
from portal.rollen import Rol
from tests.factories import GemeenteFactory, UserFactory, beide_gemeenten, ingediende_aanvraag

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
VANDAAG = datetime(2026, 11, 25, 12, 0, tzinfo=AMS)  # a Wednesday in ISO week 48


def _besloten(*, ingediend: datetime, besloten: datetime, duur: int, toekennen: bool, bsn=None):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=beide_gemeenten())
    aanvraag = ingediende_aanvraag(nu=ingediend, **({"bsn": bsn} if bsn else {}))
    aanvraag.duur_seconden = duur
    aanvraag.save(update_fields=["duur_seconden"])
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    with time_machine.travel(besloten, tick=False):
        if toekennen:
            aanvraag_toekennen(
                aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=Decimal("10"), motivering="ok"
            )
        else:
            aanvraag_afwijzen(aanvraag_id=aanvraag.pk, behandelaar=bea, motivering="nee")
    aanvraag.refresh_from_db()
    return aanvraag


@pytest.fixture
def drie():
    """Week 47: one quick aanvraag decided on time and paid the same day; week 45: a slow one
    decided late (in week 47); and one of another gemeente in week 47."""
    snel = _besloten(
        ingediend=datetime(2026, 11, 16, 9, 0, tzinfo=AMS),
        besloten=datetime(2026, 11, 17, 23, 30, tzinfo=AMS),  # late evening: still the 17th here
        duur=600,
        toekennen=True,
    )
    traag = _besloten(
        ingediend=datetime(2026, 11, 2, 9, 0, tzinfo=AMS),
        besloten=datetime(2026, 11, 18, 10, 0, tzinfo=AMS),
        duur=1200,
        toekennen=False,
    )
    elders = _besloten(
        ingediend=datetime(2026, 11, 16, 9, 0, tzinfo=AMS),
        besloten=datetime(2026, 11, 20, 10, 0, tzinfo=AMS),
        duur=100,
        toekennen=False,
        bsn="100042090",  # Dorpsveen
    )
    assert elders.gemeente_id != snel.gemeente_id == traag.gemeente_id
    return snel, traag, elders


def _teamleider(gemeente):
    return UserFactory(rollen=[Rol.TEAMLEIDER], gemeenten=[gemeente])


def test_per_week_telt_elke_zekerheid_in_haar_eigen_week(drie):
    snel, traag, _elders = drie
    leider = _teamleider(snel.gemeente)
    weken = weken_tot(VANDAAG.date())
    assert len(weken) == 12 and weken[-1] == date(2026, 11, 23) and weken[0] == date(2026, 9, 7)
    metingen = {
        (m.zekerheid, m.week): (m.gemeten, m.gehaald)
        for m in per_week(medewerker=leider, weken=weken)
    }
    assert metingen[(Zekerheid.AANVRAAG, date(2026, 11, 16))] == (1, 1)
    assert metingen[(Zekerheid.AANVRAAG, date(2026, 11, 2))] == (1, 0)
    assert metingen[(Zekerheid.BESLUIT, date(2026, 11, 16))] == (2, 1)  # traag was too late
    assert metingen[(Zekerheid.UITBETALING, date(2026, 11, 16))] == (1, 1)
    assert len(metingen) == 4  # the other gemeente's aanvraag is nowhere


def test_elke_lijst_telt_precies_wat_het_cijfer_zegt(drie):
    snel, traag, _elders = drie
    leider = _teamleider(snel.gemeente)
    weken = weken_tot(VANDAAG.date())
    for m in per_week(medewerker=leider, weken=weken):
        if m.zekerheid not in MET_AANVRAGEN:
            continue
        periode = {"van": m.week, "tot": m.week + timedelta(days=6)}
        lijst = {
            keuze: list(
                zekerheid_list(
                    medewerker=leider, zekerheid=m.zekerheid, gehaald_filter=keuze, **periode
                )
            )
            for keuze in ("", "ja", "nee")
        }
        assert (len(lijst[""]), len(lijst["ja"]), len(lijst["nee"])) == (
            m.gemeten,
            m.gehaald,
            m.gemeten - m.gehaald,
        ), m
    te_laat = zekerheid_list(
        medewerker=leider,
        zekerheid=Zekerheid.BESLUIT,
        gehaald_filter="nee",
        van=date(2026, 11, 16),
        tot=date(2026, 11, 22),
    )
    assert [a.pk for a in te_laat] == [traag.pk]


def test_dashboard_toont_trend_met_links_naar_de_aanvragen(client, drie):
    snel, traag, elders = drie
    client.force_login(_teamleider(snel.gemeente))
    with time_machine.travel(VANDAAG, tick=False):
        pagina = client.get(reverse("behandeling:dashboard")).content.decode()
        assert 'data-testid="trend-besluiten"' in pagina and "<desc" in pagina
        niet = (
            reverse("behandeling:werkvoorraad")
            + "?zekerheid=besluiten&amp;gehaald=nee&amp;van=2026-11-16&amp;tot=2026-11-22"
        )
        assert f'href="{niet}">1 niet gehaald</a>' in pagina
        assert "deze week" in pagina
        lijst = client.get(niet.replace("&amp;", "&"))
    assert lijst.status_code == 200
    html = lijst.content.decode()
    assert traag.referentie in html
    assert snel.referentie not in html and elders.referentie not in html
    assert "3. Besluit binnen 5 werkdagen" in html and "Niet gehaald" in html


def test_lijst_van_een_andere_gemeente_blijft_leeg_en_rare_invoer_geeft_de_werkvoorraad(
    client, drie
):
    _snel, _traag, elders = drie
    client.force_login(_teamleider(GemeenteFactory()))
    url = reverse("behandeling:werkvoorraad")
    html = client.get(
        url,
        {
            "zekerheid": "besluiten",
            "van": "2026-11-16",
            "tot": "2026-11-22",
            "gemeente": str(elders.gemeente_id),
        },
    ).content.decode()
    assert elders.referentie not in html
    for rare in (
        {"zekerheid": "wegwijzer"},
        {"zekerheid": "٣"},
        {"zekerheid": "besluiten", "van": "9999-99-99"},
    ):
        antwoord = client.get(url, rare)
        assert antwoord.status_code == 200, rare


def test_csv_per_week_en_gemeente_met_aantallen_en_percentages(client, drie):
    snel, _traag, elders = drie
    leider = UserFactory(rollen=[Rol.TEAMLEIDER], gemeenten=[snel.gemeente, elders.gemeente])
    client.force_login(leider)
    with time_machine.travel(VANDAAG, tick=False):
        antwoord = client.get(reverse("behandeling:dashboard"), {"formaat": "csv"})
    rijen = list(csv.DictReader(io.StringIO(antwoord.content.decode()), delimiter=";"))
    assert len(rijen) == 12 * 2 * 4  # every week, gemeente and guarantee, also the empty ones
    besluiten = {
        (r["week"], r["gemeente"]): (r["gemeten"], r["gehaald"], r["gehaald_procent"])
        for r in rijen
        if r["zekerheid"] == "3. Besluit binnen 5 werkdagen"
    }
    assert besluiten[("2026-W47", snel.gemeente.naam)] == ("2", "1", "50")
    assert besluiten[("2026-W47", elders.gemeente.naam)] == ("1", "1", "100")
    assert besluiten[("2026-W46", snel.gemeente.naam)] == ("0", "0", "")
