from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import BedragField, Formulier


class ToekennenForm(Formulier):
    prefix = "toekennen"  # two forms share one page: keep their field ids apart

    bedrag = BedragField(
        label=_("Toe te kennen bedrag"),
        minimum=Decimal("0.01"),
        error_messages={"required": _("Vul het bedrag in dat u toekent.")},
    )
    motivering = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Schrijf kort waarom u dit bedrag toekent.")},
    )


class AfwijzenForm(Formulier):
    prefix = "afwijzen"

    motivering = forms.CharField(
        label=_("Reden van afwijzing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Schrijf waarom u de aanvraag afwijst.")},
    )
