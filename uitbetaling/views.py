import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import logboek
from portal.bedrag import format_bedrag
from portal.bevestigen import eerst_bevestigen
from portal.rollen import Rol, rol_vereist
from uitbetaling import selectors
from uitbetaling.afschriften import afschrift_verwerken
from uitbetaling.batches import batch_geweigerd_melden, batch_uitgevoerd_melden
from uitbetaling.camt import OngeldigAfschrift
from uitbetaling.forms import AfschriftForm, GeweigerdForm
from uitbetaling.opdrachten import (
    BetaalstatusFout,
    betaalopdracht_geweigerd_melden,
    betaalopdracht_uitgevoerd_melden,
)


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


def _eerst_bevestigen(request, *, titel: str, uitleg: str):
    """Destructive or final acts ask once more (portal.bevestigen)."""
    return eerst_bevestigen(
        request,
        titel=titel,
        uitleg=uitleg,
        terug=reverse("uitbetaling:overzicht"),
        terug_tekst=_("Nee, terug naar de betalingen"),
    )


def _uitvoeren(request, actie, gelukt: str):
    try:
        actie()
    except BetaalstatusFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, gelukt)
    return redirect("uitbetaling:overzicht")


@require_POST
@rol_vereist(Rol.FINANCIEN)
def batch_uitgevoerd(request, pk: int):
    batch = selectors.betaalbatch_get(pk=pk, medewerker=request.user)
    if batch is None:
        raise Http404
    vraag = _eerst_bevestigen(
        request,
        titel=_("Heeft de bank bestand %(id)s uitgevoerd?") % {"id": batch.msg_id},
        uitleg=_(
            "Alle %(n)s betalingen in dit bestand (%(totaal)s) gaan dan op uitbetaald, behalve "
            "die de bank weigerde. De inwoners zien dat meteen. Kijk het na in de bankomgeving."
        )
        % {"n": batch.aantal, "totaal": format_bedrag(batch.totaal)},
    )
    return vraag or _uitvoeren(
        request,
        lambda: batch_uitgevoerd_melden(batch_id=batch.pk, door=request.user),
        _("Bestand %(id)s is gemeld als uitgevoerd.") % {"id": batch.msg_id},
    )


@require_POST
@rol_vereist(Rol.FINANCIEN)
def uitgevoerd(request, pk: int):
    opdracht = selectors.betaalopdracht_get(pk=pk, medewerker=request.user)
    if opdracht is None:
        raise Http404
    vraag = _eerst_bevestigen(
        request,
        titel=_("Heeft de bank betaling %(id)s uitgevoerd?") % {"id": opdracht.end_to_end_id},
        uitleg=_("De inwoner ziet dan meteen dat %(bedrag)s is uitbetaald.")
        % {"bedrag": format_bedrag(opdracht.bedrag)},
    )
    return vraag or _uitvoeren(
        request,
        lambda: betaalopdracht_uitgevoerd_melden(opdracht_id=pk, door=request.user),
        _("Betaling %(id)s is gemeld als uitgevoerd.") % {"id": opdracht.end_to_end_id},
    )


@require_POST
@rol_vereist(Rol.FINANCIEN)
def geweigerd(request, pk: int):
    opdracht = selectors.betaalopdracht_get(pk=pk, medewerker=request.user)
    if opdracht is None:
        raise Http404
    form = GeweigerdForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul de reden van de bank in."))
        return redirect("uitbetaling:overzicht")
    vraag = _eerst_bevestigen(
        request,
        titel=_("Heeft de bank betaling %(id)s geweigerd of teruggeboekt?")
        % {"id": opdracht.end_to_end_id},
        uitleg=_("De betaling gaat terug naar de behandelaar. Die belt de inwoner."),
    )
    return vraag or _uitvoeren(
        request,
        lambda: betaalopdracht_geweigerd_melden(
            opdracht_id=pk, door=request.user, reden=form.cleaned_data["reden"]
        ),
        _("Betaling %(id)s is terug bij de behandelaar.") % {"id": opdracht.end_to_end_id},
    )


@require_POST
@rol_vereist(Rol.FINANCIEN)
def afschrift(request):
    form = AfschriftForm(request.POST, request.FILES)
    if not form.is_valid():
        for fout in form.errors.get("afschrift", []):
            messages.error(request, fout)
        return redirect("uitbetaling:overzicht")
    try:
        uitkomst = afschrift_verwerken(xml=form.cleaned_data["afschrift"].read(), door=request.user)
    except OngeldigAfschrift:
        messages.error(request, _("Dit bestand is geen afschrift dat we kunnen lezen."))
        return redirect("uitbetaling:overzicht")
    if uitkomst.al_gelezen_op is not None:
        messages.info(
            request,
            _("Dit afschrift is al verwerkt op %(op)s. Er is niets veranderd.")
            % {"op": f"{timezone.localtime(uitkomst.al_gelezen_op):%d-%m-%Y %H:%M}"},
        )
        return redirect("uitbetaling:overzicht")
    t = uitkomst.tellingen
    messages.success(
        request,
        _(
            "Verwerkt: %(u)s uitgevoerd, %(g)s teruggekomen, %(w)s in afwachting, %(a)s al "
            "verwerkt, %(o)s onbekend, %(x)s wijken af."
        )
        % {
            "u": t["uitgevoerd"],
            "g": t["teruggekomen"],
            "w": t["in_afwachting"],
            "a": t["al_verwerkt"],
            "o": t["onbekend"],
            "x": t["afwijkend"],
        },
    )
    for melding in uitkomst.meldingen[:20]:
        messages.warning(request, melding)
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
    vraag = _eerst_bevestigen(
        request,
        titel=_("Heeft de bank het hele bestand %(id)s geweigerd?") % {"id": batch.msg_id},
        uitleg=_(
            "Niets uit dit bestand is dan betaald. De %(n)s betalingen gaan in een nieuw bestand "
            "naar de bank. Reden: %(reden)s"
        )
        % {"n": batch.aantal, "reden": reden},
    )
    return vraag or _uitvoeren(
        request,
        lambda: batch_geweigerd_melden(batch_id=batch.pk, door=request.user, reden=reden),
        _("Bestand %(id)s is geweigerd; de betalingen gaan in een nieuw bestand.")
        % {"id": batch.msg_id},
    )
