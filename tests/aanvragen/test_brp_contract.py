"""The BRP client on the published contract (BRP API Personen v2.7.0), not on our own fixture.

Every message served here validates against the schema (tests/brp_schema.py follows its
discriminators); each variant the schema allows for the fields the portal reads is covered: each
`verblijfplaats.type`, each date type, partners current / dissolved / without BSN / two current,
`inOnderzoek` on name, birth, address and partner. The HTTP tests run against a local server that
answers like the contract (tests/brp_server.py), with an API key, and with mutual TLS plus an
OAuth 2.0 client-credentials token as in production.
"""

import copy
import json
import logging
from pathlib import Path

import pytest

from aanvragen.brp import (
    BrpConfiguratieFout,
    BrpStoring,
    FixtureBrp,
    HaalCentraalBrp,
    proefpersonen,
    stand_get,
)
from aanvragen.brp_lezen import ADRES, GEBOORTE, NAAM, PARTNER, OngeldigePersoon, persoon_lezen
from aanvragen.huishouden import PartnerSituatie
from tests.brp_schema import controleer, fouten
from tests.brp_server import LokaleBrp, antwoord, datum, persoon

FIXTURE = Path(__file__).resolve().parents[2] / "aanvragen" / "brp_fixture.json"


def gelezen(data: dict):
    controleer(antwoord(data))  # the fixture itself must be valid first
    return persoon_lezen(data)


# --- The fixtures themselves ------------------------------------------------------------------


def test_demo_fixture_is_een_geldig_v2_antwoord():
    inhoud = json.loads(FIXTURE.read_text())
    inhoud.pop("_toelichting")
    controleer(inhoud)
    assert len(inhoud["personen"]) >= 8


def test_proefpersonen_van_de_benchmark_zijn_geldig():
    controleer(proefpersonen(["999993653", "100200011"]))


def test_de_controle_kan_falen():
    """The old, simplified shape (no `type` on verblijfplaats and dates) is refused."""
    oud = {
        "burgerservicenummer": "999993653",
        "geboorte": {"datum": {"datum": "1979-03-14"}},
        "verblijfplaats": {"verblijfadres": {"officieleStraatnaam": "Dorpsstraat"}},
    }
    gevonden = " ".join(fouten(antwoord(oud), "RaadpleegMetBurgerservicenummerResponse"))
    assert "'type' is a required property" in gevonden
    assert "langFormaat" in gevonden
    assert fouten(antwoord(persoon(leeftijd=200)), "RaadpleegMetBurgerservicenummerResponse")


# --- Every variant of the fields we read ------------------------------------------------------


def test_adres_uit_adressering_als_die_er_is():
    p = gelezen(
        persoon(
            adressering={
                "adresregel1": "Burg v Rijnsingel 12 a-3",
                "adresregel2": "1234 AB  VOORBEELDSTAD",
            }
        )
    )
    assert (p.adres, p.postcode, p.woonplaats) == (
        "Burg v Rijnsingel 12 a-3",
        "1234AB",
        "Voorbeeldstad",
    )
    assert p.adres_bruikbaar


def test_adres_zonder_adressering_met_korte_straatnaam():
    p = gelezen(persoon())
    assert p.adres == "Burg v Rijnsingel 12a-3"
    zonder_kort = persoon()
    del zonder_kort["verblijfplaats"]["verblijfadres"]["korteStraatnaam"]
    assert gelezen(zonder_kort).adres == "Burgemeester van Rijnsingel 12a-3"


def test_locatie_woonboot():
    p = gelezen(
        persoon(
            verblijfplaats={
                "type": "Locatie",
                "verblijfadres": {"locatiebeschrijving": "Woonboot bij de brug"},
            }
        )
    )
    assert p.adres == "Woonboot bij de brug" and p.adres_bruikbaar and p.adres_soort == "Locatie"


