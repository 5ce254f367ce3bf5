from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from behandeling.models import Gespreksuitkomst, Kanaal
from portal.forms import AantalField, BedragField, Formulier, IbanField, RekeninghouderField
from wegwijzer.models import Leeftijdsgroep, Vorm


class ToekennenForm(Formulier):
    prefix = "toekennen"  # two forms share one page: keep their field ids apart

    bedrag = BedragField(
        label=_("Toe te kennen bedrag"),
        minimum=Decimal("0.01"),
        error_messages={"required": _("Vul het bedrag in dat u toekent.")},
    )
    motivering = forms.CharField(
        label=_("Uitleg bij de toekenning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        help_text=_(
            "Nodig als u afwijkt van de berekening: een ander bedrag of een andere vorm. Deze "
            "tekst komt in het besluit, naast de berekening."
        ),
    )
    vorm = forms.ChoiceField(
        label=_("Vorm"),
        choices=Vorm.choices,
        initial=Vorm.GIFT,
        widget=forms.RadioSelect,
    )
    lening_maandbedrag = BedragField(
        label=_("Lening: aflossing per maand"),
        required=False,
        minimum=Decimal("1"),
        help_text=_("Alleen bij een lening. Passend bij wat de aanvrager kan missen."),
    )
    lening_termijnen = AantalField(
        label=_("Lening: aantal maanden"),
        required=False,
        min_value=1,
        max_value=120,
        error_messages={
            "invalid": _("Vul een aantal maanden in."),
            "max_value": _("Hoogstens 120 maanden."),
        },
    )

    betalen_aan = forms.ChoiceField(
        label=_("Betalen aan"),
        widget=forms.RadioSelect,
        initial="inwoner",
        required=False,
        choices=[
            ("inwoner", _("De aanvrager")),
            ("leverancier", _("De leverancier (artikel 57 Participatiewet)")),
        ],
    )
    leverancier_naam = RekeninghouderField(label=_("Naam leverancier"), required=False)
    leverancier_iban = IbanField(label=_("IBAN leverancier"), required=False)

    def __init__(self, *args, buitenland_toegestaan: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leverancier_iban"].buitenland_toegestaan = buitenland_toegestaan

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("betalen_aan") == "leverancier":
            if not cleaned.get("leverancier_naam"):
                self.add_error("leverancier_naam", _("Vul de naam van de leverancier in."))
            if not cleaned.get("leverancier_iban") and "leverancier_iban" not in self.errors:
                self.add_error("leverancier_iban", _("Vul het IBAN van de leverancier in."))
        if cleaned.get("vorm") == Vorm.LENING:
            maand, termijnen = cleaned.get("lening_maandbedrag"), cleaned.get("lening_termijnen")
            if not maand:
                self.add_error("lening_maandbedrag", _("Vul de aflossing per maand in."))
            if not termijnen:
                self.add_error("lening_termijnen", _("Vul het aantal maanden in."))
            bedrag = cleaned.get("bedrag")
            if maand and termijnen and bedrag and maand * termijnen < bedrag:
                self.add_error(
                    "lening_termijnen",
                    _(
                        "Met deze aflossing is de lening niet terugbetaald. Verhoog het bedrag per "
                        "maand of het aantal maanden."
                    ),
                )
        return cleaned


class AfwijzenForm(Formulier):
    prefix = "afwijzen"

    motivering = forms.CharField(
        label=_("Uitleg bij de afwijzing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        help_text=_(
            "Nodig als de berekening ja zegt of niets kon uitrekenen. Deze tekst komt in het "
            "besluit, naast de berekening."
        ),
    )


class ContactmomentForm(Formulier):
    prefix = "contact"

    kanaal = forms.ChoiceField(
        label=_("Hoe"),
        choices=[(k, label) for k, label in Kanaal.choices if k != Kanaal.INTERN],
        initial=Kanaal.TELEFOON,
    )
    met = forms.CharField(
        label=_("Met wie"),
        max_length=200,
        initial=_("Aanvrager"),
        error_messages={"required": _("Vul in met wie u sprak.")},
    )
    samenvatting = forms.CharField(
        label=_("Samenvatting"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf kort wat er besproken is.")},
    )
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=Gespreksuitkomst.choices,
        error_messages={"required": _("Kies de uitkomst.")},
    )


class AanvullingForm(Formulier):
    prefix = "aanvulling"

    vraag = forms.CharField(
        label=_("Wat heeft u nodig van de aanvrager?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Schrijf het in gewone taal. Bel de aanvrager ook even."),
        error_messages={"required": _("Schrijf wat u nodig heeft.")},
    )
    termijn_werkdagen = AantalField(
        label=_("Termijn (werkdagen)"),
        min_value=1,
        max_value=20,
        initial=5,
        error_messages={
            "required": _("Vul een termijn in."),
            "invalid": _("Vul een aantal werkdagen in, bijvoorbeeld 5."),
            "min_value": _("De termijn is minstens 1 werkdag."),
            "max_value": _("De termijn is hoogstens 20 werkdagen."),
        },
    )


class BuitenBehandelingForm(Formulier):
    prefix = "buiten"

    motivering = forms.CharField(
        label=_("Motivering"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_(
            "U heeft de gevraagde informatie niet op tijd gestuurd. Daarom behandelen wij "
            "uw aanvraag niet (artikel 4:5 Algemene wet bestuursrecht)."
        ),
        error_messages={"required": _("Schrijf waarom de aanvraag niet behandeld wordt.")},
    )


class LeeftijdsgroepForm(Formulier):
    prefix = "leeftijd"

    leeftijdsgroep = forms.ChoiceField(
        label=_("Leeftijdsgroep voor de norm"),
        choices=Leeftijdsgroep.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "De BRP gaf geen volledige geboortedatum. Vraag de aanvrager naar de leeftijd of "
            "kijk op het identiteitsbewijs."
        ),
        error_messages={"required": _("Kies de leeftijdsgroep.")},
    )
