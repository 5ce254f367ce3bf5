import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanvragen.huishouden import PartnerSituatie
from aanvragen.statussen import LABELS, OPEN, SLA_LABELS, SlaStatus, Status
from portal.models import Historie
from portal.opslag import prive_opslag
from wegwijzer.models import VoorliggendeVoorziening, Vorm

STATUS_CHOICES = [(status.value, _(LABELS[status])) for status in Status]


SLA_CHOICES = [(sla.value, _(SLA_LABELS[sla])) for sla in SlaStatus]


class AanvraagQuerySet(models.QuerySet):
    def van_inwoner(self, bsn: str, *, namens=None):
        """This inwoner's aanvragen; with `namens` (a colleague on the phone) only those of
        the gemeenten that colleague works for."""
        from portal import werkgebied

        qs = self.filter(bsn=bsn)
        return qs if namens is None else werkgebied.beperk(qs, namens)


class Aanvraag(models.Model):
    """An application for bijzondere bijstand. Status changes only through services."""

    # NULL until submitted: a unique column allows many NULLs but not many empty strings.
    referentie = models.CharField(_("referentie"), max_length=20, unique=True, null=True)  # noqa: DJ001
    indien_token = models.UUIDField(
        _("indien-token"),
        unique=True,
        null=True,
        editable=False,
        help_text="Makes submission idempotent: one wizard run yields one aanvraag.",
    )
    gemeente = models.ForeignKey(
        "portal.Gemeente", on_delete=models.PROTECT, related_name="aanvragen"
    )
    regeling = models.ForeignKey(
        "portal.Regeling", on_delete=models.PROTECT, related_name="aanvragen"
    )
    status = models.CharField(
        _("status"), max_length=30, choices=STATUS_CHOICES, default=Status.CONCEPT
    )

    # The applicant, as the BRP knows them (Pw art. 53a: not asked again).
    bsn = models.CharField(_("BSN"), max_length=9, db_index=True)
    naam = models.CharField(_("naam"), max_length=200)
    adres = models.CharField(_("adres"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7)
    woonplaats = models.CharField(_("woonplaats"), max_length=100)
    partner_naam = models.CharField(_("naam partner"), max_length=200, blank=True)
    partner_bsn = models.CharField(_("BSN partner"), max_length=9, blank=True, db_index=True)
    # aanvragen.huishouden: the one answer to "does the applicant live with a partner".
    partner_situatie = models.CharField(
        _("partner volgens de BRP"),
        max_length=12,
        choices=[
            (PartnerSituatie.GEEN.value, _("Geen partner")),
            (PartnerSituatie.PARTNER.value, _("Partner")),
            (
                PartnerSituatie.ZONDER_BSN.value,
                _("Partner zonder BSN (bijvoorbeeld in het buitenland ingeschreven)"),
            ),
            (PartnerSituatie.MEERDERE.value, _("Meer dan één partner: de behandelaar beslist")),
        ],
        default=PartnerSituatie.GEEN.value,
    )
    # What the BRP marks as under investigation (inOnderzoek): naam, geboortedatum, adres, partner.
    brp_in_onderzoek = models.CharField(_("in onderzoek bij de BRP"), max_length=100, blank=True)
    leeftijd_brp = models.PositiveSmallIntegerField(
        _("leeftijd volgens de BRP"), null=True, blank=True
    )
    geboortedatum = models.DateField(_("geboortedatum"), null=True)
    # Without a full birth date from the BRP the behandelaar confirms the norm's age group.
    leeftijdsgroep_bevestigd = models.CharField(
        _("leeftijdsgroep (bevestigd door behandelaar)"), max_length=10, blank=True
    )
    alleenstaande_ouder = models.BooleanField(
        _("alleenstaande ouder"),
        default=False,
        help_text=_("Zonder partner, met een kind jonger dan 18 thuis (zegt de aanvrager)."),
    )

    telefoon = models.CharField(_("telefoonnummer"), max_length=20)
    email = models.EmailField(_("e-mailadres"), blank=True)
    elektronisch_communiceren = models.BooleanField(_("wil post digitaal ontvangen"), default=False)
    elektronisch_toestemming_op = models.DateTimeField(
        _("toestemming digitale post gegeven op"),
        null=True,
        blank=True,
        help_text="Wmebv: decisions go out electronically only after this explicit opt-in.",
    )
    partner_toestemming_op = models.DateTimeField(
        _("toestemming partner vastgelegd op"),
        null=True,
        blank=True,
        help_text="Pw art. 43: the partner's consent, recorded in the wizard.",
    )

    kostensoort = models.ForeignKey(
        "wegwijzer.Kostensoort", on_delete=models.PROTECT, related_name="aanvragen"
    )
    omschrijving = models.TextField(_("wat en waarom"))
    bedrag = models.DecimalField(_("bedrag"), max_digits=9, decimal_places=2)
    inkomen = models.DecimalField(_("netto inkomen per maand"), max_digits=9, decimal_places=2)
    inkomen_partner = models.DecimalField(
        _("netto inkomen partner per maand"), max_digits=9, decimal_places=2, null=True
    )
    vermogen = models.DecimalField(_("spaargeld en saldo"), max_digits=11, decimal_places=2)
    voorliggende_voorziening = models.CharField(
        _("betaalt een andere regeling dit?"),
        max_length=10,
        default="nee",
        choices=VoorliggendeVoorziening.choices,
    )
    vergoed_door_ander = models.DecimalField(
        _("betaalt de andere regeling (deel)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
    )
    bewijs_volgt = models.BooleanField(
        _("bewijs volgt"),
        default=False,
        help_text=_("De aanvrager stuurt het gevraagde bewijs (offerte of bon) later."),
    )
    al_gekocht = models.BooleanField(_("al gekocht"), default=False)
    factuurdatum = models.DateField(_("datum rekening"), null=True, blank=True)

    iban = models.CharField(_("IBAN"), max_length=34)
    rekeninghouder = models.CharField(_("naam rekeninghouder"), max_length=70)
    rekening_door_medewerker = models.BooleanField(
        _("rekening ingevuld door een medewerker"),
        default=False,
        help_text="Typed by a colleague on the phone and not (yet) confirmed by the inwoner with "
        "DigiD, nor used by them before: a second colleague approves the payment.",
    )
    # Set while the award's payment is back at the gemeente (refused, returned, cannot be paid):
    # the behandelaar calls, the inwoner reads that we will. Kept by uitbetaling through
    # aanvragen.betaling.betaling_teruggekomen / betaling_weer_onderweg.
    betaling_terug_op = models.DateTimeField(_("betaling teruggekomen op"), null=True, blank=True)

    ingediend_namens_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanvragen_namens_ingediend",
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), null=True, db_index=True)
    bevestiging = models.CharField(_("hoe bevestigd"), max_length=300, blank=True)
    inwoner_bevestigd_op = models.DateTimeField(
        _("bevestigd door inwoner op"), null=True, blank=True
    )
    duur_seconden = models.PositiveIntegerField(
        _("invullen duurde (seconden)"),
        null=True,
        help_text="From the first step of the wizard to submission (guarantee 2).",
    )
    peildatum = models.DateField(_("peildatum regels"), null=True)
    beleidsregel = models.ForeignKey(
        "wegwijzer.Beleidsregel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanvragen",
        help_text="The rule version used for the pre-check and the proposal.",
    )
    einddatum_gepland = models.DateField(_("besluit uiterlijk (servicenorm)"), null=True)
    uiterlijke_einddatum_afdoening = models.DateField(_("wettelijke beslistermijn"), null=True)
    sla_status = models.CharField(
        _("SLA"), max_length=10, choices=SLA_CHOICES, default=SlaStatus.OP_SCHEMA
    )

    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanvragen_in_behandeling",
    )
    toegekend_bedrag = models.DecimalField(
        _("toegekend bedrag"), max_digits=9, decimal_places=2, null=True
    )
    besluit_motivering = models.TextField(_("motivering"), blank=True)
    besluit_vorm = models.CharField(
        _("vorm"),
        max_length=10,
        blank=True,
        choices=Vorm,
    )
    # Terugbetalingsafspraak for a loan (Pw art. 51): the gemeente's collection takes it over.
    lening_maandbedrag = models.DecimalField(
        _("aflossing per maand"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    # Pw art. 57: the behandelaar may pay the supplier instead of the inwoner.
    leverancier_naam = models.CharField(_("naam leverancier"), max_length=70, blank=True)
    leverancier_iban = models.CharField(_("IBAN leverancier"), max_length=34, blank=True)
    lening_termijnen = models.PositiveSmallIntegerField(_("aantal maanden"), null=True, blank=True)
    # Four eyes: an award above the gemeente's amount waits here for a colleague's approval.
    voorgesteld_bedrag = models.DecimalField(
        _("voorgesteld bedrag"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    voorgestelde_motivering = models.TextField(_("voorgestelde motivering"), blank=True)
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voorgestelde_toekenningen",
    )
    voorgesteld_op = models.DateTimeField(null=True, blank=True)
    besloten_op = models.DateTimeField(_("besloten op"), null=True, db_index=True)
    doorlooptijd_werkdagen = models.PositiveSmallIntegerField(
        _("doorlooptijd (werkdagen)"),
        null=True,
        blank=True,
        help_text="Werkdagen from submission to decision, suspensions excluded; set on decision.",
    )

    geanonimiseerd_op = models.DateTimeField(
        _("geanonimiseerd op"),
        null=True,
        blank=True,
        help_text="Personal data removed after the retention term (aanvragen/bewaartermijnen.py).",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = AanvraagQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        indexes = [
            models.Index(fields=["status", "einddatum_gepland"], name="aanvraag_werkvoorraad_idx"),
            models.Index(fields=["gemeente", "status"], name="aanvraag_gemeente_status_idx"),
            # The werkvoorraad: open aanvragen in the queue's order, read straight from the
            # index with LIMIT; the counts above the queue come from the same small index.
            models.Index(
                fields=["einddatum_gepland", "ingediend_op", "id"],
                include=["status", "sla_status", "behandelaar", "gemeente"],
                condition=models.Q(status__in=sorted(s.value for s in OPEN)),
                name="aanvraag_open_wachtrij_idx",
            ),
            # "Wacht op uw goedkeuring" on every werkvoorraad page: the few pending proposals.
            models.Index(
                fields=["voorgesteld_op"],
                condition=models.Q(status="in_behandeling", voorgesteld_bedrag__isnull=False),
                name="aanvraag_ter_goedkeuring_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.referentie or f"concept {self.pk}"

    @property
    def status_label(self) -> str:
        return self.get_status_display()


class StatusWijziging(Historie):
    """Append-only history of an aanvraag's status: from, to, when, who, why."""

    aanvraag = models.ForeignKey(
        Aanvraag, on_delete=models.CASCADE, related_name="statuswijzigingen"
    )
    van = models.CharField(max_length=30, choices=STATUS_CHOICES, blank=True)
    naar = models.CharField(max_length=30, choices=STATUS_CHOICES)
    door_omschrijving = models.CharField(_("door"), max_length=100)

    class Meta(Historie.Meta):
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")

    def __str__(self) -> str:
        return f"{self.aanvraag}: {self.van or '-'} → {self.naar}"


class AanvraagConcept(models.Model):
    """The wizard's state of an unsent aanvraag, saved after every step (nothing is lost).

    One per applicant and channel: the inwoner's own (DigiD) and one per klantcontact colleague
    filling it in on the phone. Deleted on submission, or after CONCEPT_BEWAARTERMIJN_DAGEN.
    """

    sleutel = models.CharField(max_length=60, unique=True)
    bsn = models.CharField(_("BSN"), max_length=9, db_index=True)
    namens = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="aanvraagconcepten",
    )
    stap = models.CharField(_("laatste stap"), max_length=30, blank=True)
    data = models.JSONField(default=dict)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("aanvraag in concept")
        verbose_name_plural = _("aanvragen in concept")

    def __str__(self) -> str:
        return f"concept {self.sleutel} ({self.stap})"


class Aanvullingsverzoek(models.Model):
    """A request to supplement the aanvraag, with a term (Awb 4:5)."""

    aanvraag = models.ForeignKey(
        "aanvragen.Aanvraag", on_delete=models.CASCADE, related_name="aanvullingsverzoeken"
    )
    vraag = models.TextField(_("wat hebben we nodig"))
    termijn_tot = models.DateField(_("uiterlijk"))
    gevraagd_op = models.DateTimeField(_("gevraagd op"))
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="aanvullingsverzoeken"
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    antwoord = models.TextField(_("antwoord"), blank=True)
    # A colleague on the phone typed the answer for the inwoner (empty: the inwoner themself).
    beantwoord_namens = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingevuld door medewerker"),
    )

    class Meta:
        verbose_name = _("aanvullingsverzoek")
        verbose_name_plural = _("aanvullingsverzoeken")
        ordering = ["gevraagd_op", "pk"]

    def __str__(self) -> str:
        return f"{self.aanvraag}: tot {self.termijn_tot:%d-%m-%Y}"


class Opschorting(models.Model):
    """An interval in which the terms stand still (Awb 4:15). `tot` is empty while it lasts."""

    aanvraag = models.ForeignKey(
        "aanvragen.Aanvraag", on_delete=models.CASCADE, related_name="opschortingen"
    )
    van = models.DateField(_("vanaf"))
    tot = models.DateField(_("tot en met"), null=True, blank=True)
    reden = models.CharField(_("reden"), max_length=200)
    verzoek = models.OneToOneField(
        "aanvragen.Aanvullingsverzoek",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opschorting",
    )

    class Meta:
        verbose_name = _("opschorting")
        verbose_name_plural = _("opschortingen")
        ordering = ["van", "pk"]

    def __str__(self) -> str:
        return f"{self.aanvraag}: {self.van} – {self.tot or '…'}"


class DocumentSoort(models.TextChoices):
    BEWIJS = "bewijs", _("Offerte of bon")
    AANVULLING = "aanvulling", _("Aanvulling")
    ONTVANGSTBEVESTIGING = "ontvangstbevestiging", _("Ontvangstbevestiging")
    BESCHIKKING = "beschikking", _("Beschikking")


def document_pad(document, bestandsnaam: str) -> str:
    return f"documenten/{document.aanvraag_id}/{uuid.uuid4().hex}{Path(bestandsnaam).suffix}"


class Document(models.Model):
    """A file in the dossier, stored privately and served only after a permission check."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="documenten")
    soort = models.CharField(_("soort"), max_length=30, choices=DocumentSoort)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=50)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(max_length=64)
    bestand = models.FileField(storage=prive_opslag, upload_to=document_pad, max_length=300)
    virusscan = models.CharField(_("virusscan"), max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanvraag", "soort"],
                condition=models.Q(soort__in=["ontvangstbevestiging", "beschikking"]),
                name="een_ontvangstbevestiging_en_beschikking_per_aanvraag",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.bestandsnaam}"


class Tijdvak(models.TextChoices):
    OCHTEND = "ochtend", _("In de ochtend (9 tot 12 uur)")
    MIDDAG = "middag", _("In de middag (13 tot 17 uur)")
    MAAKT_NIET_UIT = "maakt_niet_uit", _("Maakt niet uit")


class Terugbelverzoek(models.Model):
    """An inwoner asks to be called back (from the Wegwijzer or the wizard)."""

    gemeente = models.ForeignKey(
        "portal.Gemeente", on_delete=models.PROTECT, related_name="terugbelverzoeken"
    )
    naam = models.CharField(_("naam"), max_length=200)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20)
    tijdvak = models.CharField(
        _("wanneer"), max_length=20, choices=Tijdvak, default=Tijdvak.MAAKT_NIET_UIT
    )
    vraag = models.CharField(_("waarover"), max_length=500, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True, db_index=True)
    afgehandeld_op = models.DateTimeField(null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="afgehandelde_terugbelverzoeken",
    )

    class Meta:
        verbose_name = _("terugbelverzoek")
        verbose_name_plural = _("terugbelverzoeken")
        ordering = ["aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.aangemaakt_op:%d-%m %H:%M})"


class BerichtWeg(models.TextChoices):
    SMS = "sms", _("Per SMS")
    EMAIL = "email", _("Per e-mail")
    BRIEF = "brief", _("Alleen per brief")


class KeuzeBron(models.TextChoices):
    MIJN_AANVRAGEN = "mijn-aanvragen", _("door de inwoner in Mijn aanvragen")
    AANVRAAG = "aanvraag", _("door de inwoner bij de aanvraag")
    TELEFOON = "telefoon", _("aan de telefoon, vastgelegd door een medewerker")


class Berichtkeuze(models.Model):
    """How an inwoner wants to hear from one gemeente, per kind of message (Wmebv; the rule in
    aanvragen/berichtkeuze.py). Every change is a new row: the newest is the choice, the older
    ones show what held when an earlier message was sent."""

    bsn = models.CharField(max_length=9)
    gemeente = models.ForeignKey("portal.Gemeente", on_delete=models.PROTECT, related_name="+")
    ontvangst = models.CharField(
        _("bevestiging dat wij iets van u kregen"),
        max_length=10,
        choices=BerichtWeg,
        default=BerichtWeg.BRIEF,
    )
    vraag = models.CharField(
        _("een vraag van ons"), max_length=10, choices=BerichtWeg, default=BerichtWeg.BRIEF
    )
    besluit = models.CharField(
        _("het besluit"), max_length=10, choices=BerichtWeg, default=BerichtWeg.BRIEF
    )
    betaling = models.CharField(
        _("de betaling"), max_length=10, choices=BerichtWeg, default=BerichtWeg.BRIEF
    )
    telefoon = models.CharField(_("mobiel nummer"), max_length=16, blank=True)  # E.164
    email = models.EmailField(_("e-mailadres"), blank=True)
    email_geverifieerd_op = models.DateTimeField(null=True, blank=True)
    vastgelegd_op = models.DateTimeField(_("gekozen op"))
    bron = models.CharField(_("hoe gekozen"), max_length=20, choices=KeuzeBron)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    SOORTEN = ("ontvangst", "vraag", "besluit", "betaling")

    class Meta:
        verbose_name = _("keuze voor berichten")
        verbose_name_plural = _("keuzes voor berichten")
        ordering = ["-vastgelegd_op", "-pk"]
        indexes = [models.Index(fields=["bsn", "gemeente", "-vastgelegd_op"], name="keuze_van")]

    def __str__(self) -> str:
        return f"keuze {self.vastgelegd_op:%Y-%m-%d %H:%M} ({self.get_bron_display()})"


class EmailCode(models.Model):
    """A code sent to an e-mail address to prove it is the inwoner's before the gemeente uses
    it (stored as a keyed hash; valid for 30 minutes, five tries)."""

    bsn = models.CharField(max_length=9)
    email = models.EmailField()
    code_hash = models.CharField(max_length=64)
    aangemaakt_op = models.DateTimeField()
    geldig_tot = models.DateTimeField()
    pogingen = models.PositiveSmallIntegerField(default=0)
    gebruikt_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["bsn", "-aangemaakt_op"], name="emailcode_van")]

    def __str__(self) -> str:
        return f"code {self.aangemaakt_op:%Y-%m-%d %H:%M}"


class OntvangstSoort(models.TextChoices):
    AANVULLING = "aanvulling", _("Uw antwoord op onze vraag")
    BEWIJS = "bewijs", _("Uw bewijs (offerte of bon)")


class Ontvangst(models.Model):
    """A formal message the inwoner sent us, received (Wmebv: each gets a receipt): when, what,
    and a SHA-256 of its content, so both sides can show later what arrived."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="ontvangsten")
    soort = models.CharField(_("wat"), max_length=20, choices=OntvangstSoort)
    ontvangen_op = models.DateTimeField(_("ontvangen op"))
    sha256 = models.CharField(max_length=64)
    namens = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ontvangst")
        verbose_name_plural = _("ontvangsten")
        ordering = ["-ontvangen_op", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.ontvangen_op:%Y-%m-%d %H:%M}"


class Brieftaak(models.Model):
    """A message that did not reach the inwoner electronically (the SMS and then the e-mail
    failed, or there was no other way): klantcontact sends it as a letter. Counted as the
    failure of the digital channel it is."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="brieftaken")
    soort = models.CharField(_("bericht"), max_length=40)
    bericht_id = models.BigIntegerField()  # the message that failed (portal.Bericht)
    reden = models.CharField(_("waarom een brief"), max_length=300)
    aangemaakt_op = models.DateTimeField(_("sinds"), db_index=True)
    afgehandeld_op = models.DateTimeField(null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("brief te versturen")
        verbose_name_plural = _("brieven te versturen")
        ordering = ["aangemaakt_op"]
        constraints = [models.UniqueConstraint(fields=["bericht_id"], name="een_brief_per_bericht")]

    def __str__(self) -> str:
        return f"brief {self.soort} ({self.aangemaakt_op:%d-%m %H:%M})"
