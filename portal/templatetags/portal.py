from django import forms, template
from django.utils.html import format_html

from portal.bedrag import format_bedrag
from portal.datum import datum_tekst
from portal.iban import bank_naam, iban_leesbaar
from portal.iban import iban_gemaskeerd as iban_gemaskeerd_

register = template.Library()

WIDGET_KLASSEN = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
}


@register.filter
def iban_gemaskeerd(iban: str) -> str:
    return iban_gemaskeerd_(iban or "")


@register.filter
def iban(waarde: str) -> str:
    """The full IBAN in groups of four (staff pages that must show the payee)."""
    return iban_leesbaar(waarde or "")


@register.filter
def bank(waarde: str) -> str:
    """The bank's name for an IBAN (schwifty), for the approver to recognise the payee."""
    return bank_naam(waarde or "")


@register.filter
def euro(bedrag) -> str:
    return "" if bedrag is None else format_bedrag(bedrag)


@register.filter
def veld_widget(veld):
    """Render a bound field's widget with NL Design System classes and ARIA links."""
    widget = veld.field.widget
    klasse = next(
        (k for soort, k in WIDGET_KLASSEN.items() if isinstance(widget, soort)),
        "utrecht-textbox utrecht-textbox--html-input",
    )
    beschreven = []
    if veld.help_text:
        beschreven.append(f"{veld.auto_id}_uitleg")
    attrs = {"class": klasse}
    if veld.errors:
        beschreven.insert(0, f"{veld.auto_id}_fout")
        attrs["aria-invalid"] = "true"
        attrs["class"] += " utrecht-textbox--invalid"
    if beschreven:
        attrs["aria-describedby"] = " ".join(beschreven)
    return veld.as_widget(attrs=attrs)


@register.filter
def is_radio(veld) -> bool:
    return isinstance(veld.field.widget, forms.RadioSelect)


@register.filter
def is_checkbox(veld) -> bool:
    return isinstance(veld.field.widget, forms.CheckboxInput)


@register.filter
def referentie(waarde) -> str:
    """A case reference kept on one line (BB-2026-000012 never breaks at its hyphens)."""
    return format_html('<span class="portal-nowrap">{}</span>', waarde) if waarde else ""


@register.filter(expects_localtime=True)
def datum(waarde, stijl: str = "lang") -> str:
    """A date or moment in Dutch (portal/datum.py): {{ d|datum:"dag" }} → "zo 29 nov."."""
    if not waarde:
        return ""
    return datum_tekst(waarde, stijl)
