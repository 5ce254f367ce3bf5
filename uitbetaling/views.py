from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.rollen import Rol, rol_vereist
from uitbetaling import selectors, services
from uitbetaling.models import Betaalopdracht, OpdrachtStatus


@rol_vereist(Rol.FINANCIEN)
def overzicht(request):
    return render(
        request,
        "uitbetaling/overzicht.html",
        {
            "opdrachten": selectors.betaalopdracht_list()[:200],
        },
    )


@require_POST
@rol_vereist(Rol.FINANCIEN)
def uitgevoerd(request, pk: int):
    try:
        opdracht = services.betaalopdracht_uitgevoerd_melden(opdracht_id=pk, door=request.user)
    except Betaalopdracht.DoesNotExist:
        raise Http404 from None
    if opdracht.status == OpdrachtStatus.UITGEVOERD:
        messages.success(
            request, _("Betaling %(id)s is gemeld als uitgevoerd.") % {"id": opdracht.end_to_end_id}
        )
    return redirect("uitbetaling:overzicht")
