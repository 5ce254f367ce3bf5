from django.shortcuts import render
from django.utils import timezone

from portal.selectors import gemeente_list
from wegwijzer import selectors


def start(request):
    """The start page: who can get it, for what, what you need, how long it takes."""
    vandaag = timezone.localdate()
    return render(
        request,
        "wegwijzer/start.html",
        {
            "kostensoorten": selectors.kostensoort_list(),
            "normen": selectors.normbedrag_list(peildatum=vandaag).filter(leeftijdsgroep="21_aow"),
            "vermogensgrenzen": selectors.vermogensgrens_list(peildatum=vandaag),
            "gemeenten": gemeente_list(),
        },
    )
