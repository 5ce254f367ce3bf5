"""Personal numbers never leave the portal in a log line or an error report.

`MaskeerPersoonsgegevens` is a logging filter (settings.LOGGING) that replaces anything shaped
like a BSN (9 digits) or a Dutch IBAN in the message and its arguments. Pure Python.
"""

import logging
import re

BSN = re.compile(r"(?<!\d)\d{9}(?!\d)")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}\s?(?:[A-Z0-9]{4}\s?){2,7}[A-Z0-9]{1,4}\b", re.IGNORECASE)


def maskeer(tekst: str) -> str:
    tekst = IBAN.sub("[IBAN]", tekst)
    return BSN.sub("[BSN]", tekst)


class MaskeerPersoonsgegevens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            bericht = record.getMessage()
        except (TypeError, ValueError):
            return True
        gemaskeerd = maskeer(bericht)
        if record.exc_info and record.exc_info[1] is not None:
            # The traceback text is formatted later; mask the exception's own message now.
            uitzondering = record.exc_info[1]
            uitzondering.args = tuple(
                maskeer(a) if isinstance(a, str) else a for a in uitzondering.args
            )
        if gemaskeerd != bericht or record.args:
            record.msg, record.args = gemaskeerd, None
        return True
