"""Payment instructions: created exactly once per award, then followed to the bank."""

from datetime import datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.models import Aanvraag
from aanvragen.presenters import iban_gemaskeerd
from aanvragen.services import status_wijzigen
from aanvragen.statussen import Status
from portal import logboek, werkgebied
from portal.models import Gemeente
from portal.taken import na_commit
from uitbetaling.bankdagen import uitvoerdatum
from uitbetaling.begunstigde import kenmerk, mag_goedkeuren
from uitbetaling.camt import boekingen_lezen
from uitbetaling.kanalen import kanaal_get
from uitbetaling.models import (
    BatchStatus,
    Betaalbatch,
    Betaalopdracht,
    OpdrachtStatus,
    OpdrachtStatusWijziging,
    Rekeningwijziging,
)
from uitbetaling.opdracht import end_to_end_id, epc_tekst, omschrijving
from uitbetaling.sepa import Debiteur, OpdrachtRegel, pain001_maken


def betaalopdracht_aanmaken(*, aanvraag_id: int, nu: datetime | None = None) -> Betaalopdracht:
    """Create the one Betaalopdracht of an awarded aanvraag; a repeat returns the same one.

    The unique key on `aanvraag` makes this safe under retries and two workers at once.
    """
    nu = nu or timezone.now()
    try:
        with transaction.atomic():
            aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag_id)
            bestaand = Betaalopdracht.objects.filter(aanvraag=aanvraag).first()
            if bestaand is not None:
                return bestaand
            if aanvraag.status != Status.TOEGEKEND:
                raise ValueError(f"aanvraag {aanvraag_id} is {aanvraag.status}, not toegekend")
            opdracht = Betaalopdracht.objects.create(
                aanvraag=aanvraag,
                gemeente_id=aanvraag.gemeente_id,
                bedrag=aanvraag.toegekend_bedrag,
                iban=aanvraag.leverancier_iban or aanvraag.iban,
                naam=epc_tekst(aanvraag.leverancier_naam or aanvraag.rekeninghouder, 70),
                omschrijving=omschrijving(aanvraag.referentie, aanvraag.regeling.naam),
                end_to_end_id=end_to_end_id(aanvraag.referentie),
                aangemaakt_op=nu,
            )
            OpdrachtStatusWijziging.objects.create(
                opdracht=opdracht,
                naar=OpdrachtStatus.KLAARGEZET,
                op=nu,
                reden="Aangemaakt bij toekenning",
            )
            logboek.voor_aanvraag(
                aanvraag,
                activiteit="uitbetalen",
                naam="betaalopdracht maken",
                proces="taak:betaalopdracht",
            )
            return opdracht
    except IntegrityError:
        return Betaalopdracht.objects.get(aanvraag_id=aanvraag_id)


def toegekend_zonder_opdracht_ids() -> list[int]:
    return list(
        Aanvraag.objects.filter(status=Status.TOEGEKEND, betaalopdracht__isnull=True).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def betaalopdracht_uitgevoerd_melden(*, opdracht_id: int, door, nu: datetime | None = None):
    """Financiën reports the payment as executed: the aanvraag becomes uitbetaald."""
    nu = nu or timezone.now()
    opdracht = Betaalopdracht.objects.select_for_update().get(pk=opdracht_id)
    werkgebied.controleer(door, opdracht.gemeente_id)
    if opdracht.status == OpdrachtStatus.UITGEVOERD:
        return opdracht
    _opdracht_status([opdracht], OpdrachtStatus.UITGEVOERD, nu=nu, door=door)
    Betaalopdracht.objects.filter(pk=opdracht.pk).update(uitgevoerd_op=nu)
    opdracht.refresh_from_db()
    status_wijzigen(
        aanvraag_id=opdracht.aanvraag_id,
        naar=Status.UITBETAALD,
        door=door,
        nu=nu,
        verwacht=[Status.TOEGEKEND],
        reden=f"Betaling {opdracht.end_to_end_id} uitgevoerd",
    )
    return opdracht


def _opdracht_status(opdrachten, naar: str, *, nu, door=None, reden: str = "") -> None:
    """Set a status on several opdrachten and append one history row each."""
    rijen = list(opdrachten)
    OpdrachtStatusWijziging.objects.bulk_create(
        [
            OpdrachtStatusWijziging(
                opdracht=o, van=o.status, naar=naar, op=nu, door=door, reden=reden
            )
            for o in rijen
        ]
    )
    Betaalopdracht.objects.filter(pk__in=[o.pk for o in rijen]).update(status=naar)


def batch_samenstellen(*, gemeente_id: int, nu: datetime | None = None) -> Betaalbatch | None:
    """Put every klaargezette opdracht of a gemeente into one new, validated pain.001 batch.

    Rows are locked with SKIP LOCKED: two workers running this at once never put an opdracht
    in two batches. The XML is built and validated before anything is written; if the file
    would break the rules, nothing changes and the error is raised (flagged, retried).
    """
    nu = nu or timezone.now()
    with transaction.atomic():
        opdrachten = list(
            Betaalopdracht.objects.select_for_update(skip_locked=True)
            .filter(gemeente_id=gemeente_id, status=OpdrachtStatus.KLAARGEZET, batch__isnull=True)
            .order_by("pk")
        )
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
                gemeente.rekening_naam, gemeente.rekening_iban, gemeente.rekening_bic
            ),
            regels=[
                OpdrachtRegel(o.naam, o.iban, o.bedrag, o.omschrijving, o.end_to_end_id)
                for o in opdrachten
            ],
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
        Betaalopdracht.objects.filter(pk__in=[o.pk for o in opdrachten]).update(batch=batch)
        _opdracht_status(opdrachten, OpdrachtStatus.IN_BATCH, nu=nu, reden=msg_id)
    return batch


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
            batch.status = BatchStatus.AANGEBODEN
            batch.aangeboden_op = nu
            batch.afleverfout = ""
            batch.save(update_fields=["status", "aangeboden_op", "afleverfout"])
            _opdracht_status(
                batch.opdrachten.all(), OpdrachtStatus.AANGEBODEN, nu=nu, reden=batch.msg_id
            )
    return batch


