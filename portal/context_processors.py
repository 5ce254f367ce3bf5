from django.conf import settings

from portal.digid import huidige_inwoner
from portal.rollen import rollen_van_verzoek


def portal(request):
    return {
        "inwoner": huidige_inwoner(request, verlengen=False),
        "rollen": {rol.value for rol in rollen_van_verzoek(request)},
        "digid_simulator": settings.DIGID_BACKEND == "simulator",
        "sessie_minuten": settings.INWONER_SESSIE_MINUTEN,
        "oidc_aan": bool(settings.OIDC_RP_CLIENT_ID),
    }
