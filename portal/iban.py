"""An IBAN as people read it: in groups of four, masked, with its bank's name."""

from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException


def iban_leesbaar(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def iban_gemaskeerd(iban: str) -> str:
    """NL91 **** **** **43 00 style: enough to recognise, not to copy."""
    if len(iban) < 8:
        return iban
    return iban_leesbaar(iban[:4] + "*" * (len(iban) - 8) + iban[-4:])


def bank_naam(iban: str) -> str:
    """The bank's name (schwifty's registry), for the approver to recognise the payee."""
    try:
        return IBAN(iban).bank_name or _("bank onbekend")
    except SchwiftyException:
        return _("bank onbekend")
