"""The Wegwijzer check's questions: one small group per page (GOV.UK "check if you can")."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import BedragField, Formulier
from wegwijzer.models import Leefsituatie, Leeftijdsgroep, VoorliggendeVoorziening

ANDERE_GEMEENTE = "anders"


def vergoed_door_ander_veld() -> BedragField:
    """With "Ja, een deel": how much the other scheme pays (check and wizard alike)."""
    return BedragField(
        label=_("Betaalt de regeling of verzekering een deel? Hoeveel dan?"),
        required=False,
        help_text=_("Alleen invullen als u 'Ja, een deel' koos. Bijvoorbeeld 75."),
    )


def deel_vergoed_controleren(form, cleaned: dict) -> dict:
    """The amount is needed with "Ja, een deel" and ignored with any other answer."""
    if cleaned.get("voorliggende_voorziening") == VoorliggendeVoorziening.DEELS:
        if cleaned.get("vergoed_door_ander") is None and "vergoed_door_ander" not in form.errors:
            form.add_error(
                "vergoed_door_ander",
                _("Vul in hoeveel de regeling of verzekering betaalt, bijvoorbeeld 75."),
            )
    else:
        cleaned["vergoed_door_ander"] = None
    return cleaned


class GemeenteVraag(Formulier):
    gemeente = forms.ChoiceField(
        label=_("In welke gemeente woont u?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de gemeente waar u woont."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten = {str(g.pk): g for g in gemeenten}
        self.fields["gemeente"].choices = [
            *((pk, g.naam) for pk, g in self.gemeenten.items()),
            (ANDERE_GEMEENTE, _("Ik woon in een andere gemeente")),
        ]

    def clean_gemeente(self):
        """The Gemeente chosen, or ANDERE_GEMEENTE: this installation does not serve it."""
        keuze = self.cleaned_data["gemeente"]
        return keuze if keuze == ANDERE_GEMEENTE else self.gemeenten[keuze]


class KostenVraag(Formulier):
    kostensoort = forms.ModelChoiceField(
        label=_("Waarvoor heeft u geld nodig?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Kies waarvoor u geld nodig heeft."),
            "invalid_choice": _("Kies een soort kosten uit de lijst."),
        },
    )
    bedrag = BedragField(
        label=_("Hoeveel kost het ongeveer?"),
        minimum=Decimal("1"),
        maximum=Decimal("100000"),
        help_text=_("Bijvoorbeeld 450 of 450,50."),
        error_messages={"required": _("Vul in hoeveel het ongeveer kost.")},
    )

    def __init__(self, *args, kostensoorten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kostensoort"].queryset = kostensoorten


class SituatieVraag(Formulier):
    leefsituatie = forms.ChoiceField(
        label=_("Hoe woont u?"),
        widget=forms.RadioSelect,
        choices=[
            (Leefsituatie.ALLEENSTAANDE, _("Alleen, zonder kinderen")),
            (Leefsituatie.ALLEENSTAANDE_OUDER, _("Alleen, met kinderen")),
            (Leefsituatie.GEHUWDEN, _("Met een partner (getrouwd of samenwonend)")),
        ],
        error_messages={"required": _("Kies hoe u woont.")},
    )
    leeftijdsgroep = forms.ChoiceField(
        label=_("Hoe oud bent u?"),
        widget=forms.RadioSelect,
        choices=[
            (Leeftijdsgroep.JONGER_DAN_21, _("18, 19 of 20 jaar")),
            (Leeftijdsgroep.VAN_21_TOT_AOW, _("21 jaar of ouder, maar nog geen AOW")),
            (Leeftijdsgroep.AOW, _("Ik krijg AOW of heb de AOW-leeftijd")),
        ],
        error_messages={"required": _("Kies hoe oud u bent.")},
    )


class GeldVraag(Formulier):
    inkomen = BedragField(
        label=_("Hoeveel geld komt er elke maand binnen?"),
        help_text=_(
            "Netto, dus wat op uw rekening komt. Met een partner: samen. Geen inkomen? Vul 0 in."
        ),
        error_messages={"required": _("Vul in hoeveel geld er elke maand binnenkomt.")},
    )
    vermogen = BedragField(
        label=_("Hoeveel geld heeft u op uw rekeningen en als spaargeld?"),
        help_text=_("Tel alles bij elkaar op. Met een partner: samen. Geen geld? Vul 0 in."),
        error_messages={"required": _("Vul in hoeveel geld u heeft. Geen geld? Vul 0 in.")},
    )


class AndersVraag(Formulier):
    voorliggende_voorziening = forms.ChoiceField(
        label=_("Betaalt een andere regeling of een verzekering deze kosten?"),
        help_text=_("Bijvoorbeeld uw zorgverzekering, bij een bril of de tandarts."),
        choices=VoorliggendeVoorziening.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of een andere regeling deze kosten betaalt.")},
    )
    vergoed_door_ander = vergoed_door_ander_veld()
    al_gekocht = forms.ChoiceField(
        label=_("Heeft u het al gekocht of betaald?"),
        choices=[("nee", _("Nee, nog niet")), ("ja", _("Ja"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of u het al gekocht heeft.")},
    )

    def clean(self):
        return deel_vergoed_controleren(self, super().clean())
