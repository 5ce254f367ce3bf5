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
from portal import werkgebied
from portal.fragmenten import fragment
from portal.rollen import MEDEWERKERS, rol_vereist
from portal.selectors import GEMEENTEN, KALENDER, gemeente_list, kalenders_get
from uitbetaling import selectors as uitbetaling_selectors
from wegwijzer.selectors import BELEID, kostensoort_catalogus


@rol_vereist(*BEHANDELAARS)
def werkvoorraad(request):
    if "zekerheid" in request.GET:  # a figure on the dashboard: the aanvragen behind it
        lijst_form = ZekerheidLijstForm(
            request.GET,
            vandaag=timezone.localdate(),
            gemeenten=gemeente_list(medewerker=request.user),
        )
        lijst = lijst_form.lijst()
        if lijst is not None:
            return _zekerheid_lijst(request, lijst)
    vandaag = timezone.localdate()

    def context() -> dict:
        filter_form = WerkvoorraadFilterForm(
            request.GET or None,
            kostensoorten=kostensoort_catalogus(),
            gemeenten=gemeente_list(medewerker=request.user),
        )
        filters = filter_form.filters()  # unbound (no query string): no filter at all
        qs = selectors.werkvoorraad_list(
            medewerker=request.user,
            filter_status=filters["status"],
            alleen_mijn=filters["mijn"],
            kostensoort_id=filters["kostensoort"],
            gemeente_id=filters["gemeente"],
            niet_opgepakt=filters["vrij"],
        )
        tellingen = selectors.werkvoorraad_tellingen(medewerker=request.user)
        paginator = Paginator(qs, 25)
        if not any(filters.values()):
            paginator.count = tellingen["totaal"]  # the whole open queue: counted once
        pagina = paginator.get_page(request.GET.get("pagina"))
        regels = [selectors.werkvoorraad_regel(w) for w in pagina.object_list]
        kalenders = kalenders_get(gemeente_ids={r.gemeente_id for r in regels}, vanaf=vandaag)
        return {
            "pagina": pagina,
            "rijen": rijen_html(
                [
                    aanvraag_rij(r, vandaag=vandaag, kalender=kalenders[r.gemeente_id])
                    for r in regels
                ]
            ),
            "tellingen": tellingen,
            # an old or typed link: what was not valid is ignored, not scolded
            "filter_form": filter_form.alleen_geldig() if request.GET else filter_form,
            "filters": werkvoorraad_filters(**filters),
            "ter_goedkeuring": selectors.ter_goedkeuring_list(medewerker=request.user),
            "betalingen_terug": uitbetaling_selectors.betalingen_terug_list(
                medewerker=request.user
            ),
        }

    stand = selectors.werkvoorraad_stempel(medewerker=request.user)
    return render(
        request,
        "behandeling/werkvoorraad.html",
        {
            "inhoud": fragment(
                request,
                template="behandeling/werkvoorraad_inhoud.html",
                # the viewer (their gemeenten, "mijn", approvals), the query string (filters
                # and page), the day (SLA) and the version of every row shown: a change
                # anywhere is a new fragment
                inhoud=None
                if stand is None
                else (
                    request.user.pk,
                    tuple(sorted(werkgebied.gemeente_ids(request.user))),
                    tuple(sorted(request.GET.lists())),
                    vandaag,
                    stand,
                ),
                context=context,
                generatie_namen=(GEMEENTEN, KALENDER, BELEID, MEDEWERKERS),
            )
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
    inhoud = (r.aanvraag, r.sla, r.werkdagen_over)  # a WerkvoorraadRegel: all the row shows
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
