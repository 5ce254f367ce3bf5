"""Security headers that Django's SecurityMiddleware does not set."""

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


class BeveiligingsHeaders:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
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
