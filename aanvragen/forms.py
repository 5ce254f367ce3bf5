"""The wizard's step forms. They check shape (format, required); policy is the rule engine's."""

from collections.abc import Callable
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanvragen.bestanden import keur
from aanvragen.keuzes import telefoon_e164
from aanvragen.models import BerichtWeg, Tijdvak
from aanvragen.virusscan import ScanNietBeschikbaar, scan
from portal.forms import (
    BedragField,
    BsnField,
    DatumField,
    Formulier,
    IbanField,
    RekeninghouderField,
)
from wegwijzer.forms import deel_vergoed_controleren, vergoed_door_ander_veld
from wegwijzer.models import Kostensoort, VoorliggendeVoorziening

TELEFOON_TEKENS = set("0123456789+-() ")


def gekeurd_bestand(bestand):
    """Check an upload by content, size and (when configured) ClamAV; Dutch errors."""
    if not bestand:
        return bestand
    bestand.seek(0)
    keuring = keur(bestand.read(16), bestand.size, maximum=settings.UPLOAD_MAX_BYTES)
    bestand.seek(0)
    if keuring.fout:
        raise forms.ValidationError(keuring.fout, code="bestand")
    try:
        uitslag = scan(bestand)
    except ScanNietBeschikbaar:
        raise forms.ValidationError(
            _(
                "We kunnen uw bestand nu niet controleren. Probeer het over een paar minuten "
                "opnieuw."
            ),
            code="scan",
        ) from None
    if not uitslag.schoon:
        raise forms.ValidationError(
            _("In dit bestand zit mogelijk een virus. Stuur een ander bestand."), code="virus"
        )
    bestand.gekeurde_soort = keuring.soort
    return bestand


