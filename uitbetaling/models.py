from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OpdrachtStatus(models.TextChoices):
    KLAARGEZET = "klaargezet", _("Klaargezet")
    IN_BATCH = "in_batch", _("In batch")
    AANGEBODEN = "aangeboden", _("Aangeboden aan de bank")
    UITGEVOERD = "uitgevoerd", _("Uitgevoerd")
    GEWEIGERD = "geweigerd", _("Geweigerd")


class Betaalopdracht(models.Model):
    """Exactly one payment instruction per awarded aanvraag (unique on aanvraag)."""

    aanvraag = models.OneToOneField(
        "aanvragen.Aanvraag", on_delete=models.PROTECT, related_name="betaalopdracht"
    )
    gemeente = models.ForeignKey(
        "portal.Gemeente", on_delete=models.PROTECT, related_name="betaalopdrachten"
    )
    bedrag = models.DecimalField(_("bedrag"), max_digits=9, decimal_places=2)
    iban = models.CharField(_("IBAN"), max_length=34)
    naam = models.CharField(_("naam begunstigde"), max_length=70)
    omschrijving = models.CharField(_("omschrijving"), max_length=140)
    end_to_end_id = models.CharField(_("EndToEndId"), max_length=35, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OpdrachtStatus, default=OpdrachtStatus.KLAARGEZET
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("betaalopdracht")
        verbose_name_plural = _("betaalopdrachten")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(condition=models.Q(bedrag__gt=0), name="betaalopdracht_positief")
        ]

    def __str__(self) -> str:
        return self.end_to_end_id


class OpdrachtStatusWijziging(models.Model):
    """Append-only history of a Betaalopdracht's status."""

    opdracht = models.ForeignKey(
        Betaalopdracht, on_delete=models.CASCADE, related_name="statuswijzigingen"
    )
    van = models.CharField(max_length=20, choices=OpdrachtStatus, blank=True)
    naar = models.CharField(max_length=20, choices=OpdrachtStatus)
    op = models.DateTimeField()
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opdracht_statuswijzigingen",
    )
    reden = models.TextField(blank=True)

    class Meta:
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.opdracht}: {self.van or '-'} → {self.naar}"
