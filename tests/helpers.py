import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


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
