"""The teamleider's dashboard: the four guarantees since a date and per week (12 weeks, per
gemeente in the CSV), each figure a link to the aanvragen behind it."""

from django.shortcuts import render
from django.utils import timezone

from behandeling import selectors
from behandeling.forms import PeriodeForm
from behandeling.presenters import trend_rijen, zekerheden_csv, zekerheden_trend
from behandeling.zekerheden import weken_tot
from portal.rollen import Rol, rol_vereist
from portal.selectors import gemeente_list


@rol_vereist(Rol.TEAMLEIDER)
def dashboard(request):
    vandaag = timezone.localdate()
    van, tot = PeriodeForm(request.GET or None, vandaag=vandaag).periode()
    # Shown with the period in force (a wrong or far date is corrected, not refused).
    periode_form = PeriodeForm({"van": van.isoformat(), "tot": tot.isoformat()}, vandaag=vandaag)
    cijfers = selectors.dashboard_cijfers(van=van, tot=tot, medewerker=request.user)
    weken = weken_tot(tot)
    if request.GET.get("formaat") == "csv":
        gemeenten = {g.pk: g.naam for g in gemeente_list(medewerker=request.user)}
        return zekerheden_csv(cijfers["metingen"], gemeenten=gemeenten, weken=weken)
    trends = zekerheden_trend(cijfers["metingen"], weken=weken)
    return render(
        request,
        "behandeling/dashboard.html",
        {
            **cijfers,
            "trends": trends,
            "weken_rijen": trend_rijen(trends),
            "van": van,
            "tot": tot,
            "vandaag": vandaag,
            "periode_form": periode_form,
        },
    )
