import time

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
    velden = {"aanvraag-current_step": stap}
    velden.update({f"{stap}-{k}": v for k, v in data.items()})
    return client.post(reverse("aanvragen:stap", args=[stap]), velden)
