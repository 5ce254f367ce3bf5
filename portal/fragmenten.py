"""A page's content rendered once per distinct content (ADR 0014).

`fragment()` renders a template without the request (no context processors) and caches the HTML
under a hash of `inhoud`: everything the fragment shows, as plain values the view read cheaply
(the rows themselves, or a stamp of their versions: `portal.stempel`). A change is a new key, so
an old fragment is never served; expiry only bounds memory and the rare rename of a colleague.

Forms inside a fragment keep working: `{% csrf_token %}` renders a placeholder that every
response replaces with this request's own token. Nothing else per request (messages, the user's
name in the header) may be inside: the view passes what the fragment needs explicitly, and puts
the viewer's id and roles into `inhoud` when the fragment depends on them.

`inhoud=None` renders without the cache (a page with a bound form, or a database that cannot
stamp its rows): the same template, the same output. `PORTAL_PAGINACACHE=0` does so everywhere.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from portal.generatie import generaties

PLAATSHOUDER = "csrf-plaatshouder-3f9c1e"  # never a real token: those are 64 letters and digits
SECONDEN = 600


def fragment(
    request,
    *,
    template: str,
    inhoud: tuple | None,
    context: Callable[[], dict],
    generatie_namen: tuple[str, ...] = (),
) -> SafeString:
    """The rendered `template` for `inhoud`; `context()` is only called to render it."""
    if inhoud is None or not settings.PORTAL_PAGINACACHE:
        return _invullen(request, _renderen(template, context))
    sleutel = _sleutel(template, (inhoud, generaties(generatie_namen), get_language()))
    html = cache.get(sleutel)
    if html is None:
        html = _renderen(template, context)
        cache.set(sleutel, html, SECONDEN)
    return _invullen(request, html)


def _sleutel(template: str, inhoud: tuple) -> str:
    digest = hashlib.sha256(repr(inhoud).encode()).hexdigest()[:40]
    return f"portal:fragment:{template}:{digest}"


def _renderen(template: str, context: Callable[[], dict]) -> str:
    return get_template(template).render({**context(), "csrf_token": PLAATSHOUDER})


def _invullen(request, html: str) -> SafeString:
    if PLAATSHOUDER in html:
        html = html.replace(PLAATSHOUDER, get_token(request))
    return mark_safe(html)  # noqa: S308 - our own templates' output, escaped there
