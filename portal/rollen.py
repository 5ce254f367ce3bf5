"""Staff roles and the checks views use. Inwoners are not staff: they log in with DigiD.

Each role is a Django group with the same name; `make run`'s demo command creates them.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse


class Rol(StrEnum):
    BEHANDELAAR = "behandelaar"
    TEAMLEIDER = "teamleider"
    KLANTCONTACT = "klantcontact"
    FINANCIEN = "financien"
    FUNCTIONEEL_BEHEER = "functioneel_beheer"


MEDEWERKERS = "medewerkers"  # roles and werkgebieden; signals in portal/apps.py


def medewerker_gegevens(user) -> tuple[frozenset[Rol], frozenset[int]]:
    """A colleague's roles and the ids of the gemeenten they work for: read once per request
    (kept on the user object) and cached under the generation that every change of anyone's
    groups or gemeenten raises, so a role taken away is gone at the next request."""
    cached = getattr(user, "_portal_medewerker", None)
    if cached is None:
        from portal.generatie import onder_generatie

        def lezen():
            namen = set(user.groups.values_list("name", flat=True))
            rollen = frozenset(rol for rol in Rol if rol.value in namen)
            return rollen, frozenset(user.werkgemeenten.values_list("pk", flat=True))

        cached = onder_generatie(MEDEWERKERS, str(user.pk), lezen, 600)
        user._portal_medewerker = cached
    return cached


def rollen_van(user) -> frozenset[Rol]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return medewerker_gegevens(user)[0]


def heeft_rol(user, *rollen: Rol) -> bool:
    return bool(rollen_van(user) & set(rollen))


def rollen_van_verzoek(request) -> frozenset[Rol]:
    """The roles this request may use: none before the second factor is passed."""
    from portal.tweefactor import is_geverifieerd

    if not request.user.is_authenticated or not is_geverifieerd(request):
        return frozenset()
    return rollen_van(request.user)


def verzoek_heeft_rol(request, *rollen: Rol) -> bool:
    return bool(rollen_van_verzoek(request) & set(rollen))


def tweede_stap_url(request) -> str:
    return f"{reverse('medewerker-tweede-stap')}?{urlencode({'next': request.get_full_path()})}"


def rol_vereist(*rollen: Rol) -> Callable:
    """Allow the view only to staff with one of `rollen`; others get 403, anonymous a login."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if heeft_rol(request.user, *rollen) and not verzoek_heeft_rol(request, *rollen):
                return redirect(tweede_stap_url(request))  # password given, code not yet
            if not heeft_rol(request.user, *rollen):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.vereiste_rollen = frozenset(rollen)
        return wrapper

    return decorator
