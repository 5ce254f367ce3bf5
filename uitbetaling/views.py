import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import logboek
from portal.rollen import Rol, rol_vereist
from uitbetaling import selectors, services
from uitbetaling.camt import OngeldigAfschrift
from uitbetaling.forms import AfschriftForm, GeweigerdForm
from uitbetaling.models import OpdrachtStatus


@rol_vereist(Rol.FINANCIEN)
def overzicht(request):
    return render(
        request,
        "uitbetaling/overzicht.html",
        {
            "batches": selectors.betaalbatch_list(medewerker=request.user)[:50],
            "opdrachten": selectors.betaalopdracht_list(medewerker=request.user)[:200],
            "afschrift_form": AfschriftForm(),
        },
    )


@rol_vereist(Rol.FINANCIEN)
def batch_download(request, pk: int):
    batch = selectors.betaalbatch_get(pk=pk, medewerker=request.user)
    if batch is None:
        raise Http404
    logboek.vastleggen(
        activiteit="uitbetalen",
        naam="betaalbestand downloaden",
        bsns=selectors.betrokkenen_van_batch(batch=batch),
        door=request.user,
    )
    response = HttpResponse(batch.xml.encode("utf-8"), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{batch.bestandsnaam}"'
    return response


@require_POST
@rol_vereist(Rol.FINANCIEN)
def batch_uitgevoerd(request, pk: int):
    batch = selectors.betaalbatch_get(pk=pk, medewerker=request.user)
    if batch is None:
        raise Http404
    services.batch_uitgevoerd_melden(batch_id=batch.pk, door=request.user)
    messages.success(request, _("Batch %(id)s is gemeld als uitgevoerd.") % {"id": batch.msg_id})
    return redirect("uitbetaling:overzicht")


@require_POST
@rol_vereist(Rol.FINANCIEN)
def uitgevoerd(request, pk: int):
    if selectors.betaalopdracht_get(pk=pk, medewerker=request.user) is None:
        raise Http404
    opdracht = services.betaalopdracht_uitgevoerd_melden(opdracht_id=pk, door=request.user)
    if opdracht.status == OpdrachtStatus.UITGEVOERD:
        messages.success(
            request, _("Betaling %(id)s is gemeld als uitgevoerd.") % {"id": opdracht.end_to_end_id}
        )
    return redirect("uitbetaling:overzicht")


@require_POST
@rol_vereist(Rol.FINANCIEN)
def geweigerd(request, pk: int):
    if selectors.betaalopdracht_get(pk=pk, medewerker=request.user) is None:
        raise Http404
    form = GeweigerdForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul de reden van de bank in."))
        return redirect("uitbetaling:overzicht")
    opdracht = services.betaalopdracht_geweigerd_melden(
        opdracht_id=pk, door=request.user, reden=form.cleaned_data["reden"]
    )
    messages.success(
        request, _("Betaling %(id)s is terug bij de behandelaar.") % {"id": opdracht.end_to_end_id}
    )
    return redirect("uitbetaling:overzicht")


@require_POST
@rol_vereist(Rol.FINANCIEN)
def afschrift(request):
    form = AfschriftForm(request.POST, request.FILES)
    if not form.is_valid():
        for fout in form.errors.get("afschrift", []):
            messages.error(request, fout)
        return redirect("uitbetaling:overzicht")
    try:
        uitkomst = services.afschrift_verwerken(
            xml=form.cleaned_data["afschrift"].read(), door=request.user
        )
    except OngeldigAfschrift:
        messages.error(request, _("Dit bestand is geen afschrift dat we kunnen lezen."))
    else:
        messages.success(
            request,
            _("Verwerkt: %(u)s uitgevoerd, %(g)s geweigerd, %(o)s onbekend.")
            % {"u": uitkomst["uitgevoerd"], "g": uitkomst["geweigerd"], "o": uitkomst["onbekend"]},
        )
    return redirect("uitbetaling:overzicht")


@rol_vereist(Rol.FINANCIEN)
def leningen_export(request):
    """Terugbetalingsafspraken for the gemeente's own collection system (CSV)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="terugbetalingsafspraken.csv"'
    schrijver = csv.writer(response, delimiter=";")
    schrijver.writerow(
        [
            "referentie",
            "gemeente",
            "naam",
            "adres",
            "postcode",
            "woonplaats",
            "bedrag",
            "aflossing_per_maand",
            "aantal_maanden",
            "eerste_termijn",
        ]
    )
    betrokkenen = []
    for bsn, aanvraag_id, rij in selectors.terugbetalingsafspraak_list(medewerker=request.user):
        schrijver.writerow(rij)
        betrokkenen.append((bsn, aanvraag_id))
    logboek.vastleggen(
        activiteit="uitbetalen",
        naam="terugbetalingsafspraken exporteren",
        bsns=betrokkenen,
        door=request.user,
    )
    return response


@require_POST
@rol_vereist(Rol.FINANCIEN)
def batch_geweigerd(request, pk: int):
    batch = selectors.betaalbatch_get(pk=pk, medewerker=request.user)
    if batch is None:
        raise Http404
    reden = request.POST.get("reden", "").strip()[:300] or _("geen reden opgegeven")
    services.batch_geweigerd_melden(batch_id=batch.pk, door=request.user, reden=reden)
    messages.success(
        request,
        _("Batch %(id)s is geweigerd; de betalingen gaan in een nieuw bestand.")
        % {"id": batch.msg_id},
    )
    return redirect("uitbetaling:overzicht")
