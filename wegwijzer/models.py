"""Rules as data: kostensoorten and the national amounts, each with a validity date."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Leefsituatie(models.TextChoices):
    ALLEENSTAANDE = "alleenstaande", _("Alleenstaande")
    ALLEENSTAANDE_OUDER = "alleenstaande_ouder", _("Alleenstaande ouder")
    GEHUWDEN = "gehuwden", _("Gehuwd of samenwonend")


class Leeftijdsgroep(models.TextChoices):
    JONGER_DAN_21 = "18_20", _("18 tot en met 20 jaar")
    VAN_21_TOT_AOW = "21_aow", _("21 jaar tot AOW-leeftijd")
    AOW = "aow", _("AOW-leeftijd of ouder")


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
    """A kind of cost an inwoner can apply for (wasmachine, bril, ...)."""

    slug = models.SlugField(unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    uitleg = models.TextField(_("uitleg voor inwoners (B1)"), blank=True)
    vergoed = models.BooleanField(_("kan vergoed worden"), default=True)
    maximum_bedrag = models.DecimalField(
        _("maximumbedrag"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    bewijs = models.CharField(_("welk bewijs nodig"), max_length=200, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("kostensoort")
        verbose_name_plural = _("kostensoorten")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam
