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
    INTERN = "intern", _("Intern")


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
        Aanvullingsverzoek,
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
    # Empty until the mail server accepted the message: the sweep delivers what is still empty.
    verstuurd_op = models.DateTimeField(null=True, blank=True)

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
