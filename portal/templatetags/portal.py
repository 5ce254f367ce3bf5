from django import forms, template
from django.utils.translation import gettext

from portal.bedrag import format_bedrag

register = template.Library()

WIDGET_KLASSEN = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
}


@register.filter
def iban_gemaskeerd(iban: str) -> str:
    from aanvragen.presenters import iban_gemaskeerd as maskeren

    return maskeren(iban or "")


@register.filter
def iban(waarde: str) -> str:
    """The full IBAN in groups of four (staff pages that must show the payee)."""
    from aanvragen.presenters import iban_leesbaar

    return iban_leesbaar(waarde or "")


@register.filter
def bank(waarde: str) -> str:
    """The bank's name for an IBAN (schwifty), for the approver to recognise the payee."""
    from behandeling.presenters import bank_naam

    return bank_naam(waarde or "")


@register.filter
def status_medewerker(status: str) -> str:
    """An aanvraag's status as staff read it (aanvragen.statussen.LABELS_MEDEWERKER)."""
    from aanvragen.statussen import LABELS_MEDEWERKER, Status

    try:
        return gettext(LABELS_MEDEWERKER[Status(status)])
    except ValueError:
        return status


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


@register.simple_tag
def brp_stand() -> str:
    """ "ok", "storing" or "configuratie": the BRP's state as /healthz reports it."""
    from aanvragen.brp import stand_get

    return stand_get()
