"""The aanvraag's transition engine: the only place where its status changes, each change
checked against aanvragen/statussen.py and written to the append-only history (and the
Logboek). Other apps change an aanvraag only through here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.models import (
    Aanvraag,
    StatusWijziging,
)
from aanvragen.statussen import SlaStatus, Status, controleer_transitie
from portal import logboek, werkgebied
from portal.actor import actor
from portal.selectors import kalender_get
from portal.werkdagen import Stilstand, servicetermijnen


class AanvraagGewijzigd(Exception):
    """Someone else changed the aanvraag first; the user sees this message."""


def door_omschrijving(door) -> str:
    """How the history names whoever did it (portal.actor)."""
    return actor(door).omschrijving


ONGEWIJZIGD: Any = object()  # the behandelaar stays who it is


@dataclass(frozen=True)
class Termijnen:
    """The aanvraag's two deadlines: the service norm and the legal term (Awb 4:13)."""

    einddatum_gepland: date
    uiterlijke_einddatum_afdoening: date


@dataclass(frozen=True)
class Indiening:
    """What submission fixes: the reference, the moment, how it was confirmed, the deadlines."""

    referentie: str
    ingediend_op: datetime
    bevestiging: str
    termijnen: Termijnen


@dataclass(frozen=True)
class Besluit:
    """What a decision fixes; the doorlooptijd is counted at this moment (werkdagen, without
    suspensions), so the dashboard aggregates it in SQL."""

    besloten_op: datetime
    doorlooptijd_werkdagen: int | None
    motivering: str
    toegekend_bedrag: Decimal | None = None


STATUS_ACTIVITEIT = {Status.INGEDIEND: "aanvraag-indienen", Status.UITBETAALD: "uitbetalen"}


@transaction.atomic
def status_wijzigen(
    *,
    aanvraag_id: int,
    naar: Status,
    door,
    reden: str = "",
    verwacht: Iterable[Status] | None = None,
    nu: datetime | None = None,
    behandelaar: Any = ONGEWIJZIGD,
    termijnen: Termijnen | None = None,
    sla_status: SlaStatus | None = None,
    indiening: Indiening | None = None,
    besluit: Besluit | None = None,
) -> Aanvraag:
    """Move an aanvraag to `naar` under a row lock and append the history row.

    `verwacht` holds the statuses the user saw when they acted. When someone else changed the
    aanvraag in the meantime, AanvraagGewijzigd tells the user; nothing is written. What else a
    transition fixes comes as its own typed argument (who holds it, the deadlines, the SLA
    state, the submission, the decision); nothing else can be written under a transition.
    """
    nu = nu or timezone.now()
    wie = actor(door)
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag_id)
    if wie.medewerker is not None:
        werkgebied.controleer(wie.medewerker, aanvraag.gemeente_id)
    van = Status(aanvraag.status)
    if verwacht is not None and van not in set(verwacht):
        raise AanvraagGewijzigd(
            _("Een collega heeft deze aanvraag net gewijzigd. De status is nu: %(status)s.")
            % {"status": aanvraag.get_status_display()}
        )
    controleer_transitie(van, naar)
    aanvraag.status = naar
    if behandelaar is not ONGEWIJZIGD:
        aanvraag.behandelaar = behandelaar
    if indiening is not None:
        aanvraag.referentie = indiening.referentie
        aanvraag.ingediend_op = indiening.ingediend_op
        aanvraag.bevestiging = indiening.bevestiging
        termijnen = indiening.termijnen
    if termijnen is not None:
        aanvraag.einddatum_gepland = termijnen.einddatum_gepland
        aanvraag.uiterlijke_einddatum_afdoening = termijnen.uiterlijke_einddatum_afdoening
    if sla_status is not None:
        aanvraag.sla_status = sla_status
    if besluit is not None:
        aanvraag.besloten_op = besluit.besloten_op
        aanvraag.doorlooptijd_werkdagen = besluit.doorlooptijd_werkdagen
        aanvraag.besluit_motivering = besluit.motivering
        aanvraag.voorgesteld_bedrag = None  # a pending proposal ends with the decision
        if besluit.toegekend_bedrag is not None:
            aanvraag.toegekend_bedrag = besluit.toegekend_bedrag
    aanvraag.save()
    logboek.voor_aanvraag(
        aanvraag,
        activiteit=STATUS_ACTIVITEIT.get(naar, "aanvraag-behandelen"),
        naam=f"status {van} → {naar}",
        door=wie.medewerker,
        proces=wie.omschrijving,
    )
    _rij(aanvraag.pk, van, naar, nu, wie, reden).save()
    return aanvraag


