import time

from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from portal.limieten import beperkt
from portal.selectors import gemeente_list, regeling_get
from wegwijzer import selectors, services
from wegwijzer.check import (
    CheckAntwoorden,
    OngeldigeStaat,
    als_tekst,
    staat_dump,
    staat_load,
    staat_nieuw,
)
from wegwijzer.forms import (
    ANDERE_GEMEENTE,
    AndersVraag,
    GeldVraag,
    GemeenteVraag,
    KostenVraag,
    SituatieVraag,
)
from wegwijzer.models import Leeftijdsgroep
from wegwijzer.regels import beoordeel

VRAGEN = [
    ("gemeente", GemeenteVraag, gettext_lazy("Waar woont u?")),
    ("kosten", KostenVraag, gettext_lazy("Waarvoor heeft u geld nodig?")),
    ("situatie", SituatieVraag, gettext_lazy("Uw situatie")),
    ("geld", GeldVraag, gettext_lazy("Uw inkomen en spaargeld")),
    ("anders", AndersVraag, gettext_lazy("Nog twee vragen")),
]
NAMEN = [naam for naam, _form, _titel in VRAGEN]


def start(request):
    """The start page: who can get it, for what, what you need, how long it takes."""
    vandaag = timezone.localdate()
    vergoed, niet_vergoed = selectors.kostensoorten_vergoed_en_niet(peildatum=vandaag)
    return render(
        request,
        "wegwijzer/start.html",
        {
            "kostensoorten": vergoed,
            "niet_vergoed": niet_vergoed,
            "normen": selectors.normbedrag_list(peildatum=vandaag).filter(
                leeftijdsgroep=Leeftijdsgroep.VAN_21_TOT_AOW
            ),
            "vermogensgrenzen": selectors.vermogensgrens_list(peildatum=vandaag),
            "gemeenten": gemeente_list(),
            # The page is the same for everyone: cached for 5 minutes, per rules generation
            # (a change to the rules shows at once) and per day. The querysets above are lazy:
            # a cached page runs none of them.
            "generatie": selectors.beleid_generatie(),
            "vandaag": vandaag.isoformat(),
        },
    )


def _form_kwargs(naam: str, antwoorden: dict) -> dict:
    if naam == "gemeente":
        return {"gemeenten": gemeente_list()}
    if naam == "kosten":
        beleidsregel = selectors.beleidsregel_get(
            gemeente=selectors.gemeente_get(pk=int(antwoorden["gemeente"])),
            regeling=regeling_get(),
            peildatum=timezone.localdate(),
        )
        return {"kostensoorten": selectors.kostensoort_list(beleidsregel=beleidsregel)}
    return {}


def _gemeente_naam(staat: dict) -> str:
    if not staat.get("gemeente_automatisch"):
        return ""
    gemeente = selectors.gemeente_get(pk=int(staat["antwoorden"]["gemeente"]))
    return gemeente.naam


def _vraag(request, staat: dict, naam: str, form=None, status: int = 200):
    index = NAMEN.index(naam)
    form = form or VRAGEN[index][1](
        initial=staat["antwoorden"], **_form_kwargs(naam, staat["antwoorden"])
    )
    eerste = 1 if staat.get("gemeente_automatisch") else 0
    return render(
        request,
        "wegwijzer/vraag.html",
        {
            "form": form,
            "vraag": naam,
            "titel": VRAGEN[index][2],
            "nummer": index + 1 - eerste,
            "totaal": len(VRAGEN) - eerste,
            "kan_terug": index > eerste,
            "gemeente_automatisch": staat.get("gemeente_automatisch", False),
            "gemeente_naam": _gemeente_naam(staat),
            "staat": staat_dump(staat),
        },
        status=status,
    )


@never_cache
@beperkt("wegwijzer-check")
def check(request):
    """ "Check in 2 minuten": a few questions, then an indicative outcome. No login, no storage."""
    if request.method != "POST":
        staat = staat_nieuw()
        gemeenten = list(gemeente_list()[:2])
        if len(gemeenten) == 1:
            staat["antwoorden"]["gemeente"] = str(gemeenten[0].pk)
            staat["gemeente_automatisch"] = True
            services.check_gestart(gemeente_id=gemeenten[0].pk, datum=timezone.localdate())
            return _vraag(request, staat, "kosten")
        return _vraag(request, staat, "gemeente")

    try:
        staat = staat_load(request.POST.get("staat", ""))
    except OngeldigeStaat:
        return _opnieuw(request)
    naam = request.POST.get("vraag")
    if naam not in NAMEN or any(n not in staat["antwoorden"] for n in _vorige_velden(naam)):
        return _opnieuw(request)
    index = NAMEN.index(naam)
    if "terug" in request.POST:
        eerste = 1 if staat.get("gemeente_automatisch") else 0
        return _vraag(request, staat, NAMEN[max(index - 1, eerste)])

    form = VRAGEN[index][1](request.POST, **_form_kwargs(naam, staat["antwoorden"]))
    if not form.is_valid():
        return _vraag(request, staat, naam, form=form)
    if naam == "gemeente" and form.cleaned_data["gemeente"] == ANDERE_GEMEENTE:
        return andere_gemeente(request)
    staat["antwoorden"].update({k: als_tekst(v) for k, v in form.cleaned_data.items()})
    if naam == "gemeente":
        services.check_gestart(
            gemeente_id=form.cleaned_data["gemeente"].pk, datum=timezone.localdate()
        )
    if index + 1 < len(VRAGEN):
        return _vraag(request, staat, NAMEN[index + 1])
    return _uitkomst(request, staat)


def andere_gemeente(request):
    """Bijzondere bijstand is asked where one lives: say where to go instead."""
    return render(request, "wegwijzer/andere_gemeente.html", {"gemeenten": gemeente_list()})


def _vorige_velden(naam: str) -> list[str]:
    """Answer keys that must exist before question `naam` (guards a tampered or stale form)."""
    return ["gemeente"] if naam != "gemeente" else []


def _opnieuw(request):
    return render(request, "wegwijzer/opnieuw.html", status=400)


def _uitkomst(request, staat: dict):
    vandaag = timezone.localdate()
    try:
        antwoorden = CheckAntwoorden.uit(staat["antwoorden"])
        gemeente = selectors.gemeente_get(pk=antwoorden.gemeente_id)
        kostensoort = selectors.kostensoort_get(pk=antwoorden.kostensoort_id)
    except (KeyError, ValueError, ArithmeticError, ObjectDoesNotExist):
        return _opnieuw(request)
    versie = selectors.beleidsversie_get(
        gemeente=gemeente, regeling=regeling_get(), peildatum=vandaag
    )
    uitkomst = (
        beoordeel(antwoorden.situatie(kostensoort_slug=kostensoort.slug, peildatum=vandaag), versie)
        if versie
        else None
    )
    if uitkomst is not None:
        services.check_afgerond(
            gemeente_id=gemeente.pk,
            datum=vandaag,
            oordeel=uitkomst.oordeel,
            seconden=int(time.time() - float(staat.get("start", time.time()))),
        )
    return render(
        request,
        "wegwijzer/uitkomst.html",
        {
            "uitkomst": uitkomst,
            "gemeente": gemeente,
            "kostensoort": kostensoort,
            "staat": staat_dump(staat),
            "titel": _("Uw uitkomst"),
        },
    )
