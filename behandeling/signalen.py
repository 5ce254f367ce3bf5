"""The SLA sweep: every open aanvraag's state recomputed in SQL, and each risico or te laat
escalated once through the outbox."""

from datetime import date

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from aanvragen.models import Aanvraag
from aanvragen.statussen import KLOK_LOOPT, SlaStatus, Status, sla_grenzen
from behandeling.models import SlaSignaal, SlaSignaalSoort
from portal import berichten
from portal.models import Gemeente
from portal.rollen import Rol
from portal.selectors import kalender_get


def sla_bijwerken(*, vandaag: date) -> int:
    """Recompute the SLA state of all open aanvragen in SQL, per gemeente (its closing days)."""
    bijgewerkt = 0
    open_statussen = list(KLOK_LOOPT)
    for gemeente in Gemeente.objects.all():
        grenzen = sla_grenzen(vandaag, kalender_get(gemeente=gemeente, vanaf=vandaag))
        qs = Aanvraag.objects.filter(gemeente=gemeente, status__in=open_statussen)
        bijgewerkt += (
            qs.filter(einddatum_gepland__lt=grenzen.te_laat_voor)
            .exclude(sla_status=SlaStatus.TE_LAAT)
            .update(sla_status=SlaStatus.TE_LAAT)
        )
        bijgewerkt += (
            qs.filter(
                einddatum_gepland__gte=grenzen.te_laat_voor,
                einddatum_gepland__lte=grenzen.risico_tot_en_met,
            )
            .exclude(sla_status=SlaStatus.RISICO)
            .update(sla_status=SlaStatus.RISICO)
        )
        bijgewerkt += (
            qs.filter(einddatum_gepland__gt=grenzen.risico_tot_en_met)
            .exclude(sla_status=SlaStatus.OP_SCHEMA)
            .update(sla_status=SlaStatus.OP_SCHEMA)
        )
        bijgewerkt += (
            Aanvraag.objects.filter(gemeente=gemeente, status=Status.WACHT_OP_AANVULLING)
            .exclude(sla_status=SlaStatus.OPGESCHORT)
            .update(sla_status=SlaStatus.OPGESCHORT)
        )
    return bijgewerkt


def sla_signalen_versturen() -> int:
    """Escalate each risico (to the behandelaar) and te laat (to the teamleiders) once.

    One query per kind finds open aanvragen whose current deadline has no signal of that kind
    yet; each signal is recorded together with its message in the outbox (portal/berichten.py),
    which delivers it once, with retries, under a fixed Message-ID. The unique key makes a second
    run, or two at once, record nothing twice. Returns how many signals were recorded.
    """
    vastgelegd = 0
    for soort in (SlaSignaalSoort.RISICO, SlaSignaalSoort.TE_LAAT):
        al_gemeld = SlaSignaal.objects.filter(
            aanvraag=OuterRef("pk"), soort=soort, voor_einddatum=OuterRef("einddatum_gepland")
        )
        kandidaten = (
            Aanvraag.objects.filter(status__in=list(KLOK_LOOPT), sla_status=soort)
            .exclude(Exists(al_gemeld))
            .select_related("behandelaar")
        )
        for aanvraag in kandidaten:
            ontvangers = _signaal_ontvangers(aanvraag, soort)
            try:
                with transaction.atomic():
                    signaal = SlaSignaal.objects.create(
                        aanvraag=aanvraag,
                        soort=soort,
                        voor_einddatum=aanvraag.einddatum_gepland,
                        aan=", ".join(ontvangers),
                    )
                    if ontvangers:
                        signaal.bericht = berichten.plaatsen(
                            soort="sla-signaal",
                            aanvraag_id=aanvraag.pk,
                            aan=ontvangers,
                            onderwerp=f"[{soort.label}] {aanvraag.referentie}",
                            template="behandeling/sla_signaal_mail.txt",
                            context={"aanvraag": aanvraag, "soort": soort},
                        )
                        signaal.save(update_fields=["bericht"])
            except IntegrityError:
                continue  # another run recorded it
            vastgelegd += 1
    return vastgelegd


def _signaal_ontvangers(aanvraag, soort: str) -> list[str]:
    if soort == SlaSignaalSoort.RISICO and aanvraag.behandelaar and aanvraag.behandelaar.email:
        return [aanvraag.behandelaar.email]
    return list(
        User.objects.filter(
            groups__name=Rol.TEAMLEIDER, is_active=True, werkgemeenten__id=aanvraag.gemeente_id
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
