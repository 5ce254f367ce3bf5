"""Rate limits: how often one visitor may do an expensive or sensitive thing.

One table, one decorator. Counted in the shared cache (Redis in production) by django-ratelimit;
over the limit the visitor gets a Dutch page with status 429 and nothing they typed is lost
(the wizard keeps its draft; the Wegwijzer keeps its state in the page).
"""

import hashlib
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited


@dataclass(frozen=True)
class Limiet:
    per: str  # "ip" or "persoon" (the logged-in inwoner or colleague, else the address)
    rate: str  # django-ratelimit syntax: "<count>/<period>"


LIMIETEN = {
    "wegwijzer-check": Limiet("ip", "120/m"),  # an office or a family shares one address
    "digid-login": Limiet("ip", "20/m"),
    "medewerker-login": Limiet("ip", "30/m"),  # per account: django-axes (5 failures)
    "indienen": Limiet("persoon", "10/h"),
    "upload": Limiet("persoon", "60/h"),
    "terugbellen": Limiet("ip", "10/h"),  # anonymous: name and phone number, no login
}


def klant_ip(request) -> str:
    """The client's address (portal.middleware.KlantAdres already resolved the proxies)."""
    return request.META.get("REMOTE_ADDR", "")


def _persoon(_group, request) -> str:
    """The inwoner (by a keyed hash of the BSN, never the BSN itself) or the colleague."""
    from portal.digid import huidige_inwoner

    inwoner = huidige_inwoner(request, verlengen=False)
    if inwoner is not None:
        return hashlib.sha256(f"{settings.SECRET_KEY}:{inwoner.bsn}".encode()).hexdigest()
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return klant_ip(request)


def te_vaak(request, naam: str) -> bool:
    """Count one attempt of `naam` and say whether it is over the limit."""
    limiet = LIMIETEN[naam]
    return is_ratelimited(
        request,
        group=naam,
        key="ip" if limiet.per == "ip" else _persoon,
        rate=limiet.rate,
        method=ALL,
        increment=True,
    )


def beperkt(naam: str, *, alleen_post: bool = True):
    """View decorator: over the limit, answer with the 429 page instead of running the view."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if (not alleen_post or request.method == "POST") and te_vaak(request, naam):
                return te_veel_verzoeken(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def te_veel_verzoeken(request, exception=None):
    """Over a limit: a Dutch page, status 429, with a hint when to try again."""
    response = render(request, "portal/te_veel_verzoeken.html", status=429)
    response["Retry-After"] = "120"
    return response


def axes_gebruikersnaam(request, credentials=None) -> str | None:
    """The username django-axes counts failures for, cut to the longest username an account can
    have: a longer one matches no account, and its attempt row must still fit the database
    (a 5 000-character username gave a 500 on the staff login)."""
    from django.contrib.auth.models import User

    bron = credentials if credentials else getattr(request, "POST", {})
    naam = bron.get("username") if bron else None
    return naam[: User._meta.get_field("username").max_length] if naam else naam
