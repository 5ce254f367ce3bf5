from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Historie
from uitbetaling.statussen import (
    BATCH_LABELS,
    OPDRACHT_LABELS,
    TERUG_BIJ_BEHANDELAAR,
    BatchStatus,
    OpdrachtStatus,
)

OPDRACHT_CHOICES = [(s.value, _(OPDRACHT_LABELS[s])) for s in OpdrachtStatus]
BATCH_CHOICES = [(s.value, _(BATCH_LABELS[s])) for s in BatchStatus]


class Betaalbatch(models.Model):
    """One pain.001 file for one gemeente. Every opdracht is in at most one batch."""

    gemeente = models.ForeignKey(
        "portal.Gemeente", on_delete=models.PROTECT, related_name="betaalbatches"
    )
    msg_id = models.CharField(_("MsgId"), max_length=35, unique=True)
    pmt_inf_id = models.CharField(_("PmtInfId"), max_length=35, unique=True)
    versie = models.CharField(_("versie"), max_length=20)
    uitvoerdatum = models.DateField(_("gewenste uitvoerdatum"))
    aantal = models.PositiveIntegerField(_("aantal"))
    totaal = models.DecimalField(_("totaal"), max_digits=12, decimal_places=2)
    xml = models.TextField(_("pain.001"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=100)
    status = models.CharField(
        _("status"), max_length=20, choices=BATCH_CHOICES, default=BatchStatus.AANGEMAAKT
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    aangeboden_op = models.DateTimeField(_("aangeboden op"), null=True, blank=True)
    afleverfout = models.CharField(_("fout bij aanbieden"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("betaalbatch")
        verbose_name_plural = _("betaalbatches")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return self.msg_id


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
        _("status"), max_length=20, choices=OPDRACHT_CHOICES, default=OpdrachtStatus.KLAARGEZET
    )
    batch = models.ForeignKey(
        Betaalbatch, on_delete=models.PROTECT, null=True, blank=True, related_name="opdrachten"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), db_index=True)
    # The bank day it will be paid, as the inwoner is told ("uiterlijk …"): the execution date a
    # file made when it was set up (again) would carry; the batch's own date once it is in one.
    verwacht_op = models.DateField(_("verwacht uitbetaald op"), null=True, blank=True)
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    # The bank's booking date (camt BookgDt), when a statement told us; else the file's
    # requested execution date is the day the money went.
    geboekt_op = models.DateField(_("geboekt door de bank op"), null=True, blank=True)
    # Why it came back or cannot be paid (bank reason in words, or the check that failed).
    probleem = models.CharField(_("probleem"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("betaalopdracht")
        verbose_name_plural = _("betaalopdrachten")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(condition=models.Q(bedrag__gt=0), name="betaalopdracht_positief")
        ]
        indexes = [
            # "Betaling teruggekomen" on every werkvoorraad page: the few that came back.
            models.Index(
                fields=["aangemaakt_op", "id"],
                condition=models.Q(status__in=sorted(TERUG_BIJ_BEHANDELAAR)),
                name="opdracht_terug_idx",
            )
        ]

    def __str__(self) -> str:
        return self.end_to_end_id


class OpdrachtStatusWijziging(Historie):
    """Append-only history of a Betaalopdracht's status."""

    opdracht = models.ForeignKey(
        Betaalopdracht, on_delete=models.CASCADE, related_name="statuswijzigingen"
    )
    van = models.CharField(max_length=20, choices=OPDRACHT_CHOICES, blank=True)
    naar = models.CharField(max_length=20, choices=OPDRACHT_CHOICES)

    class Meta(Historie.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.opdracht}: {self.van or '-'} → {self.naar}"


class BatchStatusWijziging(Historie):
    """Append-only history of a Betaalbatch's status."""

    batch = models.ForeignKey(
        Betaalbatch, on_delete=models.CASCADE, related_name="statuswijzigingen"
    )
    van = models.CharField(max_length=20, choices=BATCH_CHOICES, blank=True)
    naar = models.CharField(max_length=20, choices=BATCH_CHOICES)

    class Meta(Historie.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.batch}: {self.van or '-'} → {self.naar}"


class Rekeningwijziging(models.Model):
    """A new payee for a refused payment, proposed by the case holder (or a teamleider) and
    approved by a second colleague before the payment goes out again (separation of duties)."""

    opdracht = models.ForeignKey(
        Betaalopdracht, on_delete=models.CASCADE, related_name="rekeningwijzigingen"
    )
    iban = models.CharField(_("nieuw IBAN"), max_length=34)
    naam = models.CharField(_("nieuwe naam rekeninghouder"), max_length=70)
    vorig_iban = models.CharField(_("vorig IBAN"), max_length=34)
    vorige_naam = models.CharField(_("vorige naam rekeninghouder"), max_length=70)
    reden = models.TextField(_("waarom"))
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    voorgesteld_op = models.DateTimeField()
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    goedgekeurd = models.BooleanField(null=True)
    toelichting = models.TextField(_("toelichting beoordelaar"), blank=True)

    class Meta:
        verbose_name = _("rekeningwijziging")
        verbose_name_plural = _("rekeningwijzigingen")
        ordering = ["voorgesteld_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opdracht"],
                condition=models.Q(beoordeeld_op__isnull=True),
                name="een_open_rekeningwijziging",
            )
        ]

    def __str__(self) -> str:
        return f"{self.opdracht}: nieuwe rekening"


class Bankafschrift(models.Model):
    """A camt.053/054 that financiën read in: once per file (by its SHA-256), with what it did."""

    sha256 = models.CharField(max_length=64, unique=True)
    bericht_id = models.CharField(_("MsgId"), max_length=35, blank=True, db_index=True)
    versie = models.CharField(_("versie"), max_length=20)
    iban = models.CharField(_("rekening"), max_length=34, blank=True)
    gelezen_op = models.DateTimeField(_("gelezen op"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tellingen = models.JSONField(_("uitkomst"), default=dict)
    meldingen = models.TextField(_("meldingen"), blank=True)

    class Meta:
        verbose_name = _("bankafschrift")
        verbose_name_plural = _("bankafschriften")
        ordering = ["-gelezen_op"]

    def __str__(self) -> str:
        return f"{self.versie} {self.bericht_id}"
