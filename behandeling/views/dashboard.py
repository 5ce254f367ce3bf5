"""The teamleider's dashboard: the four guarantees since a date and per week (12 weeks, per
gemeente in the CSV), each figure a link to the aanvragen behind it."""

from django.shortcuts import render
from django.utils import timezone

from behandeling import selectors
from behandeling.forms import PeriodeForm
from behandeling.presenters import trend_rijen, zekerheden_csv, zekerheden_trend
from behandeling.zekerheden import weken_tot
from portal.fragmenten import fragment
from portal.rollen import Rol, rol_vereist
from portal.selectors import GEMEENTEN, gemeente_list


@rol_vereist(Rol.TEAMLEIDER)
def dashboard(request):
    vandaag = timezone.localdate()
    van, tot = PeriodeForm(request.GET or None, vandaag=vandaag).periode()
    if request.GET.get("formaat") == "csv":
        cijfers = selectors.dashboard_cijfers(van=van, tot=tot, medewerker=request.user)
        gemeenten = {g.pk: g.naam for g in gemeente_list(medewerker=request.user)}
        return zekerheden_csv(cijfers["metingen"], gemeenten=gemeenten, weken=weken_tot(tot))

    def context() -> dict:
        cijfers = selectors.dashboard_cijfers(van=van, tot=tot, medewerker=request.user)
        trends = zekerheden_trend(cijfers["metingen"], weken=weken_tot(tot))
        return {
            **cijfers,
            "trends": trends,
            "weken_rijen": trend_rijen(trends),
            "van": van,
            "tot": tot,
            "vandaag": vandaag,
            # shown with the period in force (a wrong or far date is corrected, not refused)
            "periode_form": PeriodeForm(
                {"van": van.isoformat(), "tot": tot.isoformat()}, vandaag=vandaag
            ),
        }

    versie = selectors.dashboard_versie(van=van, tot=tot, medewerker=request.user)
    return render(
        request,
        "behandeling/dashboard.html",
        {
            # rendered once per refresh of the figures (ADR 0014); the drill-down links end today
            "inhoud": fragment(
                request,
                template="behandeling/dashboard_inhoud.html",
                inhoud=(versie, vandaag),
                context=context,
                generatie_namen=(GEMEENTEN,),
            )
        },
    )
