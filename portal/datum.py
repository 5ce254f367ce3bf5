"""Dates as Dutch readers expect them (Taalunie): "zo 29 nov.", "29 nov. 2026", "zondag 29
november 2026". Pure Python, no Django: one helper for every page, PDF and CSV (templates use
the `datum` filter). The caller converts a moment to Europe/Amsterdam first."""

from datetime import date, datetime

DAGEN = ("ma", "di", "wo", "do", "vr", "za", "zo")
DAGEN_LANG = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MAANDEN_KORT = (
    "jan.",
    "feb.",
    "mrt.",
    "apr.",
    "mei",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)


def datum_tekst(waarde: date | datetime, stijl: str = "lang") -> str:
    """`stijl`: dag (zo 29 nov.), dag_tijd (zo 29 nov. 14:05), kort (29 nov. 2026), kort_tijd
    (29 nov. 2026 14:05), lang (29 november 2026), lang_dag (zondag 29 november 2026),
    lang_tijd (29 november 2026, 14:05)."""
    d = waarde.date() if isinstance(waarde, datetime) else waarde
    tijd = f"{waarde:%H:%M}" if isinstance(waarde, datetime) else ""
    kort = f"{d.day} {MAANDEN_KORT[d.month - 1]}"
    lang = f"{d.day} {MAANDEN[d.month - 1]} {d.year}"
    teksten = {
        "dag": f"{DAGEN[d.weekday()]} {kort}",
        "dag_tijd": f"{DAGEN[d.weekday()]} {kort} {tijd}".strip(),
        "kort": f"{kort} {d.year}",
        "kort_tijd": f"{kort} {d.year} {tijd}".strip(),
        "lang": lang,
        "lang_dag": f"{DAGEN_LANG[d.weekday()]} {lang}",
        "lang_tijd": f"{lang}, {tijd}" if tijd else lang,
    }
    return teksten[stijl]
