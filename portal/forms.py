from decimal import Decimal

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from portal.bedrag import OngeldigBedrag, format_bedrag, parse_bedrag
from portal.models import DigidNiveau
from portal.niveaus import voldoet
from portal.tekst import epc_tekst, zonder_bidi


class BedragField(forms.Field):
    """An amount in euros, typed the Dutch way; cleaned to a Decimal with two decimals."""

    widget = forms.TextInput
    MAX_TEKENS = 20
    # The amount columns hold 9 digits, 2 after the comma: nothing larger may reach them (a
    # 20-digit amount would be refused by the database, as a 500, on every page showing it).
    KOLOM_MAXIMUM = Decimal("9999999.99")

    def __init__(
        self, *, minimum: Decimal = Decimal("0"), maximum: Decimal | None = None, **kwargs
    ):
        super().__init__(**kwargs)
        self.minimum = minimum
        self.maximum = (
            min(maximum, self.KOLOM_MAXIMUM) if maximum is not None else self.KOLOM_MAXIMUM
        )
        self.widget.attrs.update(
            {"inputmode": "decimal", "autocomplete": "off", "maxlength": str(self.MAX_TEKENS)}
        )

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_bedrag(value).removeprefix("€ ")
        return value

    def to_python(self, value):
        value = str(value).strip() if value is not None else ""
        if value in self.empty_values:
            return None
        try:
            if len(value) > self.MAX_TEKENS:
                raise OngeldigBedrag(value)
            bedrag = parse_bedrag(value)
        except OngeldigBedrag:
            raise forms.ValidationError(
                _("Vul een bedrag in euro's in, bijvoorbeeld 450 of 450,50."), code="invalid"
            ) from None
        if bedrag < self.minimum:
            raise forms.ValidationError(
                _("Het bedrag moet %(minimum)s of meer zijn.")
                % {"minimum": format_bedrag(self.minimum)},
                code="min_value",
            )
        if self.maximum is not None and bedrag > self.maximum:
            raise forms.ValidationError(
                _("Het bedrag mag niet hoger zijn dan %(maximum)s.")
                % {"maximum": format_bedrag(self.maximum)},
                code="max_value",
            )
        return bedrag


class AantalField(forms.IntegerField):
    """A whole number typed with ASCII digits only (Django's IntegerField would also read
    Arabic-Indic and full-width digits)."""

    def to_python(self, value):
        tekst = str(value).strip() if value is not None else ""
        if tekst and not tekst.isascii():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class DatumField(forms.DateField):
    """A date typed with ASCII digits only (strptime would also read other scripts' digits)."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not value.strip().isascii():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class Formulier(forms.Form):
    """Base for every form: validated on the server only (no browser `required` checks), so the
    inwoner gets our Dutch messages and an error summary instead of the browser's bubbles."""

    use_required_attribute = False

    def _post_clean(self):
        """After every check: no bidi controls in anything typed (portal/tekst.py)."""
        super()._post_clean()
        for naam, waarde in list(getattr(self, "cleaned_data", {}).items()):
            if isinstance(waarde, str):
                self.cleaned_data[naam] = zonder_bidi(waarde)


class MedewerkerLoginForm(AuthenticationForm):
    use_required_attribute = False


class BsnField(forms.CharField):
    """A burgerservicenummer, checked with the elfproef (python-stdnum)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 11)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value):
        from stdnum.exceptions import ValidationError as StdnumError
        from stdnum.nl import bsn

        value = super().clean(value)
        try:
            return bsn.validate(value)
        except StdnumError:
            raise forms.ValidationError(
                _("Dit is geen geldig burgerservicenummer. Een BSN heeft 9 cijfers."),
                code="invalid",
            ) from None


class DigidSimulatorForm(Formulier):
    bsn = BsnField(
        label=_("Burgerservicenummer (BSN)"),
        error_messages={"required": _("Vul uw burgerservicenummer (BSN) in.")},
    )
    niveau = forms.ChoiceField(label=_("Betrouwbaarheidsniveau"), choices=DigidNiveau.choices)

    def __init__(self, *args, vereist: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.vereist = vereist
        self.fields["niveau"].initial = vereist

    def clean_niveau(self):
        niveau = self.cleaned_data["niveau"]
        if not voldoet(niveau, self.vereist):
            raise forms.ValidationError(
                _("Voor deze aanvraag moet u inloggen met %(niveau)s of hoger.")
                % {"niveau": DigidNiveau(self.vereist).label},
                code="niveau",
            )
        return niveau


class IbanField(forms.CharField):
    """An IBAN, checked by schwifty (structure and mod-97) and cleaned to its compact form.

    Dutch accounts only, unless the gemeente allows accounts elsewhere in the SEPA area
    (`Gemeente.buitenlandse_iban`; such a payment is always approved by a second colleague).
    """

    ONGELDIG = _(
        "Dit rekeningnummer klopt niet. Kijk het nog eens na op de bankpas of in de app van "
        "de bank."
    )

    def __init__(self, *, buitenland_toegestaan: bool = False, **kwargs):
        kwargs.setdefault("max_length", 42)
        super().__init__(**kwargs)
        self.buitenland_toegestaan = buitenland_toegestaan

    def clean(self, value):
        waarde = super().clean(value)
        if not waarde:
            return waarde
        try:
            iban = IBAN(waarde)
        except SchwiftyException:
            raise forms.ValidationError(self.ONGELDIG, code="invalid") from None
        if iban.country_code != "NL" and not (self.buitenland_toegestaan and iban.in_sepa_zone):
            raise forms.ValidationError(
                _("Vul een Nederlands rekeningnummer in. Het begint met NL."), code="buitenland"
            )
        return iban.compact


class RekeninghouderField(forms.CharField):
    """The account holder's name as on the bank card, in Latin letters: a bank file (pain.001)
    carries only those, and the bank's Verification of Payee compares it with the account.
    Accents are fine (they are written without them in the file); a name written only in
    another script is refused here, with a clear message, instead of stopping a payment later."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 70)
        super().__init__(**kwargs)

    def clean(self, value):

        waarde = super().clean(value)
        if waarde and len(epc_tekst(waarde, 70).replace(" ", "")) < 2:
            raise forms.ValidationError(
                _(
                    "Schrijf de naam zoals die op de bankpas staat, met letters van ons alfabet "
                    "(a tot z)."
                ),
                code="latijns",
            )
        return waarde
