"""The client's address behind the gemeente's proxies: lock-outs and rate limits key on it."""

import pytest
from django.urls import reverse

from portal import limieten
from portal.klantadres import klant_adres
from tests.helpers import MEDEWERKER_WACHTWOORD, PortalClient, medewerker_met_wachtwoord

PROXY = "10.0.0.2"


@pytest.mark.parametrize(
    ("peer", "xff", "proxies", "netwerken", "verwacht"),
    [
        ("203.0.113.7", "", 0, [], "203.0.113.7"),  # no proxy configured: the socket
        ("203.0.113.7", "6.6.6.6", 0, [], "203.0.113.7"),  # ... and the header is ignored
        (PROXY, "203.0.113.7", 1, [], "203.0.113.7"),  # one nginx appends the client
        (PROXY, "6.6.6.6, 203.0.113.7", 1, [], "203.0.113.7"),  # a forged entry on the left
        (PROXY, "6.6.6.6, 203.0.113.7, 10.0.0.9", 2, [], "203.0.113.7"),  # two hops
        (PROXY, "", 1, [], PROXY),  # a broken chain: never the client's own pick
        (PROXY, "niet-een-adres", 1, [], PROXY),
        (PROXY, "2001:db8::1", 1, [], "2001:db8::1"),
        (PROXY, "203.0.113.7", 1, ["10.0.0.0/8"], "203.0.113.7"),  # from a known proxy
        ("198.51.100.4", "6.6.6.6", 1, ["10.0.0.0/8"], "198.51.100.4"),  # straight past it
    ],
)
def test_klant_adres(peer, xff, proxies, netwerken, verwacht):
    assert klant_adres(peer, xff, proxies=proxies, proxy_netwerken=netwerken) == verwacht


def _inloggen(bea, *, xff, peer=PROXY, wachtwoord=MEDEWERKER_WACHTWOORD):
    return PortalClient(REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=xff).post(
        reverse("medewerker-inloggen"),
        {"username": bea.username, "password": wachtwoord, "next": "/behandeling/"},
    )


@pytest.mark.django_db
def test_aanvaller_achter_de_proxy_blokkeert_een_collega_niet(settings):
    from axes.models import AccessAttempt

    settings.PORTAL_PROXY_AANTAL = 1
    bea = medewerker_met_wachtwoord()
    for nep in range(5):  # a new forged left-most address each time does not help
        _inloggen(bea, xff=f"6.6.6.{nep}, 203.0.113.7", wachtwoord="fout")
    assert _inloggen(bea, xff="203.0.113.7").status_code == 429  # locked: from that address
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    # Bea herself, at the town hall, through the same proxy: not locked out.
    assert _inloggen(bea, xff="198.51.100.9").status_code == 302


@pytest.mark.django_db
def test_buiten_de_proxy_om_telt_het_eigen_adres(settings):
    from axes.models import AccessAttempt

    settings.PORTAL_PROXY_AANTAL = 1
    settings.PORTAL_PROXY_ADRESSEN = ["10.0.0.0/8"]
    bea = medewerker_met_wachtwoord()
    _inloggen(bea, peer="198.51.100.4", xff="192.0.2.1", wachtwoord="fout")  # untrusted hop
    assert AccessAttempt.objects.get().ip_address == "198.51.100.4"


@pytest.mark.django_db
def test_terugbelformulier_heeft_een_limiet_per_klant(settings, monkeypatch):
    settings.PORTAL_PROXY_AANTAL = 1
    monkeypatch.setitem(limieten.LIMIETEN, "terugbellen", limieten.Limiet("ip", "3/m"))
    aanvaller = PortalClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    for _ in range(3):
        assert aanvaller.post(reverse("aanvragen:terugbellen"), {}).status_code == 200
    assert aanvaller.post(reverse("aanvragen:terugbellen"), {}).status_code == 429
    inwoner = PortalClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert inwoner.post(reverse("aanvragen:terugbellen"), {}).status_code == 200