@pytest.mark.parametrize(
    "verblijfplaats",
    [
        {
            "type": "VerblijfplaatsBuitenland",
            "verblijfadres": {
                "regel1": "Rue de la Paix 1",
                "regel2": "75002 Paris",
                "land": {"code": "5002", "omschrijving": "Frankrijk"},
            },
        },
        {"type": "VerblijfplaatsOnbekend"},
    ],
    ids=["buitenland", "onbekend"],
)
def test_geen_bruikbaar_adres(verblijfplaats):
    p = gelezen(persoon(verblijfplaats=verblijfplaats))
    assert not p.adres_bruikbaar and p.adres == "" and p.adres_soort == verblijfplaats["type"]


@pytest.mark.parametrize(
    "geboortedatum, verwacht",
    [
        (datum("1979-03-14"), "1979-03-14"),
        ({"type": "JaarMaandDatum", "jaar": 1979, "maand": 3, "langFormaat": "maart 1979"}, ""),
        ({"type": "JaarDatum", "jaar": 1979, "langFormaat": "1979"}, ""),
        ({"type": "DatumOnbekend", "onbekend": True, "langFormaat": "onbekend"}, ""),
    ],
    ids=["Datum", "JaarMaandDatum", "JaarDatum", "DatumOnbekend"],
)
def test_elke_datumsoort(geboortedatum, verwacht):
    p = gelezen(persoon(geboorte={"datum": geboortedatum}, leeftijd=47))
    assert p.geboortedatum == verwacht
    assert p.geboortedatum_bekend is bool(verwacht)
    assert p.leeftijd == 47  # shown to the behandelaar who confirms the age group


def partner(bsn="100025006", **velden):
    uit = {"naam": {"voornamen": "Youssef", "geslachtsnaam": "El Amrani"}, **velden}
    if bsn:
        uit["burgerservicenummer"] = bsn
    return uit


@pytest.mark.parametrize(
    "partners, situatie, bsn, naam",
    [
        ([], PartnerSituatie.GEEN, "", ""),
        ([partner()], PartnerSituatie.PARTNER, "100025006", "Youssef El Amrani"),
        (
            [
                partner(
                    ontbindingHuwelijkPartnerschap={"datum": datum("2024-02-01", "1 februari 2024")}
                )
            ],
            PartnerSituatie.GEEN,
            "",
            "",
        ),
        ([partner(bsn="")], PartnerSituatie.ZONDER_BSN, "", "Youssef El Amrani"),
        (
            [
                partner(),
                partner(bsn="100200072", naam={"voornamen": "Noor", "geslachtsnaam": "Amrani"}),
            ],
            PartnerSituatie.MEERDERE,
            "",
            "Youssef El Amrani, Noor Amrani",
        ),
    ],
    ids=["geen", "huidig", "ontbonden", "zonder-bsn", "twee-huidige"],
)
def test_partners(partners, situatie, bsn, naam):
    p = gelezen(persoon(partners=partners))
    assert p.huishouden.situatie == situatie
    assert (p.partner_bsn, p.partner_naam) == (bsn, naam)
    assert p.heeft_partner is (situatie != PartnerSituatie.GEEN)


@pytest.mark.parametrize(
    "wijziging, gegeven",
    [
        (
            lambda p: p["naam"].update(
                inOnderzoek={"geslachtsnaam": True, "datumIngangOnderzoek": datum()}
            ),
            NAAM,
        ),
        (
            lambda p: p["geboorte"].update(
                inOnderzoek={"datum": True, "datumIngangOnderzoek": datum()}
            ),
            GEBOORTE,
        ),
        (
            lambda p: p["verblijfplaats"]["verblijfadres"].update(
                inOnderzoek={"huisnummer": True, "datumIngangOnderzoek": datum()}
            ),
            ADRES,
        ),
        (
            lambda p: p["verblijfplaats"].update(
                inOnderzoek={"type": True, "datumIngangOnderzoek": datum()}
            ),
            ADRES,
        ),
        (
            lambda p: p.update(
                partners=[
                    partner(
                        inOnderzoek={"burgerservicenummer": True, "datumIngangOnderzoek": datum()}
                    )
                ]
            ),
            PARTNER,
        ),
    ],
    ids=["naam", "geboorte", "verblijfadres", "verblijfplaats", "partner"],
)
def test_in_onderzoek(wijziging, gegeven):
    data = persoon()
    wijziging(data)
    p = gelezen(data)
    assert p.onderzoek == {gegeven}
    assert not gelezen(persoon()).onderzoek


