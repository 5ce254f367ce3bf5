from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import BedragField


class ToekennenForm(forms.Form):
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


class AfwijzenForm(forms.Form):
    motivering = forms.CharField(
        label=_("Reden van afwijzing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Schrijf waarom u de aanvraag afwijst.")},
    )
