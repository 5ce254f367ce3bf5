from datetime import date, timedelta
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from aanvragen.statussen import Status
from behandeling.models import Gespreksuitkomst, Kanaal
from behandeling.zekerheden import MET_AANVRAGEN, ZEKERHEID_LABELS, Zekerheid
from portal.forms import (
    AantalField,
    BedragField,
    DatumField,
    Formulier,
    IbanField,
    RekeninghouderField,
)
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
    sms_sturen = forms.BooleanField(
        label=_("Stuur de aanvrager een korte SMS dat wij belden"),
        help_text=_(
            "Alleen als de aanvrager SMS koos. In de SMS staat niet waarover het ging, alleen "
            "het nummer van de aanvraag en de link naar Mijn aanvragen."
        ),
        required=False,
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


class WerkvoorraadFilterForm(Formulier):
    """The werkvoorraad's filters (GET). A value that is not one of the choices (an old link, a
    typed URL) is ignored: `filters()` gives only what is valid."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle open aanvragen")),
            (Status.INGEDIEND, _("Ontvangen")),
            (Status.IN_BEHANDELING, _("In behandeling")),
            (Status.WACHT_OP_AANVULLING, _("Wacht op informatie")),
        ],
    )
    kostensoort = forms.ChoiceField(label=_("Kosten"), required=False)
    gemeente = forms.ChoiceField(label=_("Gemeente (team)"), required=False)
    vrij = forms.BooleanField(label=_("Nog niet opgepakt"), required=False)
    mijn = forms.BooleanField(label=_("Alleen mijn aanvragen"), required=False)

    def __init__(self, data, *, kostensoorten, gemeenten):
        super().__init__(data, auto_id="filter-%s")
        self.kostensoorten, self.gemeenten = kostensoorten, gemeenten
        alle = [("", _("Alle"))]
        self.fields["kostensoort"].choices = alle + [(str(k.pk), k.naam) for k in kostensoorten]
        self.fields["gemeente"].choices = alle + [(str(g.pk), g.naam) for g in gemeenten]

    def alleen_geldig(self) -> "WerkvoorraadFilterForm":
        """The same filters without the values that were not valid, to show on the page."""
        f = self.filters()
        data = {
            "status": f["status"],
            "kostensoort": str(f["kostensoort"] or ""),
            "gemeente": str(f["gemeente"] or ""),
            **({"vrij": "1"} if f["vrij"] else {}),
            **({"mijn": "1"} if f["mijn"] else {}),
        }
        return WerkvoorraadFilterForm(
            data,
            kostensoorten=self.kostensoorten,
            gemeenten=self.gemeenten,
        )

    def filters(self) -> dict:
        self.is_valid()
        schoon = getattr(self, "cleaned_data", {})
        return {
            "status": schoon.get("status") or "",
            "kostensoort": int(schoon["kostensoort"]) if schoon.get("kostensoort") else None,
            "gemeente": int(schoon["gemeente"]) if schoon.get("gemeente") else None,
            "vrij": bool(schoon.get("vrij")),
            "mijn": bool(schoon.get("mijn")),
        }


class PeriodeForm(Formulier):
    """The dashboard's period (GET): within 2000 and ten years ahead (a date like 9999-12-31
    cannot be extended by a day); empty or wrong dates fall back to the last 30 days."""

    van = DatumField(
        label=_("Van"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tot = DatumField(
        label=_("Tot en met"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data, *, vandaag: date):
        super().__init__(data, auto_id="periode-%s")
        self.vandaag = vandaag

    def periode(self) -> tuple[date, date]:
        self.is_valid()
        schoon = getattr(self, "cleaned_data", {})
        vroegst = date(2000, 1, 1)
        laatst = self.vandaag.replace(year=self.vandaag.year + 10)
        van = schoon.get("van") or self.vandaag - timedelta(days=30)
        tot = schoon.get("tot") or self.vandaag
        van, tot = (min(max(d, vroegst), laatst) for d in (van, tot))
        return (van, tot) if van <= tot else (tot, van)


class ZekerheidLijstForm(PeriodeForm):
    """The werkvoorraad filtered to the aanvragen behind one dashboard figure (GET): the
    guarantee, kept or not, the period and optionally one gemeente."""

    zekerheid = forms.ChoiceField(
        label=_("Belofte"), choices=[(z.value, ZEKERHEID_LABELS[z]) for z in MET_AANVRAGEN]
    )
    gehaald = forms.ChoiceField(
        label=_("Gehaald"),
        required=False,
        choices=[("", _("Alle")), ("ja", _("Gehaald")), ("nee", _("Niet gehaald"))],
    )
    gemeente = forms.ChoiceField(label=_("Gemeente (team)"), required=False)

    def __init__(self, data, *, vandaag: date, gemeenten):
        super().__init__(data, vandaag=vandaag)
        self.fields["gemeente"].choices = [("", _("Alle"))] + [
            (str(g.pk), g.naam) for g in gemeenten
        ]

    def lijst(self) -> dict | None:
        """The drill-down asked for, or None when the guarantee is not one with a list."""
        van, tot = self.periode()  # validates; a wrong date falls back like the dashboard's
        if "zekerheid" in self.errors:
            return None
        schoon = self.cleaned_data
        return {
            "zekerheid": Zekerheid(schoon["zekerheid"]),
            "gehaald_filter": schoon.get("gehaald") or "",
            "van": van,
            "tot": tot,
            "gemeente_id": int(schoon["gemeente"]) if schoon.get("gemeente") else None,
        }


class TerugleggenForm(Formulier):
    reden = forms.CharField(label=_("Reden om terug te leggen"), max_length=1000, required=False)

    def __init__(self, data=None):
        super().__init__(data, auto_id="afkeur-%s")


class RekeningBeoordelingForm(Formulier):
    toelichting = forms.CharField(
        label=_("Toelichting (bij afkeuren)"), max_length=1000, required=False
    )

    def __init__(self, data=None):
        super().__init__(data, auto_id="rekening-%s")


class ToewijzenForm(Formulier):
    behandelaar = forms.ChoiceField(
        label=_("Toewijzen aan"),
        error_messages={
            "required": _("Kies een behandelaar uit de lijst."),
            "invalid_choice": _("Kies een behandelaar uit de lijst."),
        },
    )

    def __init__(self, data=None, *, behandelaars, initial=None):
        super().__init__(data, initial=initial, auto_id="toewijzen-%s")
        self.fields["behandelaar"].choices = [
            (str(b.pk), b.get_full_name() or b.username) for b in behandelaars
        ]
