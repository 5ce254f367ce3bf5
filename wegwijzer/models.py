"""Rules as data: kostensoorten and the national amounts, each with a validity date."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wegwijzer import regels


class Leefsituatie(models.TextChoices):
    ALLEENSTAANDE = regels.Leefsituatie.ALLEENSTAANDE.value, _("Alleenstaande")
    ALLEENSTAANDE_OUDER = regels.Leefsituatie.ALLEENSTAANDE_OUDER.value, _("Alleenstaande ouder")
    GEHUWDEN = regels.Leefsituatie.GEHUWDEN.value, _("Gehuwd of samenwonend")


class Leeftijdsgroep(models.TextChoices):
    JONGER_DAN_21 = regels.Leeftijdsgroep.JONGER_DAN_21.value, _("18 tot en met 20 jaar")
    VAN_21_TOT_AOW = regels.Leeftijdsgroep.VAN_21_TOT_AOW.value, _("21 jaar tot AOW-leeftijd")
    AOW = regels.Leeftijdsgroep.AOW.value, _("AOW-leeftijd of ouder")


class VoorliggendeVoorziening(models.TextChoices):
    """Does another scheme or insurance pay (wegwijzer.regels.Antwoord), as inwoners read it."""

    NEE = "nee", _("Nee")
    JA = "ja", _("Ja, alles")
    DEELS = "deels", _("Ja, een deel")
    WEET_NIET = "weet_niet", _("Weet ik niet")


class GeldigheidQuerySet(models.QuerySet):
    def geldig_op(self, peildatum):
        return self.filter(geldig_vanaf__lte=peildatum).filter(
            models.Q(geldig_tot__isnull=True) | models.Q(geldig_tot__gte=peildatum)
        )


class Normbedrag(models.Model):
    """A bijstandsnorm per month (Pw art. 20–22), incl. vakantietoeslag."""

    leefsituatie = models.CharField(_("leefsituatie"), max_length=30, choices=Leefsituatie)
    leeftijdsgroep = models.CharField(_("leeftijd"), max_length=10, choices=Leeftijdsgroep)
    bedrag = models.DecimalField(_("bedrag per maand"), max_digits=9, decimal_places=2)
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)
    bron = models.CharField(_("bron"), max_length=200, blank=True)

    objects = GeldigheidQuerySet.as_manager()

    class Meta:
        verbose_name = _("normbedrag")
        verbose_name_plural = _("normbedragen")
        ordering = ["-geldig_vanaf", "leefsituatie", "leeftijdsgroep"]
        constraints = [
            models.UniqueConstraint(
                fields=["leefsituatie", "leeftijdsgroep", "geldig_vanaf"], name="uniek_normbedrag"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_leefsituatie_display()} ({self.get_leeftijdsgroep_display()})"


class AowLeeftijd(models.Model):
    """The AOW age for people who reach it in a year (SVB; set five years ahead each November).

    The age group of the norm follows from the birth date and this table
    (wegwijzer.regels.aow_datum): add next year's row when the minister announces it.
    """

    jaar = models.PositiveSmallIntegerField(
        _("jaar waarin men de AOW-leeftijd bereikt"), unique=True
    )
    jaren = models.PositiveSmallIntegerField(_("AOW-leeftijd: jaren"))
    maanden = models.PositiveSmallIntegerField(
        _("AOW-leeftijd: maanden erbij"), default=0, validators=[MaxValueValidator(11)]
    )
    bron = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("AOW-leeftijd")
        verbose_name_plural = _("AOW-leeftijden")
        ordering = ["jaar"]

    def __str__(self) -> str:
        return f"{self.jaar}: {self.jaren} jaar en {self.maanden} maanden"

    @property
    def in_maanden(self) -> int:
        return self.jaren * 12 + self.maanden


class Vermogensgrens(models.Model):
    """Pw art. 34 lid 3."""

    leefsituatie = models.CharField(_("leefsituatie"), max_length=30, choices=Leefsituatie)
    bedrag = models.DecimalField(_("bedrag"), max_digits=9, decimal_places=2)
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)

    objects = GeldigheidQuerySet.as_manager()

    class Meta:
        verbose_name = _("vermogensgrens")
        verbose_name_plural = _("vermogensgrenzen")
        ordering = ["-geldig_vanaf", "leefsituatie"]
        constraints = [
            models.UniqueConstraint(
                fields=["leefsituatie", "geldig_vanaf"], name="uniek_vermogensgrens"
            )
        ]

    def __str__(self) -> str:
        return self.get_leefsituatie_display()


class Kostensoort(models.Model):
    """A kind of cost an inwoner can apply for (wasmachine, bril, ...): the catalogue.

    Whether a gemeente covers it, up to what amount and in what form is policy: see
    KostensoortBeleid, per Beleidsregel version.
    """

    slug = models.SlugField(unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    uitleg = models.TextField(_("uitleg voor inwoners (B1)"), blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("kostensoort")
        verbose_name_plural = _("kostensoorten")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Beleidsregel(models.Model):
    """A version of a gemeente's beleidsregels for a regeling, valid between two dates.

    A version that an aanvraag used is never changed again: make a new version instead (admin
    action "Nieuwe versie"). The admin keeps the history of who changed what.
    """

    gemeente = models.ForeignKey(
        "portal.Gemeente", on_delete=models.PROTECT, related_name="beleidsregels"
    )
    regeling = models.ForeignKey(
        "portal.Regeling", on_delete=models.PROTECT, related_name="beleidsregels"
    )
    naam = models.CharField(_("naam"), max_length=200)
    publieke_naam = models.CharField(
        _("naam voor inwoners"),
        max_length=200,
        blank=True,
        help_text=_(
            "Zo heet dit beleid in besluiten en in de Wegwijzer, bijvoorbeeld: Beleidsregels "
            "bijzondere bijstand Voorbeeldstad 2026. Leeg: de naam hierboven."
        ),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    is_voorbeeld = models.BooleanField(
        _("voorbeeld"),
        default=False,
        help_text=_("Een voorbeeldbeleid voor demo's, geen echt beleid van deze gemeente."),
    )
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)
    periode_maanden = models.PositiveSmallIntegerField(
        _("draagkrachtperiode (maanden)"), default=12
    )
    periode_start = models.CharField(
        _("start draagkrachtperiode"),
        max_length=40,
        default="eerste_dag_maand_aanvraag",
        choices=[("eerste_dag_maand_aanvraag", _("Eerste dag van de maand van de aanvraag"))],
    )
    vermogen_buffer_maanden = models.DecimalField(
        _("buffer op banksaldo (maanden norm)"), max_digits=4, decimal_places=2, default=0
    )
    drempel_toepassen = models.BooleanField(_("drempelbedrag toepassen"), default=False)
    drempelbedrag = models.DecimalField(
        _("drempelbedrag"), max_digits=9, decimal_places=2, null=True, blank=True
    )

    objects = GeldigheidQuerySet.as_manager()

    class Meta:
        verbose_name = _("beleidsregel (versie)")
        verbose_name_plural = _("beleidsregels (versies)")
        ordering = ["gemeente", "-geldig_vanaf"]

    def __str__(self) -> str:
        tot = f" t/m {self.geldig_tot:%d-%m-%Y}" if self.geldig_tot else ""
        return f"{self.gemeente}: {self.naam} (vanaf {self.geldig_vanaf:%d-%m-%Y}{tot})"

    def clean(self):
        from wegwijzer.services import controleer_geen_overlap

        if self.geldig_tot and self.geldig_tot < self.geldig_vanaf:
            raise ValidationError(_("De einddatum ligt voor de begindatum."))
        if self.gemeente_id and self.regeling_id:
            controleer_geen_overlap(beleidsregel=self)


class Draagkrachtband(models.Model):
    """Part of the income between two percentages of the norm counts for a percentage."""

    beleidsregel = models.ForeignKey(Beleidsregel, on_delete=models.CASCADE, related_name="banden")
    groep = models.SlugField(_("groep kostensoorten"), default="standaard")
    van_procent = models.DecimalField(_("vanaf % van de norm"), max_digits=5, decimal_places=2)
    tot_procent = models.DecimalField(
        _("tot % van de norm"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    percentage = models.DecimalField(_("telt mee (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("draagkrachtband")
        verbose_name_plural = _("draagkrachtbanden")
        ordering = ["groep", "van_procent"]

    def __str__(self) -> str:
        return f"{self.groep}: {self.van_procent}–{self.tot_procent or '∞'}% → {self.percentage}%"


class Vorm(models.TextChoices):
    """wegwijzer.regels.Vorm with its labels."""

    GIFT = regels.Vorm.GIFT.value, _("Gift")
    LENING = regels.Vorm.LENING.value, _("Lening zonder rente")


class KostensoortBeleid(models.Model):
    """How one version of the beleidsregels treats one kostensoort."""

    beleidsregel = models.ForeignKey(
        Beleidsregel, on_delete=models.CASCADE, related_name="kostensoorten"
    )
    kostensoort = models.ForeignKey(Kostensoort, on_delete=models.PROTECT, related_name="beleid")
    vergoed = models.BooleanField(_("wordt vergoed"), default=True)
    reden_niet_vergoed = models.CharField(
        _("reden als niet vergoed (B1)"), max_length=300, blank=True
    )
    maximum_bedrag = models.DecimalField(
        _("maximumbedrag"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    vorm = models.CharField(_("vorm"), max_length=10, choices=Vorm, default=Vorm.GIFT)
    bandgroep = models.SlugField(_("groep draagkrachtbanden"), default="standaard")
    vooraf_aanvragen = models.BooleanField(_("aanvragen vóór aankoop"), default=False)
    maanden_na_factuur = models.PositiveSmallIntegerField(
        _("aanvragen binnen (maanden na rekening)"), null=True, blank=True
    )
    voorliggende_vraag = models.CharField(
        _("vraag naar voorliggende voorziening"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: Betaalt uw zorgverzekering dit?"),
    )
    bewijs = models.CharField(_("welk bewijs nodig"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("kostensoort in beleid")
        verbose_name_plural = _("kostensoorten in beleid")
        constraints = [
            models.UniqueConstraint(
                fields=["beleidsregel", "kostensoort"], name="uniek_kostensoort_per_beleid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kostensoort} ({self.beleidsregel.naam})"


class WegwijzerTelling(models.Model):
    """Anonymous counters of the Wegwijzer check per day: no answers, no person."""

    datum = models.DateField()
    gemeente = models.ForeignKey(
        "portal.Gemeente", on_delete=models.CASCADE, related_name="wegwijzer_tellingen"
    )
    gestart = models.PositiveIntegerField(default=0)
    afgerond = models.PositiveIntegerField(default=0)
    uitkomst_ja = models.PositiveIntegerField(default=0)
    uitkomst_nee = models.PositiveIntegerField(default=0)
    uitkomst_onbekend = models.PositiveIntegerField(default=0)
    seconden_totaal = models.PositiveBigIntegerField(default=0)
    binnen_twee_minuten = models.PositiveIntegerField(default=0)
    binnen_kwartier = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("wegwijzer-telling")
        verbose_name_plural = _("wegwijzer-tellingen")
        constraints = [
            models.UniqueConstraint(fields=["datum", "gemeente"], name="uniek_telling_per_dag")
        ]

    def __str__(self) -> str:
        return f"{self.datum} {self.gemeente}"
