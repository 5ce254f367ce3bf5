"""Staff roles and the checks views use. Inwoners are not staff: they log in with DigiD.

Each role is a Django group with the same name; `make run`'s demo command creates them.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


class Rol(StrEnum):
    BEHANDELAAR = "behandelaar"
    TEAMLEIDER = "teamleider"
    KLANTCONTACT = "klantcontact"
    FINANCIEN = "financien"
    FUNCTIONEEL_BEHEER = "functioneel_beheer"


def rollen_van(user) -> frozenset[Rol]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_portal_rollen", None)
    if cached is None:
        namen = set(user.groups.values_list("name", flat=True))
        cached = frozenset(rol for rol in Rol if rol.value in namen)
        user._portal_rollen = cached
    return cached


def heeft_rol(user, *rollen: Rol) -> bool:
    return bool(rollen_van(user) & set(rollen))


def rol_vereist(*rollen: Rol) -> Callable:
    """Allow the view only to staff with one of `rollen`; others get 403, anonymous a login."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not heeft_rol(request.user, *rollen):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.vereiste_rollen = frozenset(rollen)
        return wrapper

    return decorator