@transaction.atomic
def batch_uitgevoerd_melden(*, batch_id: int, door, nu: datetime | None = None) -> Betaalbatch:
    """Financiën reports the bank executed the batch: every aanvraag in it is uitbetaald."""
    nu = nu or timezone.now()
    batch = Betaalbatch.objects.select_for_update().get(pk=batch_id)
    werkgebied.controleer(door, batch.gemeente_id)
    if batch.status == BatchStatus.UITGEVOERD:
        return batch
    for opdracht in batch.opdrachten.exclude(status=OpdrachtStatus.UITGEVOERD):
        betaalopdracht_uitgevoerd_melden(opdracht_id=opdracht.pk, door=door, nu=nu)
    batch.status = BatchStatus.UITGEVOERD
    batch.save(update_fields=["status"])
    return batch


def gemeenten_met_klaargezet() -> list[int]:
    return list(
        Betaalopdracht.objects.filter(status=OpdrachtStatus.KLAARGEZET, batch__isnull=True)
        .values_list("gemeente_id", flat=True)
        .distinct()
    )


def batches_niet_afgeleverd() -> list[int]:
    return list(
        Betaalbatch.objects.filter(status=BatchStatus.AANGEMAAKT).values_list("pk", flat=True)
    )


@transaction.atomic
def betaalopdracht_geweigerd_melden(
    *, opdracht_id: int, door, reden: str, nu: datetime | None = None
) -> Betaalopdracht:
    """The bank refused the payment (e.g. a wrong IBAN): back to the behandelaar with the reason."""
    from behandeling.services import contactmoment_vastleggen

    nu = nu or timezone.now()
    opdracht = Betaalopdracht.objects.select_for_update().get(pk=opdracht_id)
    werkgebied.controleer(door, opdracht.gemeente_id)
    if opdracht.status in (OpdrachtStatus.UITGEVOERD, OpdrachtStatus.GEWEIGERD):
        return opdracht
    _opdracht_status([opdracht], OpdrachtStatus.GEWEIGERD, nu=nu, door=door, reden=reden)
    contactmoment_vastleggen(
        aanvraag_id=opdracht.aanvraag_id,
        door=door,
        kanaal="intern",
        met="financiën",
        samenvatting=f"Betaling {opdracht.end_to_end_id} geweigerd door de bank: {reden}. "
        "Bel de aanvrager en zet de betaling opnieuw klaar.",
        uitkomst="anders",
        op=nu,
    )
    opdracht.refresh_from_db()
    return opdracht


