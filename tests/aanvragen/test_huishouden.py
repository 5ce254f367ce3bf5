"""Household semantics as a table (aanvragen/huishouden.py; shared/brp partner-overzicht-gba)."""

import pytest

from aanvragen.huishouden import Partner, PartnerSituatie, huishouden

P = PartnerSituatie
HUIDIG = Partner(bsn="100025006", naam="Youssef El Amrani")
ONTBONDEN = Partner(bsn="100200023", naam="Kees Mulder", ontbonden=True)
ZONDER_BSN = Partner(naam="Layla Haddad")
TWEEDE = Partner(bsn="100200072", naam="Noor El Amrani")


@pytest.mark.parametrize(
    "partners, situatie, heeft_partner, digid, partner",
    [
        ([], P.GEEN, False, False, None),
        ([ONTBONDEN], P.GEEN, False, False, None),  # divorced: lives alone
        ([HUIDIG], P.PARTNER, True, True, HUIDIG),
        ([ZONDER_BSN], P.ZONDER_BSN, True, False, ZONDER_BSN),  # still a partner
        ([HUIDIG, TWEEDE], P.MEERDERE, True, False, None),  # the behandelaar decides
        ([ONTBONDEN, HUIDIG], P.PARTNER, True, True, HUIDIG),
        ([Partner(ontbonden=True)], P.GEEN, False, False, None),
    ],
)
def test_huishouden(partners, situatie, heeft_partner, digid, partner):
    uitkomst = huishouden(partners)
    assert uitkomst.situatie == situatie
    assert uitkomst.heeft_partner is heeft_partner
    assert uitkomst.toestemming_met_digid_mogelijk is digid
    assert uitkomst.partner == partner
    assert uitkomst.behandelaar_beslist is (situatie == P.MEERDERE)


def test_onderzoek_bij_de_partner_telt_alleen_voor_huidige_partners():
    assert huishouden([Partner(bsn="1", in_onderzoek=True)]).partner_in_onderzoek
    assert not huishouden(
        [Partner(bsn="1", in_onderzoek=True, ontbonden=True)]
    ).partner_in_onderzoek
