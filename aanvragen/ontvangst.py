"""A receipt for every formal message the inwoner sends (Wmebv, Awb 2:14 and further): the
answer to a question and a proof sent later are recorded with their time and a SHA-256 of what
arrived, and the inwoner is told on the channel they chose for receipts. (The aanvraag itself
has its own receipt, the ontvangstbevestiging of Awb 4:3a.)"""

import hashlib

from django.utils import timezone

from aanvragen.keuzes import inwoner_berichten
from aanvragen.models import Aanvraag, Ontvangst


def ontvangst_vastleggen(
    *, aanvraag: Aanvraag, soort: str, delen: list[str], namens=None, nu=None
) -> Ontvangst:
    """In the caller's transaction. `delen`: what arrived, as text (an answer) and hashes of
    files (Document.sha256), in order; the digest covers them all."""
    ontvangst = Ontvangst.objects.create(
        aanvraag=aanvraag,
        soort=soort,
        ontvangen_op=nu or timezone.now(),
        sha256=hashlib.sha256("\x1f".join(delen).encode()).hexdigest(),
        namens=namens,
    )
    inwoner_berichten(aanvraag, soort="ontvangst", nu=nu)
    return ontvangst
