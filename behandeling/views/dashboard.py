"""The teamleider's dashboard: the four guarantees per period, week and gemeente."""

from django.shortcuts import render
from django.utils import timezone

from behandeling import selectors
from behandeling.forms import (
    PeriodeForm,
)
from behandeling.presenters import (
    zekerheden_balken,
    zekerheden_csv,
)
from portal.rollen import Rol, rol_vereist


@rol_vereist(Rol.TEAMLEIDER)
def dashboard(request):
    vandaag = timezone.localdate()
    van, tot = PeriodeForm(request.GET or None, vandaag=vandaag).periode()
    # Shown with the period in force (a wrong or far date is corrected, not refused).
    periode_form = PeriodeForm({"van": van.isoformat(), "tot": tot.isoformat()}, vandaag=vandaag)
    cijfers = selectors.dashboard_cijfers(van=van, tot=tot, medewerker=request.user)
    if request.GET.get("formaat") == "csv":
        return zekerheden_csv(cijfers["zekerheden"], van=van, tot=tot)
    return render(
        request,
        "behandeling/dashboard.html",
        {
            **cijfers,
            "balken": zekerheden_balken(cijfers["zekerheden"]),
            "van": van,
            "tot": tot,
            "periode_form": periode_form,
        },
    )
