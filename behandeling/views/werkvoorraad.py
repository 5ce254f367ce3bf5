"""The werkvoorraad: the queue, its filters and "take the next one"."""

import hashlib
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from behandeling import selectors
from behandeling.forms import WerkvoorraadFilterForm, ZekerheidLijstForm
from behandeling.presenters import (
    aanvraag_rij,
    werkvoorraad_filters,
)
from behandeling.views import BEHANDELAARS
from behandeling.werkvoorraad import (
    volgende_aanvraag_claimen,
)
from behandeling.zekerheden import ZEKERHEID_LABELS
from portal.rollen import rol_vereist
from portal.selectors import gemeente_list, kalenders_get
from uitbetaling import selectors as uitbetaling_selectors
from wegwijzer.selectors import kostensoort_catalogus


@rol_vereist(*BEHANDELAARS)
def werkvoorraad(request):
    kostensoorten = kostensoort_catalogus()
    gemeenten = gemeente_list(medewerker=request.user)
    if "zekerheid" in request.GET:  # a figure on the dashboard: the aanvragen behind it
        lijst_form = ZekerheidLijstForm(
            request.GET, vandaag=timezone.localdate(), gemeenten=gemeenten
        )
        lijst = lijst_form.lijst()
        if lijst is not None:
            return _zekerheid_lijst(request, lijst)
    filter_form = WerkvoorraadFilterForm(
        request.GET or None, kostensoorten=kostensoorten, gemeenten=gemeenten
    )
    filters = filter_form.filters()  # unbound (no query string): no filter at all
    if request.GET:
        filter_form = filter_form.alleen_geldig()  # an old or typed link: ignored, not scolded
    filter_status, alleen_mijn, niet_opgepakt = filters["status"], filters["mijn"], filters["vrij"]
    kostensoort_id, gemeente_id = filters["kostensoort"], filters["gemeente"]
    qs = selectors.werkvoorraad_list(
        medewerker=request.user,
        filter_status=filter_status,
        alleen_mijn=alleen_mijn,
        kostensoort_id=kostensoort_id,
        gemeente_id=gemeente_id,
        niet_opgepakt=niet_opgepakt,
    )
    tellingen = selectors.werkvoorraad_tellingen(medewerker=request.user)
    paginator = Paginator(qs, 25)
    if not any(filters.values()):
        paginator.count = tellingen["totaal"]  # the whole open queue: counted once, not twice
    pagina = paginator.get_page(request.GET.get("pagina"))
    vandaag = timezone.localdate()
    aanvragen = list(pagina.object_list)
    kalenders = kalenders_get(gemeente_ids={a.gemeente_id for a in aanvragen}, vanaf=vandaag)
    return render(
        request,
        "behandeling/werkvoorraad.html",
        {
            "pagina": pagina,
            "rijen": rijen_html(
                [
                    aanvraag_rij(a, vandaag=vandaag, kalender=kalenders[a.gemeente_id])
                    for a in aanvragen
                ]
            ),
            "tellingen": tellingen,
            "filter_status": filter_status,
            "filter_form": filter_form,
            "kostensoort_id": kostensoort_id,
            "gemeente_id": gemeente_id,
            "niet_opgepakt": niet_opgepakt,
            "alleen_mijn": alleen_mijn,
            "filters": werkvoorraad_filters(**filters),
            "ter_goedkeuring": selectors.ter_goedkeuring_list(medewerker=request.user)[:20],
            "betalingen_terug": uitbetaling_selectors.betalingen_terug_list(
                medewerker=request.user
            )[:20],
        },
    )


RIJ_SECONDEN = 600  # a renamed gemeente, kostensoort or colleague shows within ten minutes


def rijen_html(rijen: list) -> list[str]:
    """The werkvoorraad's rows as HTML, each cached under what it shows (so a changed status,
    date, SLA or behandelaar is a new row, never a stale one): rendering 25 rows was most of
    the page's time (docs/benchmarks.md), one Redis round trip is not."""
    sleutels = [_rij_sleutel(r) for r in rijen]
    gevonden = cache.get_many(sleutels)
    nieuw = {}
    template = get_template("behandeling/werkvoorraad_rij.html")
    uit = []
    for sleutel, rij in zip(sleutels, rijen, strict=True):
        html = gevonden.get(sleutel)
        if html is None:
            html = nieuw[sleutel] = template.render({"r": rij})
        uit.append(mark_safe(html))  # noqa: S308 - our own template's output, escaped there
    if nieuw:
        cache.set_many(nieuw, RIJ_SECONDEN)
    return uit


def _rij_sleutel(r) -> str:
    a = r.aanvraag
    inhoud = (
        a.pk,
        a.referentie,
        a.gemeente_id,
        a.kostensoort_id,
        str(a.bedrag),
        a.status,
        a.bewijs_volgt,
        str(a.einddatum_gepland),
        a.behandelaar_id,
        r.sla,
        r.werkdagen_over,
    )
    return "behandeling:wv-rij:" + hashlib.sha256(repr(inhoud).encode()).hexdigest()[:32]


def _zekerheid_lijst(request, lijst: dict):
    """The werkvoorraad filtered to one guarantee, kept or not, in a period (all statuses)."""
    pagina = Paginator(selectors.zekerheid_list(medewerker=request.user, **lijst), 25).get_page(
        request.GET.get("pagina")
    )
    query = {k: v for k, v in request.GET.items() if k != "pagina"}
    return render(
        request,
        "behandeling/zekerheid_lijst.html",
        {
            **lijst,
            "label": ZEKERHEID_LABELS[lijst["zekerheid"]],
            "pagina": pagina,
            "filters": f"{urlencode(query)}&",
        },
    )


@require_POST
@rol_vereist(*BEHANDELAARS)
def volgende(request):
    aanvraag = volgende_aanvraag_claimen(behandelaar=request.user)
    if aanvraag is None:
        messages.info(request, _("Er staan geen nieuwe aanvragen klaar."))
        return redirect("behandeling:werkvoorraad")
    return redirect("behandeling:aanvraag", pk=aanvraag.pk)