class GegevensForm(Formulier):
    telefoon = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=20,
        help_text=_("Wij bellen u als we iets niet begrijpen. Bijvoorbeeld 06 12345678."),
        error_messages={"required": _("Vul uw telefoonnummer in.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres (niet verplicht)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
    )
    berichten_via = forms.ChoiceField(
        label=_("Hoe wilt u berichten over deze aanvraag krijgen?"),
        help_text=_(
            "Wij sturen een bericht als wij uw aanvraag hebben, als wij een vraag hebben, als er "
            "een besluit is en als wij betalen. Kiest u niets? Dan krijgt u brieven. In Mijn "
            "aanvragen kunt u dit later per bericht veranderen."
        ),
        required=False,
        widget=forms.RadioSelect,
    )

    partner_toestemming = forms.BooleanField(
        label=_("Mijn partner weet van deze aanvraag en is het ermee eens"),
        required=False,
    )

    def __init__(
        self,
        *args,
        partner_naam: str = "",
        sms: bool = False,
        email_controle: Callable[[str, str], str | None] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["berichten_via"].choices = [
            (w.value, w.label) for w in BerichtWeg if sms or w != BerichtWeg.SMS
        ]
        # (address, typed code) → None when the address is proven, else the message to show
        self.email_controle = email_controle
        if self.data.get(self.add_prefix("email_code")):
            self._codeveld()
        if partner_naam:  # Pw art. 43: spouses apply together or with written consent
            veld = self.fields["partner_toestemming"]
            veld.required = True
            veld.label = _("Mijn partner %(naam)s weet van deze aanvraag en is het ermee eens") % {
                "naam": partner_naam
            }
            veld.error_messages["required"] = _(
                "Zonder toestemming van uw partner kunnen we de aanvraag niet behandelen. "
                "Vraag het uw partner, of bel ons."
            )
        else:
            del self.fields["partner_toestemming"]

    def clean_telefoon(self):
        telefoon = self.cleaned_data["telefoon"].strip()
        cijfers = [c for c in telefoon if c.isdigit()]
        if not set(telefoon) <= TELEFOON_TEKENS or not 10 <= len(cijfers) <= 15:
            raise forms.ValidationError(
                _("Vul een telefoonnummer in van 10 cijfers, bijvoorbeeld 06 12345678."),
                code="invalid",
            )
        return telefoon

    def _codeveld(self) -> None:
        if "email_code" not in self.fields:
            self.fields["email_code"] = forms.CharField(
                label=_("Code uit de e-mail"),
                required=False,
                max_length=6,
                widget=forms.TextInput(
                    attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
                ),
            )
            self.order_fields(["telefoon", "email", "berichten_via", "email_code"])

    def clean(self):
        """Wmebv: SMS needs a mobile number, e-mail an address the inwoner proves with the code
        we send to it (typed here, in this step, before it is used)."""
        data = super().clean()
        via = data.get("berichten_via") or BerichtWeg.BRIEF
        data["berichten_via"] = via
        if via == BerichtWeg.SMS and data.get("telefoon") and not telefoon_e164(data["telefoon"]):
            self.add_error(
                "telefoon",
                _("Voor SMS hebben wij een mobiel nummer nodig, bijvoorbeeld 06 12345678."),
            )
        if via == BerichtWeg.EMAIL:
            if not data.get("email"):
                if "email" not in self.errors:
                    self.add_error(
                        "email", _("Vul uw e-mailadres in. Dan kunnen wij u e-mail sturen.")
                    )
            elif self.email_controle is not None:
                melding = self.email_controle(
                    data["email"], self.data.get(self.add_prefix("email_code"), "")
                )
                if melding:
                    self._codeveld()
                    self.add_error("email_code", melding)
        data.pop("email_code", None)
        return data


class KostenForm(Formulier):
    kostensoort = forms.ModelChoiceField(
        label=_("Waarvoor vraagt u geld aan?"),
        queryset=Kostensoort.objects.none(),
        empty_label=_("Kies een soort kosten"),
        error_messages={
            "required": _("Kies waarvoor u geld aanvraagt."),
            "invalid_choice": _("Kies een soort kosten uit de lijst."),
        },
    )
    omschrijving = forms.CharField(
        label=_("Wat heeft u nodig en waarom?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bijvoorbeeld: mijn wasmachine is kapot en kan niet meer gemaakt worden."),
        error_messages={"required": _("Vertel kort wat u nodig heeft en waarom.")},
    )
    bedrag = BedragField(
        label=_("Hoeveel kost het?"),
        minimum=Decimal("1"),
        maximum=Decimal("100000"),
        help_text=_("Het bedrag op de offerte of de bon, bijvoorbeeld 450 of 450,50."),
        error_messages={"required": _("Vul in hoeveel het kost.")},
    )

    voorliggende_voorziening = forms.ChoiceField(
        label=_("Betaalt een andere regeling of een verzekering deze kosten?"),
        help_text=_("Bijvoorbeeld uw zorgverzekering, bij een bril of de tandarts."),
        choices=VoorliggendeVoorziening.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of een andere regeling deze kosten betaalt.")},
    )
    vergoed_door_ander = vergoed_door_ander_veld()
    al_gekocht = forms.TypedChoiceField(
        label=_("Heeft u het al gekocht of betaald?"),
        choices=[("nee", _("Nee, nog niet")), ("ja", _("Ja"))],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of u het al gekocht heeft.")},
    )
    factuurdatum = DatumField(
        label=_("Datum op de rekening (als u die al heeft)"),
        required=False,
        input_formats=["%d-%m-%Y", "%d/%m/%Y", "%d %m %Y", "%Y-%m-%d"],
        help_text=_("Bijvoorbeeld 15-03-2026."),
        error_messages={"invalid": _("Vul een datum in zoals 15-03-2026.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    bewijs = forms.FileField(
        label=_("Offerte of bon"),
        required=False,
        help_text=_("Een PDF of een foto (JPG, PNG of HEIC van uw telefoon). Hoogstens 10 MB."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.heic,image/*"}),
    )

    bewijs_later = forms.BooleanField(
        label=_("Ik stuur het bewijs later"),
        required=False,
        help_text=_(
            "Heeft u de offerte of bon nu niet bij de hand? Dan vragen wij er later om. U kunt "
            "het sturen via Mijn aanvragen."
        ),
    )

    def __init__(self, *args, kostensoorten=None, bewijs_nodig=None, namens=False, **kwargs):
        super().__init__(*args, **kwargs)
        if namens:  # a colleague on the phone: the caller cannot hand a file over
            self.fields["bewijs_later"].label = _("De beller stuurt het bewijs later")
            self.fields["bewijs_later"].help_text = _(
                "De beller kan het sturen via Mijn aanvragen, of per post. De behandelaar vraagt "
                "erom."
            )
        self.fields["kostensoort"].queryset = (
            kostensoorten if kostensoorten is not None else Kostensoort.objects.all()
        )
        self.bewijs_nodig = bewijs_nodig or {}  # kostensoort id → which proof is needed

    def clean_bewijs(self):
        return gekeurd_bestand(self.cleaned_data.get("bewijs"))

    def clean(self):
        cleaned = deel_vergoed_controleren(self, super().clean())
        kostensoort = cleaned.get("kostensoort")
        nodig = self.bewijs_nodig.get(kostensoort.pk) if kostensoort else None
        if cleaned.get("bewijs"):
            cleaned["bewijs_later"] = False
        elif nodig and not cleaned.get("bewijs_later") and "bewijs" not in self.errors:
            self.add_error(
                "bewijs",
                forms.ValidationError(
                    _(
                        "Voeg dit bewijs toe: %(bewijs)s. Heeft u het nu niet? Kies dan "
                        "“Ik stuur het bewijs later”."
                    )
                    % {"bewijs": nodig.lower()},
                    code="required",
                ),
            )
        return cleaned

    def clean_factuurdatum(self):
        datum = self.cleaned_data.get("factuurdatum")
        if datum and datum > timezone.localdate():
            raise forms.ValidationError(
                _("De datum op de rekening kan niet in de toekomst liggen."), code="toekomst"
            )
        return datum


class InkomenForm(Formulier):
    inkomen = BedragField(
        label=_("Uw netto inkomen per maand"),
        help_text=_("Wat u elke maand op uw rekening krijgt. Heeft u geen inkomen? Vul 0 in."),
        error_messages={
            "required": _("Vul uw netto inkomen per maand in. Geen inkomen? Vul 0 in.")
        },
    )
    inkomen_partner = BedragField(
        label=_("Netto inkomen van uw partner per maand"),
        required=False,
        help_text=_("Heeft uw partner geen inkomen? Vul 0 in."),
    )
    vermogen = BedragField(
        label=_("Hoeveel geld heeft u samen op uw rekeningen en als spaargeld?"),
        help_text=_("Tel alle rekeningen bij elkaar op. Geen geld? Vul 0 in."),
        error_messages={"required": _("Vul in hoeveel geld u heeft. Geen geld? Vul 0 in.")},
    )
    # Pw art. 4: an alleenstaande ouder may keep more savings. Asked only without a partner.
    alleenstaande_ouder = forms.TypedChoiceField(
        label=_("Woont er een kind jonger dan 18 bij u, dat u verzorgt?"),
        choices=[("nee", _("Nee")), ("ja", _("Ja"))],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
        help_text=_("Dan mag u meer spaargeld hebben."),
        error_messages={"required": _("Kies of er een kind jonger dan 18 bij u woont.")},
    )

    def __init__(self, *args, heeft_partner: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.heeft_partner = heeft_partner
        if heeft_partner:
            self.fields["inkomen_partner"].required = True
            self.fields["inkomen_partner"].error_messages["required"] = _(
                "Vul het netto inkomen van uw partner in. Geen inkomen? Vul 0 in."
            )
            del self.fields["alleenstaande_ouder"]
        else:
            del self.fields["inkomen_partner"]


class UitbetalingForm(Formulier):
    iban = IbanField(
        label=_("Uw rekeningnummer (IBAN)"),
        help_text=_("Bijvoorbeeld NL91 ABNA 0417 1643 00. Hierop zetten wij het geld."),
        error_messages={"required": _("Vul uw rekeningnummer (IBAN) in.")},
    )
    rekeninghouder = RekeninghouderField(
        label=_("Naam van de rekeninghouder"),
        help_text=_("De naam zoals die op de bankpas staat."),
        error_messages={"required": _("Vul de naam van de rekeninghouder in.")},
    )

    def __init__(self, *args, buitenland_toegestaan: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iban"].buitenland_toegestaan = buitenland_toegestaan


class ControleForm(Formulier):
    verklaring = forms.BooleanField(
        label=_(
            "Ik heb alles eerlijk en volledig ingevuld. Als er iets verandert, geef ik dat door."
        ),
        error_messages={"required": _("Zet een vinkje om te verklaren dat alles klopt.")},
    )

    def __init__(self, *args, namens: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if namens == "mondeling":
            self.fields["verklaring"].label = _(
                "Ik heb de antwoorden voorgelezen. De beller bevestigt dat alles eerlijk en "
                "volledig is."
            )
        elif namens == "digid":
            self.fields["verklaring"].label = _(
                "De beller weet dat hij of zij de aanvraag daarna zelf bevestigt met DigiD."
            )


class NamensStartForm(Formulier):
    bsn = BsnField(
        label=_("BSN van de beller"),
        error_messages={"required": _("Vul het BSN van de beller in.")},
    )
    identiteit_gecontroleerd = forms.BooleanField(
        label=_("Ik heb de identiteit van de beller gecontroleerd volgens het protocol"),
        error_messages={"required": _("Controleer eerst de identiteit van de beller.")},
    )


class TerugbelForm(Formulier):
    gemeente = forms.ModelChoiceField(
        label=_("In welke gemeente woont u?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Kies de gemeente waar u woont.")},
    )
    naam = forms.CharField(
        label=_("Uw naam"),
        max_length=200,
        error_messages={"required": _("Vul uw naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    telefoon = GegevensForm.base_fields["telefoon"]
    tijdvak = forms.ChoiceField(
        label=_("Wanneer kunnen we u het best bellen?"),
        choices=Tijdvak.choices,
        widget=forms.RadioSelect,
        initial=Tijdvak.MAAKT_NIET_UIT,
        error_messages={"required": _("Kies wanneer we u kunnen bellen.")},
    )
    vraag = forms.CharField(
        label=_("Waarover wilt u praten? (niet verplicht)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        enige = list(gemeenten[:2])
        if len(enige) == 1:
            self.fields["gemeente"].initial = enige[0].pk

    clean_telefoon = GegevensForm.clean_telefoon


class AanvullingAntwoordForm(Formulier):
    antwoord = forms.CharField(
        label=_("Uw antwoord"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _(
                "Schrijf uw antwoord. Stuurt u alleen een bestand? Schrijf dan wat het is."
            )
        },
    )
    bestand = forms.FileField(
        label=_("Bestand (niet verplicht)"),
        required=False,
        help_text=_("Een PDF of een foto. Hoogstens 10 MB."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.heic,image/*"}),
    )

    def clean_bestand(self):
        return gekeurd_bestand(self.cleaned_data.get("bestand"))


class BewijsForm(Formulier):
    bestand = forms.FileField(
        label=_("Offerte of bon"),
        help_text=_("Een PDF of een foto (JPG, PNG of HEIC van uw telefoon). Hoogstens 10 MB."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.heic,image/*"}),
        error_messages={"required": _("Kies het bestand dat u wilt sturen.")},
    )

    def clean_bestand(self):
        return gekeurd_bestand(self.cleaned_data.get("bestand"))


class BerichtkeuzeForm(Formulier):
    """Wmebv: per kind of message, how the inwoner wants to hear from us."""

    ontvangst = forms.ChoiceField(
        label=_("Als wij iets van u hebben gekregen (uw aanvraag, een antwoord, een bestand)"),
        widget=forms.RadioSelect,
    )
    vraag = forms.ChoiceField(
        label=_("Als wij een vraag hebben of iets van u nodig hebben"), widget=forms.RadioSelect
    )
    besluit = forms.ChoiceField(
        label=_("Als er een besluit is over uw aanvraag"), widget=forms.RadioSelect
    )
    betaling = forms.ChoiceField(label=_("Als wij het geld betalen"), widget=forms.RadioSelect)
    telefoon = forms.CharField(
        label=_("Mobiel nummer voor SMS"),
        required=False,
        max_length=20,
        help_text=_("Bijvoorbeeld 06 12345678."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        help_text=_("Wij sturen eerst een code naar dit adres. Zo weten we dat het van u is."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
    )

    SOORTEN = ("ontvangst", "vraag", "besluit", "betaling")

    def __init__(self, *args, sms: bool, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [(w.value, w.label) for w in BerichtWeg if sms or w != BerichtWeg.SMS]
        for soort in self.SOORTEN:
            self.fields[soort].choices = keuzes
        if not sms:
            del self.fields["telefoon"]

    def clean_telefoon(self):
        tekst = self.cleaned_data["telefoon"].strip()
        if not tekst:
            return ""
        nummer = telefoon_e164(tekst)
        if nummer is None:
            raise forms.ValidationError(
                _(
                    "Vul een mobiel nummer in, bijvoorbeeld 06 12345678. "
                    "Een vast nummer kan geen SMS krijgen."
                )
            )
        return nummer

    def clean(self):
        data = super().clean()
        wegen = {data.get(soort) for soort in self.SOORTEN}
        if BerichtWeg.SMS in wegen and not data.get("telefoon") and "telefoon" not in self.errors:
            self.add_error(
                "telefoon", _("Vul uw mobiele nummer in. Dan kunnen wij u een SMS sturen.")
            )
        if BerichtWeg.EMAIL in wegen and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Vul uw e-mailadres in. Dan kunnen wij u e-mail sturen."))
        return data


class EmailCodeForm(Formulier):
    code = forms.CharField(
        label=_("Code uit de e-mail"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={
            "required": _("Vul de code van 6 cijfers in."),
            "min_length": _("Vul de code van 6 cijfers in."),
            "max_length": _("Vul de code van 6 cijfers in."),
        },
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(
                _("De code heeft alleen cijfers. Vul de code van 6 cijfers in.")
            )
        return code
