"""Payment files: the klaargezette instructions of one gemeente in one validated pain.001,
handed to the bank's import once (outbox or HTTP channel)."""

from __future__ import annotations

import logging
from datetime import datetime, time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import werkgebied
from portal.models import Gemeente
from portal.tekst import epc_tekst
from uitbetaling.bankdagen import uitvoerdatum
from uitbetaling.kanalen import kanaal_get
from uitbetaling.models import (
    BatchStatus,
    BatchStatusWijziging,
    Betaalbatch,
    Betaalopdracht,
    OpdrachtStatus,
)
from uitbetaling.opdrachten import (
    BetaalstatusFout,
    _nog_niet_uitgevoerd,
    _uitbetaald,
    opdrachten_naar,
)
from uitbetaling.sepa import Debiteur, OpdrachtRij, pain001_maken, rij_fouten
from uitbetaling.statussen import (
    controleer_batch,
)

logger = logging.getLogger(__name__)


def batch_naar(batch: Betaalbatch, naar: str, *, nu, door=None, reden: str = "", **velden) -> None:
    """The one place a batch's status changes (the batch locked by the caller), with history."""
    controleer_batch(batch.status, naar)
    BatchStatusWijziging.objects.create(
        batch=batch, van=batch.status, naar=naar, op=nu, door=door, reden=reden[:2000]
    )
    batch.status = naar
    for veld, waarde in velden.items():
        setattr(batch, veld, waarde)
    batch.save(update_fields=["status", *velden])


def batch_samenstellen(*, gemeente_id: int, nu: datetime | None = None) -> Betaalbatch | None:
    """Put every klaargezette opdracht of a gemeente into one new, validated pain.001 batch.

    Rows are locked with SKIP LOCKED: two workers running this at once never put an opdracht
    in two batches. An opdracht that cannot be paid as it stands (a name without Latin
    letters, an amount out of bounds) is set aside as *niet te betalen* with its reason, and
    the rest goes out: one bad line never holds up the others. The XML is built and validated
    before anything else is written; a file that still breaks the rules (the gemeente's own
    account) changes nothing and raises (logged, retried).
    """
    nu = nu or timezone.now()
    with transaction.atomic():
        opdrachten = list(
            Betaalopdracht.objects.select_for_update(skip_locked=True)
            .filter(gemeente_id=gemeente_id, status=OpdrachtStatus.KLAARGEZET, batch__isnull=True)
            .order_by("pk")
        )
        rijen = {o.pk: _rij(o) for o in opdrachten}
        apart = {o.pk: fouten for o in opdrachten if (fouten := rij_fouten(rijen[o.pk]))}
        for opdracht in (o for o in opdrachten if o.pk in apart):
            probleem = "; ".join(apart[opdracht.pk])[:300]
            opdrachten_naar(
                [opdracht], OpdrachtStatus.NIET_TE_BETALEN, nu=nu, reden=probleem, probleem=probleem
            )
            logger.warning(
                "betaalopdracht %s niet te betalen: %s", opdracht.end_to_end_id, probleem
            )
        opdrachten = [o for o in opdrachten if o.pk not in apart]
        if not opdrachten:
            return None
        gemeente = Gemeente.objects.get(pk=gemeente_id)
        lokaal = timezone.localtime(nu)
        # Traceable and unique without a counter race: time, the first opdracht (locked by us)
        # and how often it has been batched before (≤ 35 characters, EPC set).
        eerste = opdrachten[0]
        poging = eerste.statuswijzigingen.filter(naar=OpdrachtStatus.IN_BATCH).count() + 1
        msg_id = f"BB{gemeente.cbs_code}-{lokaal:%y%m%d%H%M%S}-{eerste.pk:08d}-{poging}"
        datum = uitvoerdatum(lokaal.replace(tzinfo=None), time.fromisoformat(settings.SEPA_CUTOFF))
        bestand = pain001_maken(
            debiteur=Debiteur(
                epc_tekst(gemeente.rekening_naam, 70), gemeente.rekening_iban, gemeente.rekening_bic
            ),
            rijen=[rijen[o.pk] for o in opdrachten],
            uitvoerdatum=datum,
            msg_id=msg_id,
            pmt_inf_id=f"{msg_id}-1",
            versie=settings.SEPA_PAIN_VERSIE,
        )
        batch = Betaalbatch.objects.create(
            gemeente=gemeente,
            msg_id=msg_id,
            pmt_inf_id=f"{msg_id}-1",
            versie=settings.SEPA_PAIN_VERSIE,
            uitvoerdatum=datum,
            aantal=bestand.aantal,
            totaal=bestand.totaal,
            xml=bestand.xml.decode("utf-8"),
            sha256=bestand.sha256,
            bestandsnaam=f"{msg_id}.xml",
            aangemaakt_op=nu,
        )
        BatchStatusWijziging.objects.create(
            batch=batch, van="", naar=BatchStatus.AANGEMAAKT, op=nu, reden=_("Bestand gemaakt")
        )
        opdrachten_naar(opdrachten, OpdrachtStatus.IN_BATCH, nu=nu, reden=msg_id, batch=batch)
    return batch


