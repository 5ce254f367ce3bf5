"""The domain core shared by the four apps: gemeenten, regelingen and the calendar data."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.tekst import epc_tekst

cbs_code_validator = RegexValidator(r"^\d{4}$", _("Een CBS-code bestaat uit 4 cijfers."))


class BevestigingNamens(models.TextChoices):
    MONDELING = "mondeling", _("De beller bevestigt mondeling; de medewerker legt dat vast")
    DIGID = "digid", _("De inwoner bevestigt daarna zelf met DigiD")


class PartnerToestemming(models.TextChoices):
    VASTLEGGEN = "vastleggen", _("De aanvrager verklaart dat de partner toestemming geeft")
    DIGID = "digid", _("De partner geeft zelf toestemming met DigiD")


class DigidNiveau(models.TextChoices):
    """The stored names of `portal.niveaus.Niveau`, for the admin."""

    BASIS = "basis", _("DigiD Basis (gebruikersnaam en wachtwoord)")
    MIDDEN = "midden", _("DigiD Midden (sms-controle of DigiD app)")
    SUBSTANTIEEL = "substantieel", _("DigiD Substantieel (DigiD app met ID-check)")
    HOOG = "hoog", _("DigiD Hoog (identiteitsbewijs met chip)")


class Historie(models.Model):
    """Base of every append-only history (aanvraag, betaalopdracht, betaalbatch): when, who
    and why; the subclass adds what it is the history of and the from/to states."""

    op = models.DateTimeField()
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reden = models.TextField(_("reden"), blank=True)

    class Meta:
        abstract = True
        ordering = ["op", "pk"]


class Gemeente(models.Model):
    """A gemeente served by this installation (one installation can serve several)."""

    naam = models.CharField(_("naam"), max_length=100)
    cbs_code = models.CharField(
        _("CBS-code"), max_length=4, unique=True, validators=[cbs_code_validator]
    )
    telefoon = models.CharField(_("telefoonnummer"), max_length=20)
    postadres = models.TextField(
        _("postadres voor bezwaar"),
        blank=True,
        help_text=_(
            "Staat in elk besluit, bijvoorbeeld: Postbus 100, 1234 AB Voorbeeldstad. Zet elke "
            "regel op een nieuwe regel."
        ),
    )
    bezwaar_url = models.URLField(
        _("bezwaar maken (webadres)"),
        blank=True,
        help_text=_("De pagina waar een inwoner digitaal bezwaar maakt. Staat in elk besluit."),
    )
    website = models.URLField(
        _("website bijzondere bijstand"),
        blank=True,
        help_text=_("De Wegwijzer verwijst inwoners hiernaartoe als zij hier niet aanvragen."),
    )
    rekening_iban = models.CharField(_("IBAN betaalrekening"), max_length=34)
    rekening_bic = models.CharField(_("BIC betaalrekening"), max_length=11, blank=True)
    rekening_naam = models.CharField(_("naam rekeninghouder"), max_length=70)
    vier_ogen_vanaf = models.DecimalField(
        _("vier ogen boven (bedrag)"),
        max_digits=9,
        decimal_places=2,
        default=1000,
        help_text=_("Een toekenning boven dit bedrag keurt een tweede medewerker goed."),
    )
    partner_toestemming = models.CharField(
        _("toestemming partner (Pw art. 43)"),
        max_length=20,
        choices=PartnerToestemming,
        default=PartnerToestemming.VASTLEGGEN,
    )
    bevestiging_namens = models.CharField(
        _("aanvraag via de telefoon bevestigen"),
        max_length=20,
        choices=BevestigingNamens,
        default=BevestigingNamens.MONDELING,
    )
    buitenlandse_iban = models.BooleanField(
        _("buitenlandse rekening (SEPA) toestaan"),
        default=False,
        help_text=_(
            "Aan: een inwoner mag een rekening in een ander SEPA-land opgeven. Een tweede "
            "medewerker keurt zo'n betaling altijd goed. Uit: alleen Nederlandse rekeningen."
        ),
    )
    # Tenancy: the colleagues who work for this gemeente (a team may serve several). A colleague
    # sees only the aanvragen, payments and figures of these gemeenten (portal/werkgebied.py).
    medewerkers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerkers"),
        related_name="werkgemeenten",
        blank=True,
        help_text=_("Collega's die voor deze gemeente werken en alleen haar gegevens zien."),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def clean(self):
        """The account every payment leaves from must fit a bank file: checked here, in the
        admin, not when the first file of the day is refused."""
        from django.core.exceptions import ValidationError
        from schwifty import IBAN
        from schwifty.exceptions import SchwiftyException

        fouten = {}
        try:
            IBAN(self.rekening_iban)
        except SchwiftyException:
            fouten["rekening_iban"] = _("Dit IBAN klopt niet.")
        if len(epc_tekst(self.rekening_naam or "", 70)) < 2:
            fouten["rekening_naam"] = _(
                "Deze naam kan niet in een betaalbestand: gebruik letters van ons alfabet."
            )
        if fouten:
            raise ValidationError(fouten)


class Regeling(models.Model):
    """A regeling with the zekerheden of its serviceformule."""

    slug = models.SlugField(unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    wettelijke_grondslag = models.CharField(_("wettelijke grondslag"), max_length=200)
    norm_aanvraag_minuten = models.PositiveSmallIntegerField(
        _("aanvragen duurt hoogstens (minuten)"), default=15
    )
    norm_besluit_werkdagen = models.PositiveSmallIntegerField(
        _("besluit binnen (werkdagen)"), default=5
    )
    norm_uitbetaling_werkdagen = models.PositiveSmallIntegerField(
        _("uitbetaling binnen (werkdagen na toekenning)"), default=0
    )
    wettelijke_beslistermijn_weken = models.PositiveSmallIntegerField(
        _("wettelijke beslistermijn (weken)"), default=8
    )
    digid_niveau = models.CharField(
        _("DigiD-niveau"),
        max_length=20,
        choices=DigidNiveau,
        default=DigidNiveau.MIDDEN,
        help_text=_(
            "Het laagste DigiD-niveau waarmee een inwoner mag aanvragen en zijn gegevens mag "
            "zien. Midden is gebruikelijk voor aanvragen met inkomensgegevens."
        ),
    )

    class Meta:
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")

    def __str__(self) -> str:
        return self.naam


class GelijkgesteldeDag(models.Model):
    """A day equated with an Atw feestdag by decree (e.g. 2 January 2026). National data."""

    datum = models.DateField(_("datum"), unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=100)

    class Meta:
        verbose_name = _("gelijkgestelde dag (Atw)")
        verbose_name_plural = _("gelijkgestelde dagen (Atw)")
        ordering = ["datum"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.omschrijving}"


class Sluitingsdag(models.Model):
    """A day on which a gemeente is closed; not a werkdag for its service norms."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="sluitingsdagen")
    datum = models.DateField(_("datum"))
    omschrijving = models.CharField(_("omschrijving"), max_length=100)

    class Meta:
        verbose_name = _("sluitingsdag")
        verbose_name_plural = _("sluitingsdagen")
        ordering = ["datum"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "datum"], name="uniek_sluitingsdag")
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.datum:%d-%m-%Y} {self.omschrijving}"


