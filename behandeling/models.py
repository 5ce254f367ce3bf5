from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanvragen.statussen import SlaStatus


class Kanaal(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    EMAIL = "email", _("E-mail")
    BALIE = "balie", _("Balie")
    BRIEF = "brief", _("Brief")
    INTERN = "intern", _("Intern")  # older rows only: a colleague's note is a history row now


class Gespreksuitkomst(models.TextChoices):
    BEANTWOORD = "beantwoord", _("Vraag beantwoord")
    AANVULLING = "aanvulling", _("Aanvulling nodig")
    GEEN_GEHOOR = "geen_gehoor", _("Geen gehoor")
    TERUGBELLEN = "terugbellen", _("Terugbellen afgesproken")
    ANDERS = "anders", _("Anders")


class Contactmoment(models.Model):
    """A call (or, as the exception, a letter) with the applicant; part of the dossier."""

    aanvraag = models.ForeignKey(
        "aanvragen.Aanvraag", on_delete=models.CASCADE, related_name="contactmomenten"
    )
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal, default=Kanaal.TELEFOON)
    op = models.DateTimeField(_("wanneer"), db_index=True)
    met = models.CharField(_("met wie"), max_length=200)
    samenvatting = models.TextField(_("samenvatting"))
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Gespreksuitkomst)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contactmomenten"
    )

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kanaal_display()} {self.op:%d-%m-%Y %H:%M}"


class SlaSignaalSoort(models.TextChoices):
    RISICO = SlaStatus.RISICO.value, _("Besluit moet vandaag of morgen")
    TE_LAAT = SlaStatus.TE_LAAT.value, _("Besluit is te laat")


class SlaSignaal(models.Model):
    """An escalation sent once per aanvraag, kind and deadline; a moved deadline re-arms it."""

    aanvraag = models.ForeignKey(
        "aanvragen.Aanvraag", on_delete=models.CASCADE, related_name="slasignalen"
    )
    soort = models.CharField(max_length=10, choices=SlaSignaalSoort)
    voor_einddatum = models.DateField()
    aan = models.CharField(max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    # Its message in the outbox (portal.Bericht), placed in the same transaction; empty when
    # nobody could be told (no address known).
    bericht = models.OneToOneField(
        "portal.Bericht", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("SLA-signaal")
        verbose_name_plural = _("SLA-signalen")
        constraints = [
            models.UniqueConstraint(
                fields=["aanvraag", "soort", "voor_einddatum"], name="signaal_eenmaal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.aanvraag} {self.soort} {self.voor_einddatum}"