def _rij(opdracht: Betaalopdracht) -> OpdrachtRij:
    return OpdrachtRij(
        opdracht.naam, opdracht.iban, opdracht.bedrag, opdracht.omschrijving, opdracht.end_to_end_id
    )


def batch_afleveren(*, batch_id: int, nu: datetime | None = None) -> Betaalbatch:
    """Hand a batch to the bank's import: write it atomically to the outbox with its SHA-256.

    Idempotent: a batch already handed over is left alone; a retry rewrites the same file.
    A failure is recorded on the batch and retried by the periodic task.
    """
    nu = nu or timezone.now()
    batch = Betaalbatch.objects.get(pk=batch_id)
    if batch.status != BatchStatus.AANGEMAAKT:
        return batch
    try:
        kanaal_get().afleveren(batch.bestandsnaam, batch.xml.encode("utf-8"), batch.sha256)
    except OSError as exc:
        Betaalbatch.objects.filter(pk=batch.pk).update(afleverfout=str(exc)[:500])
        raise
    with transaction.atomic():
        batch = Betaalbatch.objects.select_for_update().get(pk=batch_id)
        if batch.status == BatchStatus.AANGEMAAKT:
            batch_naar(
                batch,
                BatchStatus.AANGEBODEN,
                nu=nu,
                reden=_("Aan de bank aangeboden"),
                aangeboden_op=nu,
                afleverfout="",
            )
            opdrachten_naar(
                batch.opdrachten.select_for_update().filter(status=OpdrachtStatus.IN_BATCH),
                OpdrachtStatus.AANGEBODEN,
                nu=nu,
                reden=batch.msg_id,
            )
    return batch


@transaction.atomic
def batch_uitgevoerd_melden(*, batch_id: int, door, nu: datetime | None = None) -> Betaalbatch:
    """Financiën reports the bank executed the file: only a file the bank has, not before its
    execution date. Its payments that the bank still holds become uitgevoerd; those the bank
    refused or returned (a statement said so) stay as they are."""
    nu = nu or timezone.now()
    batch = Betaalbatch.objects.select_for_update().get(pk=batch_id)
    werkgebied.controleer(door, batch.gemeente_id)
    if batch.status == BatchStatus.UITGEVOERD:
        return batch
    if batch.status != BatchStatus.AANGEBODEN:
        raise BetaalstatusFout(
            _("Dit bestand is niet (meer) bij de bank: %(status)s.")
            % {"status": batch.get_status_display()}
        )
    if fout := _nog_niet_uitgevoerd(batch, nu):
        raise BetaalstatusFout(fout)
    _uitbetaald(
        batch.opdrachten.select_for_update().filter(status=OpdrachtStatus.AANGEBODEN),
        door=door,
        nu=nu,
    )
    batch_naar(batch, BatchStatus.UITGEVOERD, nu=nu, door=door, reden=_("Gemeld als uitgevoerd"))
    return batch


@transaction.atomic
def batch_geweigerd_melden(
    *, batch_id: int, door, reden: str, nu: datetime | None = None
) -> Betaalbatch:
    """The bank refused the whole file: nothing of it was paid, so its opdrachten go into a new
    batch. Each opdracht keeps its history (which batch it was in and why it left). A file of
    which the bank already booked payments is not refused as a whole."""
    nu = nu or timezone.now()
    batch = Betaalbatch.objects.select_for_update().get(pk=batch_id)
    werkgebied.controleer(door, batch.gemeente_id)
    if batch.status == BatchStatus.GEWEIGERD:
        return batch
    if (
        batch.status == BatchStatus.UITGEVOERD
        or batch.opdrachten.filter(
            status__in=[OpdrachtStatus.UITGEVOERD, OpdrachtStatus.TERUGGEBOEKT]
        ).exists()
    ):
        raise BetaalstatusFout(
            _(
                "De bank heeft betalingen uit dit bestand al geboekt. Meld per betaling wat er "
                "misging."
            )
        )
    reden = reden.strip()[:300] or _("geen reden opgegeven")
    opdrachten_naar(
        batch.opdrachten.select_for_update().filter(
            status__in=[OpdrachtStatus.IN_BATCH, OpdrachtStatus.AANGEBODEN]
        ),
        OpdrachtStatus.KLAARGEZET,
        nu=nu,
        door=door,
        reden=f"Bestand {batch.msg_id} geweigerd: {reden}",
        batch=None,
    )
    batch_naar(batch, BatchStatus.GEWEIGERD, nu=nu, door=door, reden=reden, afleverfout=reden[:500])
    return batch
