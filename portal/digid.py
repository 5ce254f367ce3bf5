"""DigiD login for inwoners behind one interface.

Two backends, chosen with the DIGID_BACKEND setting:
- "simulator": a clearly marked page where you type a BSN (checked with the elfproef). Only for
  development and demo; refused unless DIGID_SIMULATOR_TOEGESTAAN is on.
- "saml": the production SAML flow of django-digid-eherkenning (install the `saml` extra and
  configure the identity provider in the admin). Its assertion consumer hands the BSN to
  `inwoner_inloggen`.

The inwoner's identity lives in the session only (no Django user): BSN, level of assurance and
the time of the last activity. A DigiD session ends after INWONER_SESSIE_MINUTEN without activity,
and counts only while its level satisfies the regeling's DigiD level (`Regeling.digid_niveau`):
raise the level in the admin and every inwoner logs in again at the new level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from portal.niveaus import voldoet
from portal.selectors import vereist_digid_niveau

SESSIE_SLEUTEL = "digid_inwoner"
BSN_SECTOR = "s00000000"
VERLENGEN_NA = timedelta(seconds=30)


def bsn_uit_name_id(name_id: str) -> str | None:
    """DigiD's SAML NameID is "<sector>:<number>"; only the BSN sector identifies an inwoner."""
    sector, _sep, nummer = name_id.partition(":")
    return nummer if sector == BSN_SECTOR and nummer.isdigit() and len(nummer) == 9 else None


@dataclass(frozen=True)
class Inwoner:
    bsn: str
    niveau: str
    laatste_activiteit: datetime


def inwoner_inloggen(request, *, bsn: str, niveau: str) -> None:
    vorige = request.session.get(SESSIE_SLEUTEL)
    if vorige and vorige.get("bsn") != bsn:
        request.session.flush()  # nothing of another inwoner stays in this session
    else:
        request.session.cycle_key()
    request.session[SESSIE_SLEUTEL] = {
        "bsn": bsn,
        "niveau": niveau,
        "laatste_activiteit": timezone.now().isoformat(),
    }


def inwoner_uitloggen(request) -> None:
    request.session.flush()


def huidige_inwoner(request, *, verlengen: bool = True, altijd: bool = False) -> Inwoner | None:
    data = request.session.get(SESSIE_SLEUTEL)
    if not data:
        return None
    laatste = datetime.fromisoformat(data["laatste_activiteit"])
    nu = timezone.now()
    if nu - laatste > timedelta(minutes=settings.INWONER_SESSIE_MINUTEN):
        request.session.pop(SESSIE_SLEUTEL, None)
        return None
    if not hasattr(request, "vereist_digid_niveau"):  # asked twice per request: view, chrome
        request.vereist_digid_niveau = vereist_digid_niveau()
    if not voldoet(data["niveau"], request.vereist_digid_niveau):
        return None  # logged in below the regeling's level: log in again (the login asks it)
    if verlengen and (altijd or nu - laatste >= VERLENGEN_NA):
        # Written at most every VERLENGEN_NA: saves a session write on most requests. The
        # session can only end that much *earlier* than 15 minutes after the last activity.
        data["laatste_activiteit"] = nu.isoformat()
        request.session[SESSIE_SLEUTEL] = data
    return Inwoner(bsn=data["bsn"], niveau=data["niveau"], laatste_activiteit=nu)


def login_url(volgende: str) -> str:
    if settings.DIGID_BACKEND == "simulator":
        return f"{reverse('digid-simulator')}?{urlencode({'next': volgende})}"
    return f"{reverse('digid:login')}?{urlencode({'next': volgende})}"


def inwoner_vereist(view):
    """Let the view run only for a logged-in inwoner; pass them in as `request.inwoner`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        inwoner = huidige_inwoner(request)
        if inwoner is None:
            return redirect(login_url(request.get_full_path()))
        request.inwoner = inwoner
        return view(request, *args, **kwargs)

    wrapper.inwoner_vereist = True
    return wrapper
