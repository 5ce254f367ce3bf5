from django import forms
from django.utils.translation import gettext_lazy as _

from aanvragen.forms import UitbetalingForm
from portal.forms import Formulier


class GeweigerdForm(Formulier):
    reden = forms.CharField(
        label=_("Reden van de bank"),
        max_length=300,
        error_messages={"required": _("Vul de reden van de bank in.")},
    )


class AfschriftForm(Formulier):
    afschrift = forms.FileField(
        label=_("Afschrift van de bank (camt.054 of camt.053, XML)"),
        error_messages={"required": _("Kies het bestand van de bank.")},
    )

    def clean_afschrift(self):
        bestand = self.cleaned_data["afschrift"]
        if bestand.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("Het bestand is te groot (hoogstens 20 MB)."))
        return bestand


class OpnieuwKlaarzettenForm(UitbetalingForm):
    """The corrected account, checked like the inwoner's (schwifty), and why."""

    prefix = "opnieuw"

    reden = forms.CharField(
        label=_("Waarom deze rekening?"),
        max_length=1000,
        help_text=_("Bijvoorbeeld: de aanvrager belde, de oude rekening is opgeheven."),
        error_messages={"required": _("Schrijf kort waarom u de betaling opnieuw klaarzet.")},
    )