class WorkerHartslag(models.Model):
    """The last time a Celery worker ran the heartbeat task (read by /healthz)."""

    naam = models.CharField(max_length=200, unique=True)
    laatst_gezien = models.DateTimeField()

    class Meta:
        verbose_name = _("worker-hartslag")
        verbose_name_plural = _("worker-hartslagen")

    def __str__(self) -> str:
        return f"{self.naam} {self.laatst_gezien:%Y-%m-%d %H:%M:%S}"


class VerwerkingQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise VerwerkingNietWijzigbaar("Het logboek dataverwerkingen wordt nooit gewijzigd.")

    def delete(self):
        raise VerwerkingNietWijzigbaar("Het logboek dataverwerkingen heeft geen verwijderfunctie.")


class VerwerkingNietWijzigbaar(Exception):
    pass


class Verwerking(models.Model):
    """Logboek Dataverwerkingen (Logius standard): one processing of an inwoner's personal data.

    Append-only: no update or delete through Django, and in PostgreSQL a trigger refuses them
    too. The BSN is stored encrypted (Fernet) plus a keyed hash to find an inwoner's entries;
    see portal/logboek.py.
    """

    trace_id = models.CharField(max_length=32, db_index=True)
    operation_id = models.CharField(max_length=16)
    naam = models.CharField(_("handeling"), max_length=100)
    verwerkingsactiviteit = models.CharField(_("verwerkingsactiviteit"), max_length=40)
    status = models.CharField(max_length=10, default="ok")
    begin = models.DateTimeField(db_index=True)
    eind = models.DateTimeField()
    actor = models.CharField(_("door"), max_length=100)
    medewerker = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The inwoner: their BSN encrypted, and a keyed hash to find their entries. Empty for a
    # person we know no BSN of; `object_ref` then names what was processed.
    betrokkene_versleuteld = models.TextField(blank=True)
    betrokkene_zoeksleutel = models.CharField(max_length=64, db_index=True, blank=True)
    aanvraag_id = models.BigIntegerField(null=True, blank=True)  # no FK: outlives retention
    object_ref = models.CharField(_("object"), max_length=60, blank=True, db_index=True)

    objects = VerwerkingQuerySet.as_manager()

    class Meta:
        verbose_name = _("verwerking")
        verbose_name_plural = _("logboek dataverwerkingen")
        ordering = ["-begin", "-pk"]

    def __str__(self) -> str:
        return f"{self.begin:%Y-%m-%d %H:%M} {self.naam} ({self.actor})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise VerwerkingNietWijzigbaar("Het logboek dataverwerkingen wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise VerwerkingNietWijzigbaar("Het logboek dataverwerkingen heeft geen verwijderfunctie.")


