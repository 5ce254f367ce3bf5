"""Security headers that Django's SecurityMiddleware does not set."""

from django.utils.cache import add_never_cache_headers

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


class BeveiligingsHeaders:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Staff pages and downloads hold inwoners' data: never in a browser or proxy cache.
            add_never_cache_headers(response)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class Trace:
    """Every request gets a W3C trace id (continued from `traceparent` when a gateway sent
    one): the Logboek Dataverwerkingen ties its entries to it, and responses show it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from portal.logboek import trace_begin

        request.trace_id = trace_begin(request.headers.get("traceparent", ""))
        response = self.get_response(request)
        response.setdefault("X-Trace-Id", request.trace_id)
        return response


class KlantAdres:
    """Put the client's own address in REMOTE_ADDR (the proxy's stays in PORTAL_PROXY_ADRES),
    so django-axes, the rate limits and the logs all see the same, unforgeable address.
    First in the chain; configured by PORTAL_PROXY_AANTAL and PORTAL_PROXY_ADRESSEN."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        from portal.klantadres import klant_adres

        if settings.PORTAL_PROXY_AANTAL:
            peer = request.META.get("REMOTE_ADDR", "")
            request.META["PORTAL_PROXY_ADRES"] = peer
            request.META["REMOTE_ADDR"] = klant_adres(
                peer,
                request.META.get("HTTP_X_FORWARDED_FOR", ""),
                proxies=settings.PORTAL_PROXY_AANTAL,
                proxy_netwerken=settings.PORTAL_PROXY_ADRESSEN,
            )
        return self.get_response(request)
