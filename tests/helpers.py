import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def wacht_op(voorwaarde, timeout: float = 20.0):
    """Poll until `voorwaarde()` is truthy and return it; fail after `timeout` seconds."""
    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        if waarde := voorwaarde():
            return waarde
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def post_stap(client, stap, data):
    """POST one wizard step; a (name, bytes) value becomes a fresh uploaded file."""
    velden = {"aanvraag-current_step": stap}
    for sleutel, waarde in data.items():
        if isinstance(waarde, tuple):
            waarde = SimpleUploadedFile(waarde[0], waarde[1])
        velden[f"{stap}-{sleutel}"] = waarde
    return client.post(reverse("aanvragen:stap", args=[stap]), velden)


class PortalClient(Client):
    """The test client, whose force_login also passes the second factor, as a colleague does
    after typing the code from the app. Tests of the second factor itself use the login form."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if user.is_staff or user.groups.exists():
            apparaat = tweede_factor(user)
            sessie = self.session
            sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
            sessie.save()


def tweede_factor(user) -> TOTPDevice:
    apparaat, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "test"}
    )
    return apparaat
