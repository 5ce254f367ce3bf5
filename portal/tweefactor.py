"""The second factor for staff: a code from an authenticator app (TOTP, RFC 6238).

After the password (django.contrib.auth's LoginView, throttled by django-axes) every colleague
passes this step: the first time they link an app by scanning a QR code, after that they type
the 6-digit code. Until then their session has no role (portal.rollen.rollen_van_verzoek) and
the admin refuses them (django_otp's OTPAdminSite). A wrong code counts as a failed login for
django-axes: five in a row lock the account for a quarter of an hour.
"""

import time
from io import BytesIO

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.limieten import beperkt
from portal.oidc import TWEEDE_FACTOR_IDP


def is_geverifieerd(request) -> bool:
    """Whether this staff session passed the second factor (or 2FA is off on a dev machine):
    the portal's own code, or a trusted second factor at the gemeente's identity provider."""
    if not settings.TWEE_FACTOR_VERPLICHT:
        return True
    verified = getattr(request.user, "is_verified", None)
    if verified and verified():
        return True
    return request.user.is_authenticated and request.session.get(TWEEDE_FACTOR_IDP) == (
        request.user.pk
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit uw app"),
        min_length=6,
        max_length=6,
        help_text=_("6 cijfers, bijvoorbeeld 123456. De code verandert elke 30 seconden."),
        error_messages={
            "required": _("Vul de code uit uw app in."),
            "min_length": _("De code heeft 6 cijfers."),
            "max_length": _("De code heeft 6 cijfers."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip().replace(" ", "")
        if not code.isdigit() or not self.device.verify_token(code):
            raise forms.ValidationError(
                _("Deze code klopt niet. Kijk of de klok van uw telefoon goed staat."),
                code="invalid",
            )
        return code


def _qr_svg(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    uit = BytesIO()
    qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(uit)
    svg = uit.getvalue().decode()
    return svg[svg.index("<svg") :]  # drop the XML declaration: it sits inside the HTML page


# Linking an app: only within this many minutes of typing the password, with a secret that is
# shown once and must be confirmed with a code within the same window.
KOPPEL_MINUTEN = 10
WACHTWOORD_OP = "portal_wachtwoord_op"
KOPPEL_APPARAAT = "portal_koppel_apparaat"


def wachtwoord_gegeven(sender, request, user, **kwargs) -> None:
    """user_logged_in: remember when the password (or the identity provider) was passed."""
    if request is not None and hasattr(request, "session"):
        request.session[WACHTWOORD_OP] = time.time()


def _binnen_venster(request, sleutel: str) -> bool:
    moment = request.session.get(sleutel)
    return moment is not None and time.time() - moment <= KOPPEL_MINUTEN * 60


def _nieuw_koppelapparaat(request) -> TOTPDevice:
    """A fresh secret for linking: earlier unconfirmed ones stop working, so a secret seen
    once (on a shared screen, over a shoulder) is never valid again."""
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=request.user, confirmed=False, name="app")
    request.session[KOPPEL_APPARAAT] = [device.pk, time.time()]
    return device


def _koppelapparaat(request) -> TOTPDevice | None:
    """The secret shown on the previous page, if it is still within its window."""
    pk, getoond = (request.session.get(KOPPEL_APPARAAT) or [None, 0])[:2]
    if pk is None or time.time() - getoond > KOPPEL_MINUTEN * 60:
        return None
    return TOTPDevice.objects.filter(pk=pk, user=request.user, confirmed=False).first()


@never_cache
@login_required
@beperkt("medewerker-login")
def tweede_stap(request):
    volgende = request.GET.get("next") or request.POST.get("next") or ""
    if not volgende.startswith("/") or volgende.startswith("//"):
        volgende = settings.LOGIN_REDIRECT_URL
    if is_geverifieerd(request):
        return redirect(volgende)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    koppelen = device is None
    if koppelen and not _binnen_venster(request, WACHTWOORD_OP):
        # Linking an app decides who can log in from now on: only right after the password.
        from django.contrib.auth import logout

        logout(request)
        messages.info(request, _("Log opnieuw in met uw wachtwoord om uw app te koppelen."))
        return redirect_to_login(resolve_url(volgende))
    opnieuw_getoond = False
    if koppelen:
        device = _koppelapparaat(request) if request.method == "POST" else None
        if device is None:
            if request.method == "POST":
                messages.info(request, _("De tijd om te koppelen is voorbij. Scan de nieuwe code."))
            device, opnieuw_getoond = _nieuw_koppelapparaat(request), True
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and not opnieuw_getoond:
        if form.is_valid():
            if koppelen:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                request.session.pop(KOPPEL_APPARAAT, None)
            otp_login(request, device)
            request.session.cycle_key()  # a new session id for the verified session
            return redirect(volgende)
        # A wrong code is a failed login attempt for django-axes (lock-out after five).
        user_login_failed.send(
            sender=__name__, credentials={"username": request.user.get_username()}, request=request
        )
        if getattr(request, "axes_locked_out", False):
            from django.contrib.auth import logout

            logout(request)
            return render(request, "portal/geblokkeerd.html", status=429)
        if koppelen:  # never the same secret twice: a wrong code means a new one to scan
            device = _nieuw_koppelapparaat(request)
            form.device = device
    if opnieuw_getoond:
        form = CodeForm(device=device)
    context = {"form": form, "koppelen": koppelen, "next": volgende}
    if koppelen:
        context["qr"] = _qr_svg(device.config_url)
        context["sleutel"] = _groepen(device.key)
    return render(request, "portal/tweede_stap.html", context, status=400 if form.errors else 200)


def _groepen(hex_sleutel: str) -> str:
    """The secret in base32 in groups of four, for typing it into an app by hand."""
    from base64 import b32encode

    tekst = b32encode(bytes.fromhex(hex_sleutel)).decode().rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))