@transaction.atomic
def betaalopdracht_opnieuw_klaarzetten(
    *, opdracht_id: int, door, iban: str, naam: str, nu: datetime | None = None
) -> Betaalopdracht:
    """After a refusal: the same (only) instruction of the award, with corrected details."""
    nu = nu or timezone.now()
    opdracht = Betaalopdracht.objects.select_for_update().get(pk=opdracht_id)
    if opdracht.status != OpdrachtStatus.GEWEIGERD:
        raise ValueError("only a refused payment can be set up again")
    _opdracht_status(
        [opdracht],
        OpdrachtStatus.KLAARGEZET,
        nu=nu,
        door=door,
        reden=f"Opnieuw klaargezet (was batch {opdracht.batch_id})",
    )
    Betaalopdracht.objects.filter(pk=opdracht.pk).update(
        iban=iban, naam=epc_tekst(naam, 70), batch=None
    )
    opdracht.refresh_from_db()
    return opdracht


def afschrift_verwerken(*, xml: bytes, door) -> dict[str, int]:
    """Reconcile a camt.054/053: booked → uitgevoerd, returned → geweigerd. Unknown ids (and
    those of gemeenten `door` does not work for) are counted, never guessed."""
    uitkomst = {"uitgevoerd": 0, "geweigerd": 0, "onbekend": 0}
    eigen = werkgebied.beperk(Betaalopdracht.objects, door)
    for boeking in boekingen_lezen(xml):
        opdracht = eigen.filter(end_to_end_id=boeking.end_to_end_id).first()
        if opdracht is None:
            uitkomst["onbekend"] += 1
        elif boeking.geboekt:
            betaalopdracht_uitgevoerd_melden(opdracht_id=opdracht.pk, door=door)
            uitkomst["uitgevoerd"] += 1
        else:
            betaalopdracht_geweigerd_melden(
                opdracht_id=opdracht.pk, door=door, reden=boeking.reden or "onbekende reden"
            )
            uitkomst["geweigerd"] += 1
    return uitkomst


class RekeningwijzigingFout(Exception):
    """A payee change the rules refuse; the message tells the colleague why."""


def _aanbieden_na_commit(opdracht: Betaalopdracht) -> None:
    from uitbetaling.tasks import batch_maken

    na_commit(batch_maken, opdracht.gemeente_id)


def betaling_opnieuw_voorstellen(
    *, opdracht_id: int, door, iban: str, naam: str, reden: str, mag_voor_elke_zaak: bool
) -> Betaalopdracht | Rekeningwijziging:
    """After a refusal, the case holder (or a teamleider: `mag_voor_elke_zaak`) sets the
    payment up again. To the same account it goes straight back to the bank; to another
    account or name it waits for a second colleague (`rekeningwijziging_beoordelen`)."""
    from aanvragen.services import gebeurtenis_vastleggen

    nu = timezone.now()
    with transaction.atomic():
        opdracht = (
            Betaalopdracht.objects.select_for_update()
            .select_related("aanvraag")
            .get(pk=opdracht_id)
        )
        werkgebied.controleer(door, opdracht.gemeente_id)
        if opdracht.aanvraag.behandelaar_id != door.pk and not mag_voor_elke_zaak:
            raise RekeningwijzigingFout(
                _("Alleen de behandelaar van deze aanvraag of een teamleider kan dit doen.")
            )
        if opdracht.status != OpdrachtStatus.GEWEIGERD:
            raise RekeningwijzigingFout(
                _("Er is geen geweigerde betaling om opnieuw klaar te zetten.")
            )
        naam = epc_tekst(naam, 70)
        if iban == opdracht.iban and naam == opdracht.naam:
            opdracht = betaalopdracht_opnieuw_klaarzetten(
                opdracht_id=opdracht.pk, door=door, iban=iban, naam=naam, nu=nu
            )
            gebeurtenis_vastleggen(
                aanvraag=opdracht.aanvraag,
                door=door,
                reden=_("Betaling opnieuw klaargezet naar dezelfde rekening: %(r)s") % {"r": reden},
            )
            _aanbieden_na_commit(opdracht)
            return opdracht
        if Rekeningwijziging.objects.filter(opdracht=opdracht, beoordeeld_op__isnull=True).exists():
            raise RekeningwijzigingFout(
                _("Er wacht al een nieuwe rekening op goedkeuring door een collega.")
            )
        wijziging = Rekeningwijziging.objects.create(
            opdracht=opdracht,
            iban=iban,
            naam=naam,
            vorig_iban=opdracht.iban,
            vorige_naam=opdracht.naam,
            reden=reden,
            voorgesteld_door=door,
            voorgesteld_op=nu,
        )
        gebeurtenis_vastleggen(
            aanvraag=opdracht.aanvraag,
            door=door,
            reden=_("Nieuwe rekening voorgesteld (%(iban)s, %(naam)s), wacht op een collega: %(r)s")
            % {"iban": iban_gemaskeerd(iban), "naam": naam, "r": reden},
        )
        logboek.voor_aanvraag(
            opdracht.aanvraag,
            activiteit="uitbetalen",
            naam="nieuwe rekening voorgesteld",
            door=door,
        )
        return wijziging


