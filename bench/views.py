"""Reference points for the benchmark: the limit of this machine for a Django view, and the
cost of a plain django-formtools step with the library's defaults (session storage in the
database sessions). Only mounted by bench.settings, never in the portal itself."""

from django import forms
from django.http import HttpResponse
from formtools.wizard.views import NamedUrlSessionWizardView


def kaal(request):
    return HttpResponse(b"ok", content_type="text/plain")


class StapEen(forms.Form):
    telefoon = forms.CharField(max_length=20)
    email = forms.EmailField(required=False)


class StapTwee(forms.Form):
    bedrag = forms.DecimalField(max_digits=9, decimal_places=2)


class KaleWizard(NamedUrlSessionWizardView):
    form_list = [("een", StapEen), ("twee", StapTwee)]
    template_name = "bench/wizard.html"

    def done(self, form_list, **kwargs):
        return HttpResponse(b"klaar", content_type="text/plain")


def met_database_sessie(view):
    """Run `view` on a plain database session (Django's default engine), whatever the portal's
    SESSION_ENGINE is: the reference the issue names. Same cookie, same save rules."""
    from functools import wraps

    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.session = SessionStore(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
        response = view(request, *args, **kwargs)
        if request.session.modified:
            request.session.save()
            response.set_cookie(
                settings.SESSION_COOKIE_NAME,
                request.session.session_key,
                max_age=settings.SESSION_COOKIE_AGE,
                httponly=True,
                samesite="Lax",
            )
            request.session.modified = False  # saved once here, not again by the middleware
        return response

    return wrapper
