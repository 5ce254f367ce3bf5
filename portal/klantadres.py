"""The client's address behind the gemeente's reverse proxies.

Behind a TLS proxy every request arrives from the proxy's address; lock-outs and rate limits
keyed on it would lock out every colleague at once. Each trusted proxy appends the address it
received the request from to X-Forwarded-For, so with N trusted proxies in front the client is
the N-th address from the right; everything left of it was sent by the client and can be
forged. Pure rules, no Django: `portal.middleware.KlantAdres` applies them to each request.

Not django-ipware: its `proxy_count` counts the proxies *listed in* the header rather than the
hops in front of the portal, so with the usual single nginx (`$proxy_add_x_forwarded_for`) it
either finds nothing or trusts the client's own, forgeable, left-most entry.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable


def _adres(tekst: str) -> str | None:
    try:
        return str(ipaddress.ip_address(tekst.strip()))
    except ValueError:
        return None


def is_vertrouwd(peer: str, netwerken: Iterable[str]) -> bool:
    """Is the socket peer one of the configured proxies (addresses or CIDR networks)?"""
    adres = _adres(peer)
    if adres is None:
        return False
    ip = ipaddress.ip_address(adres)
    return any(ip in ipaddress.ip_network(n.strip(), strict=False) for n in netwerken if n.strip())


def klant_adres(
    peer: str, forwarded_for: str, *, proxies: int, proxy_netwerken: Iterable[str] = ()
) -> str:
    """The client's address: `peer` itself without trusted proxies (or when the peer is not a
    configured proxy), else the `proxies`-th valid entry of X-Forwarded-For from the right.

    A header too short or with a malformed entry at that place is not trusted: the peer's
    address is used, so a broken chain never lets a client pick its own address."""
    netwerken = list(proxy_netwerken)
    if proxies <= 0 or (netwerken and not is_vertrouwd(peer, netwerken)):
        return peer
    keten = [d for d in forwarded_for.split(",")] if forwarded_for else []
    if len(keten) < proxies:
        return peer
    return _adres(keten[-proxies]) or peer