def _rij(aanvraag_id: int, van, naar, op, wie, reden: str) -> StatusWijziging:
    """One (unsaved) row of the history: what changed, when, by whom and why."""
    wie = actor(wie)
    return StatusWijziging(
        aanvraag_id=aanvraag_id,
        van=van,
        naar=naar,
        op=op,
        door=wie.medewerker,
        door_omschrijving=wie.omschrijving,
        reden=reden,
    )


@transaction.atomic
def statussen_wijzigen(
    *, aanvraag_ids: list[int], naar: Status, door, reden: str, verwacht: Iterable[Status], nu
) -> int:
    """`status_wijzigen` for many aanvragen at once (a bank statement of thousands of payments):
    the same checks and history, in a few queries. Those no longer in `verwacht` are left alone.
    Returns how many changed."""
    verwacht = [Status(v) for v in verwacht]
    for van in verwacht:
        controleer_transitie(van, naar)
    rijen = list(
        Aanvraag.objects.select_for_update()
        .filter(pk__in=aanvraag_ids, status__in=verwacht)
        .values_list("pk", "status", "gemeente_id", "bsn", "partner_bsn")
    )
    medewerker = actor(door).medewerker
    if medewerker is not None:
        for _pk, _van, gemeente_id, _bsn, _partner in rijen:
            werkgebied.controleer(medewerker, gemeente_id)
    Aanvraag.objects.filter(pk__in=[r[0] for r in rijen]).update(status=naar, gewijzigd_op=nu)
    StatusWijziging.objects.bulk_create(
        [_rij(pk, van, naar, nu, door, reden) for pk, van, *_rest in rijen]
    )
    logboek.vastleggen(
        activiteit=STATUS_ACTIVITEIT.get(naar, "aanvraag-behandelen"),
        naam=f"status → {naar}",
        bsns=[(b, pk) for pk, _v, _g, bsn, partner in rijen for b in (bsn, partner)],
        door=medewerker,
        proces=door_omschrijving(door),
    )
    return len(rijen)


def gebeurtenis_vastleggen(*, aanvraag: Aanvraag, door, reden: str, nu=None) -> None:
    """A history row for an event that does not change the status (e.g. reassignment)."""
    _rij(aanvraag.pk, aanvraag.status, aanvraag.status, nu or timezone.now(), door, reden).save()


def gebeurtenissen_vastleggen(*, aanvraag_ids: list[int], door, reden: str, nu) -> None:
    """`gebeurtenis_vastleggen` for many aanvragen at once (a refused payment file)."""
    StatusWijziging.objects.bulk_create(
        [
            _rij(pk, status, status, nu, door, reden)
            for pk, status in Aanvraag.objects.filter(pk__in=aanvraag_ids).values_list(
                "pk", "status"
            )
        ]
    )


def termijnen_berekenen(*, aanvraag: Aanvraag, ingediend: date, vandaag: date) -> Termijnen:
    """The aanvraag's two deadlines, with its suspensions (an open one counts up to today).

    Called on every event that can move them: submission, suspension, resumption.
    """
    opschortingen = [
        Stilstand(van=o.van, tot=o.tot or vandaag)
        for o in aanvraag.opschortingen.all()
        if (o.tot or vandaag) >= o.van
    ]
    termijnen = servicetermijnen(
        ingediend,
        norm_werkdagen=aanvraag.regeling.norm_besluit_werkdagen,
        wettelijke_weken=aanvraag.regeling.wettelijke_beslistermijn_weken,
        kalender=kalender_get(gemeente=aanvraag.gemeente, vanaf=ingediend),
        opschortingen=opschortingen,
    )
    return Termijnen(
        einddatum_gepland=termijnen.einddatum_gepland.datum,
        uiterlijke_einddatum_afdoening=termijnen.uiterlijke_einddatum_afdoening.datum,
    )
