from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal import gezondheid
from portal.celery import app as celery_app
from portal.digid import huidige_inwoner, inwoner_inloggen, inwoner_uitloggen
from portal.forms import DigidSimulatorForm
from portal.limieten import beperkt
from portal.rollen import Rol, rollen_van, tweede_stap_url
from portal.selectors import laatste_hartslag_get, vereist_digid_niveau
from portal.tweefactor import is_geverifieerd


def _veilige_volgende(request, standaard: str) -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return standaard


@never_cache
@beperkt("digid-login")
def digid_simulator(request):
    """DigiD simulator for development and demo. Refused when not explicitly allowed."""
    if not (settings.DIGID_BACKEND == "simulator" and settings.DIGID_SIMULATOR_TOEGESTAAN):
        raise Http404
    form = DigidSimulatorForm(request.POST or None, vereist=vereist_digid_niveau())
    if request.method == "POST" and form.is_valid():
        inwoner_inloggen(request, bsn=form.cleaned_data["bsn"], niveau=form.cleaned_data["niveau"])
        return redirect(_veilige_volgende(request, "aanvragen:mijn-aanvragen"))
    return render(
        request,
        "portal/digid_simulator.html",
        {"form": form, "next": _veilige_volgende(request, "")},
    )


@require_POST
def inwoner_verlengen(request):
    """Extend the DigiD session (the timeout warning's button); JSON for the script."""
    inwoner = huidige_inwoner(request, altijd=True)
    if inwoner is None:
        return JsonResponse({"ingelogd": False}, status=401)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"ingelogd": True, "minuten": settings.INWONER_SESSIE_MINUTEN})
    return redirect(_veilige_volgende(request, "aanvragen:mijn-aanvragen"))


@require_POST
def inwoner_uitloggen_view(request):
    inwoner_uitloggen(request)
    return render(request, "portal/uitgelogd.html")


@login_required
def medewerker_start(request):
    if not is_geverifieerd(request):
        return redirect(tweede_stap_url(request))
    rollen = rollen_van(request.user)
    if rollen & {Rol.BEHANDELAAR, Rol.TEAMLEIDER}:
        return redirect("behandeling:werkvoorraad")
    if Rol.FINANCIEN in rollen:
        return redirect("uitbetaling:overzicht")
    if Rol.KLANTCONTACT in rollen:
        return redirect("aanvragen:namens-start")
    if Rol.FUNCTIONEEL_BEHEER in rollen or request.user.is_staff:
        return redirect("admin:index")
    return render(request, "portal/geen_rol.html", status=403)


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:  # noqa: BLE001 - any failure means "down" for a health check
        return "down"


def _broker_status() -> str:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:  # noqa: BLE001
        return "down"


def _worker_status(database: str) -> tuple[str, str | None]:
    if database != "ok":
        return "unknown", None
    laatste = laatste_hartslag_get()
    if laatste is None:
        return "down", None
    leeftijd = (timezone.now() - laatste.laatst_gezien).total_seconds()
    status = "ok" if leeftijd <= settings.WORKER_HARTSLAG_MAX_SECONDEN else "down"
    return status, laatste.laatst_gezien.isoformat()


@never_cache
def healthz(request):
    database = _database_status()
    worker, laatste = _worker_status(database)
    checks = {
        "database": database,
        "broker": _broker_status(),
        "worker": worker,
        **gezondheid.standen(),
    }
    overall = "ok" if all(v == "ok" for v in checks.values()) else "degraded"
    if database != "ok":
        overall = "down"
    return JsonResponse(
        {"status": overall, **checks, "worker_last_seen": laatste},
        status=503 if overall == "down" else 200,
    )