class BerichtStatus(models.TextChoices):
    WACHT = "wacht", _("Wacht op verzending")
    VERZONDEN = "verzonden", _("Verzonden")
    MISLUKT = "mislukt", _("Niet verzonden")


class BerichtKanaal(models.TextChoices):
    """How a message travels (portal/kanalen.py)."""

    SMTP = "smtp", _("E-mail (eigen mailserver)")
    NOTIFY_EMAIL = "notify-email", _("E-mail via NotifyNL")
    NOTIFY_SMS = "notify-sms", _("SMS via NotifyNL")


class Aflevering(models.TextChoices):
    """Whether a message arrived, as NotifyNL reports it (its own status names). Empty: not
    known (yet); a message through our own mail server never gets a report."""

    AFGELEVERD = "delivered", _("Afgeleverd")
    PERMANENT = "permanent-failure", _("Niet afgeleverd: adres of nummer bestaat niet")
    TIJDELIJK = "temporary-failure", _("Niet afgeleverd: telefoon uit of inbox vol")
    TECHNISCH = "technical-failure", _("Niet afgeleverd: technische storing")


class Bericht(models.Model):
    """A message the portal sends (portal/berichten.py): written in the same transaction as the
    event that causes it, delivered by the worker, retried with backoff, under one fixed
    Message-ID so a resend after a crash shows once. What was sent stays recorded (Wmebv: the
    gemeente must be able to show what it sent and when)."""

    soort = models.CharField(_("soort"), max_length=40)
    # The aanvraag it is about (no foreign key: the outbox is part of the shared core).
    aanvraag_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    aan = models.CharField(_("aan"), max_length=1000)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    # An attachment in the private storage (a beschikking PDF), by name.
    bijlage_bestand = models.CharField(max_length=300, blank=True)
    bijlage_naam = models.CharField(max_length=200, blank=True)
    bijlage_type = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BerichtStatus, default=BerichtStatus.WACHT
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    pogingen = models.PositiveSmallIntegerField(default=0)
    volgende_poging_op = models.DateTimeField()
    laatste_fout = models.CharField(max_length=300, blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    kanaal = models.CharField(
        _("kanaal"), max_length=20, choices=BerichtKanaal, default=BerichtKanaal.SMTP
    )
    # The gemeente whose channel settings apply (NotifyNL key and templates); none: SMTP.
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The fields a NotifyNL template fills in: never personal data (domain.md).
    personalisatie = models.JSONField(default=dict, blank=True)
    extern_id = models.CharField(_("NotifyNL-id"), max_length=36, blank=True)
    aflevering = models.CharField(_("aflevering"), max_length=20, choices=Aflevering, blank=True)
    aflevering_op = models.DateTimeField(_("aflevering bekend op"), null=True, blank=True)
    extern_status = models.CharField(max_length=30, blank=True)  # NotifyNL's last word
    status_vragen_op = models.DateTimeField(null=True, blank=True)
    status_vragen_pogingen = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(
                fields=["volgende_poging_op"],
                condition=models.Q(status="wacht"),
                name="bericht_te_bezorgen",
            ),
            models.Index(
                fields=["status_vragen_op"],
                condition=models.Q(status="verzonden", aflevering="") & ~models.Q(extern_id=""),
                name="bericht_aflevering_vragen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.soort} {self.aangemaakt_op:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class NotifyInstelling(models.Model):
    """A gemeente's NotifyNL service: where it is, its API key (stored encrypted,
    portal/geheimen.py) and the template of each message kind per channel. Off: the gemeente's
    messages go through the portal's own mail server, as before."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, related_name="notify", verbose_name=_("gemeente")
    )
    actief = models.BooleanField(_("berichten via NotifyNL"), default=False)
    basis_url = models.URLField(_("adres van de NotifyNL-API"), default="https://api.notifynl.nl")
    api_sleutel_versleuteld = models.TextField(blank=True, editable=False)
    sms_afzender_id = models.CharField(
        _("id van de SMS-afzender"),
        max_length=36,
        blank=True,
        help_text=_("Leeg: de standaardafzender van de dienst in NotifyNL."),
    )

    class Meta:
        verbose_name = _("NotifyNL-instelling")
        verbose_name_plural = _("NotifyNL-instellingen")

    def __str__(self) -> str:
        return f"NotifyNL {self.gemeente}"

    @property
    def api_sleutel(self) -> str:
        from portal.geheimen import ontsleutel

        return ontsleutel(self.api_sleutel_versleuteld) if self.api_sleutel_versleuteld else ""

    @api_sleutel.setter
    def api_sleutel(self, waarde: str) -> None:
        from portal.geheimen import versleutel

        self.api_sleutel_versleuteld = versleutel(waarde) if waarde else ""


class NotifySjabloon(models.Model):
    """One template in NotifyNL: which message kind it carries on which channel."""

    instelling = models.ForeignKey(
        NotifyInstelling, on_delete=models.CASCADE, related_name="sjablonen"
    )
    soort = models.CharField(_("soort bericht"), max_length=40)
    kanaal = models.CharField(
        _("kanaal"),
        max_length=20,
        choices=[
            (BerichtKanaal.NOTIFY_EMAIL.value, BerichtKanaal.NOTIFY_EMAIL.label),
            (BerichtKanaal.NOTIFY_SMS.value, BerichtKanaal.NOTIFY_SMS.label),
        ],
    )
    template_id = models.UUIDField(_("template-id in NotifyNL"))

    class Meta:
        verbose_name = _("NotifyNL-template")
        verbose_name_plural = _("NotifyNL-templates")
        constraints = [
            models.UniqueConstraint(
                fields=["instelling", "soort", "kanaal"], name="notify_sjabloon_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.soort} ({self.get_kanaal_display()})"