def test_volledige_naam_van_de_brp_gaat_voor():
    data = persoon()
    data["naam"]["volledigeNaam"] = "Jan de Vries"
    assert gelezen(data).naam == "Jan de Vries"


def test_persoon_zonder_bsn_is_een_duidelijke_fout():
    data = persoon()
    del data["burgerservicenummer"]
    with pytest.raises(OngeldigePersoon):
        persoon_lezen(data)


def test_demo_personen_in_hun_variant():
    brp = FixtureBrp()
    assert brp.persoon_get("100200011").huishouden.situatie == PartnerSituatie.GEEN  # divorced
    assert brp.persoon_get("100200035").huishouden.situatie == PartnerSituatie.ZONDER_BSN
    assert brp.persoon_get("100200047").adres_soort == "Locatie"
    assert brp.persoon_get("100200047").geboortedatum == ""
    assert brp.persoon_get("100200059").onderzoek == {ADRES}


# --- HTTP: the client against a server that keeps the contract --------------------------------


@pytest.fixture
def lokale_brp():
    brp = LokaleBrp(personen={"999993653": persoon()}, api_key="proef-sleutel")
    url = brp.starten()
    yield brp, url
    brp.stoppen()


def test_proefomgeving_met_api_key(lokale_brp):
    brp, url = lokale_brp
    p = HaalCentraalBrp(url, api_key="proef-sleutel").persoon_get("999993653")
    assert p.naam == "Jan de Vries"
    [vraag] = brp.verzoeken
    assert vraag["type"] == "RaadpleegMetBurgerservicenummer"
    assert vraag["burgerservicenummer"] == ["999993653"]
    assert {
        "burgerservicenummer",
        "naam",
        "geboorte",
        "leeftijd",
        "verblijfplaats",
        "adressering",
        "partners",
    } <= set(vraag["fields"])
    assert HaalCentraalBrp(url, api_key="proef-sleutel").persoon_get("100200011") is None


@pytest.mark.django_db
@pytest.mark.parametrize("storing", ["401", "403"])
def test_geweigerde_toegang_is_configuratie_geen_storing(lokale_brp, caplog, storing):
    brp, url = lokale_brp
    brp.storing = storing
    with caplog.at_level(logging.INFO), pytest.raises(BrpConfiguratieFout):
        HaalCentraalBrp(url, api_key="proef-sleutel").persoon_get("999993653")
    assert stand_get() == "configuratie"
    log = caplog.text
    assert f"status {storing}" in log and "/haalcentraal/api/brp/personen" in log
    assert "999993653" not in log and "Vries" not in log


def test_verkeerde_sleutel(lokale_brp):
    brp, url = lokale_brp
    with pytest.raises(BrpConfiguratieFout):
        HaalCentraalBrp(url, api_key="verlopen").persoon_get("999993653")


@pytest.mark.django_db
@pytest.mark.parametrize("storing", ["503", "502-html", "200-html"])
def test_storing(lokale_brp, storing, caplog):
    brp, url = lokale_brp
    brp.storing = storing
    with caplog.at_level(logging.INFO), pytest.raises(BrpStoring):
        HaalCentraalBrp(url, api_key="proef-sleutel").persoon_get("999993653")
    assert stand_get() == "storing"
    assert "999993653" not in caplog.text
    # A 503 is tried once more after a short pause (the request only reads); the rest not.
    assert brp.pogingen == (2 if storing == "503" else 1)


def test_leeg_antwoord_is_niet_gevonden(lokale_brp):
    brp, url = lokale_brp
    brp.storing = "leeg-200"
    assert HaalCentraalBrp(url, api_key="proef-sleutel").persoon_get("999993653") is None


def test_te_traag_is_een_storing(lokale_brp):
    brp, url = lokale_brp
    brp.storing = "traag"
    with pytest.raises(BrpStoring):
        HaalCentraalBrp(url, api_key="proef-sleutel", timeout=0.5).persoon_get("999993653")


