"""The second factor for staff: a code from an authenticator app (TOTP, RFC 6238).

After the password (django.contrib.auth's LoginView, throttled by django-axes) every colleague
passes this step: the first time they link an app by scanning a QR code, after that they type
the 6-digit code. Until then their session has no role (portal.rollen.rollen_van_verzoek) and
the admin refuses them (django_otp's OTPAdminSite). A wrong code counts as a failed login for
django-axes: five in a row lock the account for a quarter of an hour.
"""

from io import BytesIO

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
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
    if koppelen:
        device, _created = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": "app"}
        )
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST":
        if form.is_valid():
            if koppelen:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(volgende)
        # A wrong code is a failed login attempt for django-axes (lock-out after five).
        user_login_failed.send(
            sender=__name__, credentials={"username": request.user.get_username()}, request=request
        )
        if getattr(request, "axes_locked_out", False):
            from django.contrib.auth import logout

            logout(request)
            return render(request, "portal/geblokkeerd.html", status=429)
    context = {"form": form, "koppelen": koppelen, "next": volgende}
    if koppelen:
        context["qr"] = _qr_svg(device.config_url)
        context["sleutel"] = _groepen(device.key)
    return render(request, "portal/tweede_stap.html", context)


def _groepen(hex_sleutel: str) -> str:
    """The secret in base32 in groups of four, for typing it into an app by hand."""
    from base64 import b32encode

    tekst = b32encode(bytes.fromhex(hex_sleutel)).decode().rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))