def rekeningwijziging_kenmerk(wijziging: Rekeningwijziging) -> str:
    return kenmerk(wijziging.pk, wijziging.iban, wijziging.naam, wijziging.voorgesteld_op)


def rekeningwijziging_beoordelen(
    *, wijziging_id: int, door, goedkeuren: bool, kenmerk_gezien: str, toelichting: str = ""
) -> Rekeningwijziging:
    """A second colleague (never the one who proposed it) approves or refuses the new payee
    they saw; approved, the payment goes to the bank again with the new account."""
    from aanvragen.services import gebeurtenis_vastleggen

    nu = timezone.now()
    with transaction.atomic():
        wijziging = (
            Rekeningwijziging.objects.select_for_update()
            .select_related("opdracht__aanvraag")
            .get(pk=wijziging_id)
        )
        opdracht = wijziging.opdracht
        werkgebied.controleer(door, opdracht.gemeente_id)
        if wijziging.beoordeeld_op is not None:
            raise RekeningwijzigingFout(_("Een collega heeft deze rekening al beoordeeld."))
        if not mag_goedkeuren(
            goedkeurder_id=door.pk, betrokken_ids={wijziging.voorgesteld_door_id}
        ):
            raise RekeningwijzigingFout(
                _("U stelde deze rekening zelf voor. Een collega moet haar goedkeuren.")
            )
        if kenmerk_gezien != rekeningwijziging_kenmerk(wijziging):
            raise RekeningwijzigingFout(
                _("De voorgestelde rekening is veranderd nadat u haar opende. Bekijk haar opnieuw.")
            )
        wijziging.beoordeeld_door = door
        wijziging.beoordeeld_op = nu
        wijziging.goedgekeurd = goedkeuren
        wijziging.toelichting = toelichting
        wijziging.save(
            update_fields=["beoordeeld_door", "beoordeeld_op", "goedgekeurd", "toelichting"]
        )
        if goedkeuren:
            opdracht = betaalopdracht_opnieuw_klaarzetten(
                opdracht_id=opdracht.pk, door=door, iban=wijziging.iban, naam=wijziging.naam, nu=nu
            )
            _aanbieden_na_commit(opdracht)
        gebeurtenis_vastleggen(
            aanvraag=opdracht.aanvraag,
            door=door,
            reden=(
                _("Nieuwe rekening goedgekeurd (vier ogen); betaling opnieuw klaargezet.")
                if goedkeuren
                else _("Nieuwe rekening afgekeurd: %(t)s") % {"t": toelichting or "-"}
            ),
        )
        logboek.voor_aanvraag(
            opdracht.aanvraag,
            activiteit="uitbetalen",
            naam="nieuwe rekening " + ("goedgekeurd" if goedkeuren else "afgekeurd"),
            door=door,
        )
        return wijziging


@transaction.atomic
def batch_geweigerd_melden(
    *, batch_id: int, door, reden: str, nu: datetime | None = None
) -> Betaalbatch:
    """The bank refused the whole file: nothing was paid, so its opdrachten go into a new batch.

    Each opdracht keeps its history (which batch it was in and why it left).
    """
    nu = nu or timezone.now()
    batch = Betaalbatch.objects.select_for_update().get(pk=batch_id)
    werkgebied.controleer(door, batch.gemeente_id)
    if batch.status in (BatchStatus.UITGEVOERD, BatchStatus.GEWEIGERD):
        return batch
    opdrachten = list(
        batch.opdrachten.select_for_update().exclude(status=OpdrachtStatus.UITGEVOERD)
    )
    _opdracht_status(
        opdrachten,
        OpdrachtStatus.KLAARGEZET,
        nu=nu,
        door=door,
        reden=f"Bestand {batch.msg_id} geweigerd: {reden}",
    )
    Betaalopdracht.objects.filter(pk__in=[o.pk for o in opdrachten]).update(batch=None)
    batch.status = BatchStatus.GEWEIGERD
    batch.afleverfout = reden[:500]
    batch.save(update_fields=["status", "afleverfout"])
    return batch