def test_onbereikbaar_is_een_storing():
    with pytest.raises(BrpStoring):
        HaalCentraalBrp("http://127.0.0.1:9", api_key="x", timeout=0.5).persoon_get("999993653")


def test_persoon_zonder_bsn_in_het_antwoord_is_geen_500(lokale_brp):
    """The schema does not require a BSN in `Persoon`: a person without one is allowed by the
    contract, and unusable for us."""
    brp, url = lokale_brp
    zonder = copy.deepcopy(persoon())
    del zonder["burgerservicenummer"]
    brp.personen["999993653"] = zonder
    with pytest.raises(BrpStoring):
        HaalCentraalBrp(url, api_key="proef-sleutel").persoon_get("999993653")


def test_de_server_dient_niets_buiten_het_contract(lokale_brp):
    brp, url = lokale_brp
    brp.personen["999993653"] = {**persoon(), "verblijfplaats": {"verblijfadres": {}}}
    with pytest.raises(BrpStoring):
        HaalCentraalBrp(url, api_key="proef-sleutel").persoon_get("999993653")
    assert brp.ongeldig
    brp.ongeldig.clear()  # seen: the fixture's teardown would fail the test otherwise


# --- Production: mutual TLS and an OAuth 2.0 client-credentials token --------------------------


@pytest.fixture
def productie(tmp_path):
    from tests.digid_idp import TestCA

    ca = TestCA(tmp_path)
    server = ca.uitgeven("brp.diginetwerk.test", hosts=("127.0.0.1",))
    klant = ca.uitgeven("gemeente-voorbeeldstad")
    brp = LokaleBrp(
        personen={"999993653": persoon()}, client_id="gemeente-9001", client_secret="geheim"
    )
    url = brp.starten(tls=server, ca_pad=ca.paar.certificaat_pad)
    yield brp, url, ca, klant
    brp.stoppen()


def _productieclient(url, ca, klant, **extra):
    return HaalCentraalBrp(
        url,
        certificaat=str(klant.certificaat_pad),
        sleutel=str(klant.sleutel_pad),
        ca_bundel=str(ca.paar.certificaat_pad),
        token_url=f"{url}/token",
        client_id=extra.pop("client_id", "gemeente-9001"),
        client_secret=extra.pop("client_secret", "geheim"),
        **extra,
    )


def test_productie_mtls_en_token_wordt_hergebruikt(productie):
    brp, url, ca, klant = productie
    client = _productieclient(url, ca, klant)
    assert client.persoon_get("999993653").naam == "Jan de Vries"
    assert client.persoon_get("999993653").bsn == "999993653"
    assert brp.tokens_uitgegeven == 1  # cached until shortly before expiry


def test_productie_token_verlopen_dan_eenmaal_vernieuwd(productie):
    brp, url, ca, klant = productie
    client = _productieclient(url, ca, klant)
    client.persoon_get("999993653")
    brp.token_intrekken()
    assert client.persoon_get("999993653").naam == "Jan de Vries"
    assert brp.tokens_uitgegeven == 2


def test_productie_verlopen_token_door_de_klok(productie):
    brp, url, ca, klant = productie
    brp.token_duur = 10  # shorter than the margin: fetched anew for every call
    client = _productieclient(url, ca, klant)
    client.persoon_get("999993653")
    client.persoon_get("999993653")
    assert brp.tokens_uitgegeven == 2


def test_productie_zonder_klantcertificaat_geen_toegang(productie):
    brp, url, ca, klant = productie
    client = HaalCentraalBrp(
        url,
        ca_bundel=str(ca.paar.certificaat_pad),
        token_url=f"{url}/token",
        client_id="gemeente-9001",
        client_secret="geheim",
    )
    with pytest.raises(BrpConfiguratieFout):
        client.persoon_get("999993653")


def test_productie_verkeerd_clientgeheim(productie):
    brp, url, ca, klant = productie
    with pytest.raises(BrpConfiguratieFout):
        _productieclient(url, ca, klant, client_secret="fout").persoon_get("999993653")
