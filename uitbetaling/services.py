"""Payment instructions: created exactly once per award, then followed to the bank."""

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.models import Aanvraag
from aanvragen.services import (
    betaling_teruggekomen,
    betaling_weer_onderweg,
    statussen_wijzigen,
)
from aanvragen.statussen import Status
from portal import logboek, werkgebied
from portal.iban import iban_gemaskeerd
from portal.models import Gemeente
from portal.taken import na_commit
from portal.tekst import epc_tekst
from uitbetaling import afstemming
from uitbetaling.afstemming import Bevinding, afstemmen
from uitbetaling.bankdagen import uitvoerdatum
from uitbetaling.begunstigde import kenmerk, mag_goedkeuren
from uitbetaling.camt import afschrift_lezen, reden_tekst
from uitbetaling.kanalen import kanaal_get
from uitbetaling.models import (
    Bankafschrift,
    BatchStatus,
    BatchStatusWijziging,
    Betaalbatch,
    Betaalopdracht,
    OpdrachtStatus,
    OpdrachtStatusWijziging,
    Rekeningwijziging,
)
from uitbetaling.opdracht import end_to_end_id, omschrijving
from uitbetaling.sepa import Debiteur, OpdrachtRij, pain001_maken, rij_fouten
from uitbetaling.statussen import (
    TERUG_BIJ_BEHANDELAAR,
    controleer_batch,
    controleer_opdracht,
    uitvoering_gemeld_mag,
)

logger = logging.getLogger(__name__)


def betaalopdracht_aanmaken(
    *, aanvraag_id: int, door=None, nu: datetime | None = None
) -> Betaalopdracht:
    """Create the one Betaalopdracht of an awarded aanvraag; a repeat returns the same one.
    `door`: the colleague whose decision this is (None: the guard task).

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
                door=door,
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


class BetaalstatusFout(Exception):
    """Financiën asked for something the payment's lifecycle does not allow; the message says
    why in plain Dutch. Nothing changed."""


def opdrachten_naar(opdrachten, naar: str, *, nu, door=None, reden: str = "", **velden) -> None:
    """The one place an opdracht's status changes: every row must be locked by the caller; each
    transition is checked against the table (uitbetaling/statussen.py) and gets a history row.
    A payment back at the gemeente (TERUG_BIJ_BEHANDELAAR) is told to its aanvraag."""
    rijen = list(opdrachten)
    for o in rijen:
        controleer_opdracht(o.status, naar)
    if naar in TERUG_BIJ_BEHANDELAAR:
        betaling_teruggekomen(
            aanvraag_ids=[o.aanvraag_id for o in rijen], door=door, reden=reden, nu=nu
        )
    elif weer := [o.aanvraag_id for o in rijen if o.status in TERUG_BIJ_BEHANDELAAR]:
        betaling_weer_onderweg(aanvraag_ids=weer)
    OpdrachtStatusWijziging.objects.bulk_create(
        [
            OpdrachtStatusWijziging(
                opdracht=o, van=o.status, naar=naar, op=nu, door=door, reden=reden[:2000]
            )
            for o in rijen
        ]
    )
    Betaalopdracht.objects.filter(pk__in=[o.pk for o in rijen]).update(status=naar, **velden)
    for o in rijen:
        o.status = naar
        for veld, waarde in velden.items():
            setattr(o, veld, waarde)


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


def _uitbetaald(opdrachten, *, door, nu, geboekt_op=None) -> None:
    """aangeboden → uitgevoerd for locked opdrachten, and their aanvragen become uitbetaald."""
    rijen = list(opdrachten)
    if not rijen:
        return
    opdrachten_naar(
        rijen,
        OpdrachtStatus.UITGEVOERD,
        nu=nu,
        door=door,
        reden=_("Geboekt door de bank") if geboekt_op else _("Gemeld als uitgevoerd"),
        uitgevoerd_op=nu,
        geboekt_op=geboekt_op,
    )
    statussen_wijzigen(
        aanvraag_ids=[o.aanvraag_id for o in rijen],
        naar=Status.UITBETAALD,
        door=door,
        nu=nu,
        verwacht=[Status.TOEGEKEND],
        reden=_("Betaling uitgevoerd"),
    )


def _nog_niet_uitgevoerd(batch: Betaalbatch, nu) -> str | None:
    if not uitvoering_gemeld_mag(uitvoerdatum=batch.uitvoerdatum, vandaag=timezone.localdate(nu)):
        return _("De bank voert dit bestand uit op %(datum)s. Meld het daarna als uitgevoerd.") % {
            "datum": f"{batch.uitvoerdatum:%d-%m-%Y}"
        }
    return None


@transaction.atomic
def betaalopdracht_uitgevoerd_melden(*, opdracht_id: int, door, nu: datetime | None = None):
    """Financiën reports the payment as executed: only one the bank has (aangeboden), not before
    its file's execution date. The aanvraag becomes uitbetaald. Again: nothing changes."""
    nu = nu or timezone.now()
    opdracht = (
        Betaalopdracht.objects.select_for_update(of=("self",))
        .select_related("batch")
        .get(pk=opdracht_id)
    )
    werkgebied.controleer(door, opdracht.gemeente_id)
    if opdracht.status == OpdrachtStatus.UITGEVOERD:
        return opdracht
    if opdracht.status != OpdrachtStatus.AANGEBODEN:
        raise BetaalstatusFout(
            _("Deze betaling is niet aan de bank aangeboden (%(status)s). Zij is dus niet betaald.")
            % {"status": opdracht.get_status_display()}
        )
    if fout := _nog_niet_uitgevoerd(opdracht.batch, nu):
        raise BetaalstatusFout(fout)
    _uitbetaald([opdracht], door=door, nu=nu)
    return opdracht


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
    """The bank did not pay, or paid and the money came back (a return after booking: AC04
    account closed, MD07 holder deceased, …). Back to the behandelaar as a task, with the
    reason; a returned payment makes the aanvraag *toegekend* again (not uitbetaald)."""
    nu = nu or timezone.now()
    opdracht = Betaalopdracht.objects.select_for_update().get(pk=opdracht_id)
    werkgebied.controleer(door, opdracht.gemeente_id)
    reden = reden.strip()[:300] or _("geen reden opgegeven")
    if opdracht.status in (OpdrachtStatus.GEWEIGERD, OpdrachtStatus.TERUGGEBOEKT):
        return opdracht
    if opdracht.status == OpdrachtStatus.AANGEBODEN:
        opdrachten_naar(
            [opdracht], OpdrachtStatus.GEWEIGERD, nu=nu, door=door, reden=reden, probleem=reden
        )
    elif opdracht.status == OpdrachtStatus.UITGEVOERD:
        opdrachten_naar(
            [opdracht], OpdrachtStatus.TERUGGEBOEKT, nu=nu, door=door, reden=reden, probleem=reden
        )
    else:
        raise BetaalstatusFout(
            _(
                "Deze betaling is niet aan de bank aangeboden (%(status)s). De bank kan haar dus "
                "niet weigeren."
            )
            % {"status": opdracht.get_status_display()}
        )
    return opdracht


@transaction.atomic
def betaalopdracht_opnieuw_klaarzetten(
    *, opdracht_id: int, door, iban: str, naam: str, nu: datetime | None = None
) -> Betaalopdracht:
    """After a refusal or return: the same (only) instruction of the award, with corrected
    details, ready for a new file."""
    nu = nu or timezone.now()
    opdracht = Betaalopdracht.objects.select_for_update().get(pk=opdracht_id)
    if opdracht.status not in TERUG_BIJ_BEHANDELAAR:
        raise BetaalstatusFout(_("Er is geen teruggekomen betaling om opnieuw klaar te zetten."))
    opdrachten_naar(
        [opdracht],
        OpdrachtStatus.KLAARGEZET,
        nu=nu,
        door=door,
        reden=f"Opnieuw klaargezet (was batch {opdracht.batch_id})",
        iban=iban,
        naam=epc_tekst(naam, 70),
        batch=None,
        probleem="",
    )
    return opdracht


@dataclass
class Afstemming:
    """What reading one statement did, for financiën."""

    tellingen: dict[str, int]
    meldingen: list[str]
    al_gelezen_op: datetime | None = None


def afschrift_verwerken(*, xml: bytes, door, nu: datetime | None = None) -> Afstemming:
    """Reconcile a camt.053/054 by its meaning (uitbetaling/afstemming.py): booked → uitgevoerd
    on the bank's booking date, returned or reversed → back to the behandelaar, pending →
    nothing yet. Unknown references (and those of gemeenten `door` does not work for) and
    anything that does not add up are reported, never guessed. A file read before changes
    nothing; a finding already applied (the same payment in a later statement) neither."""
    nu = nu or timezone.now()
    sha = hashlib.sha256(xml).hexdigest()
    eerder = Bankafschrift.objects.filter(sha256=sha).first()
    if eerder is not None:
        return Afstemming(tellingen=eerder.tellingen, meldingen=[], al_gelezen_op=eerder.gelezen_op)
    afschrift = afschrift_lezen(xml)
    # Plain rows, not model instances: a day's statement can hold ten thousand payments.
    eigen = werkgebied.beperk(Betaalopdracht.objects, door)
    kenmerken = {t.end_to_end_id for p in afschrift.posten for t in p.transacties}
    bestanden = {p.pmt_inf_id for p in afschrift.posten if p.pmt_inf_id and not p.transacties}
    bestandsrijen = (
        werkgebied.beperk(Betaalbatch.objects, door)
        .filter(pmt_inf_id__in=bestanden)
        .values_list("pmt_inf_id", "totaal", "aantal", "gemeente__rekening_iban")
        if bestanden
        else []
    )
    velden = ("pk", "end_to_end_id", "bedrag", "gemeente__rekening_iban", "batch__pmt_inf_id")
    rijen = (
        list(eigen.filter(end_to_end_id__in=kenmerken).values_list(*velden)) if kenmerken else []
    )
    if bestandsrijen:
        pmts = [r[0] for r in bestandsrijen]
        rijen += list(eigen.filter(batch__pmt_inf_id__in=pmts).values_list(*velden))
    ids = {e2e: pk for pk, e2e, *_rest in rijen}
    batches = {
        pmt: afstemming.Batch(
            pmt, totaal, aantal, iban, tuple(e2e for _pk, e2e, _b, _i, p in rijen if p == pmt)
        )
        for pmt, totaal, aantal, iban in bestandsrijen
    }
    rijen = afstemmen(
        afschrift,
        opdrachten={
            e2e: afstemming.Opdracht(e2e, bedrag, iban) for _pk, e2e, bedrag, iban, _p in rijen
        },
        batches=batches,
    )
    tellingen = {b.value: 0 for b in Bevinding} | {"al_verwerkt": 0}
    meldingen = []
    with transaction.atomic():
        geboekt = defaultdict(list)
        for rij in rijen:
            if rij.bevinding == Bevinding.UITGEVOERD:
                geboekt[rij.boekdatum].append(ids[rij.kenmerk])
            elif rij.bevinding == Bevinding.TERUGGEKOMEN:
                uitkomst = _teruggekomen(ids[rij.kenmerk], door=door, nu=nu, rij=rij)
                tellingen[uitkomst] += 1
                if uitkomst == Bevinding.AFWIJKEND:
                    meldingen.append(f"{rij.kenmerk}: staat niet bij de bank, maar kwam terug.")
            else:
                tellingen[rij.bevinding] += 1
                if rij.bevinding in (Bevinding.AFWIJKEND, Bevinding.ONBEKEND):
                    meldingen.append(f"{rij.kenmerk or '-'}: {rij.uitleg}")
        for boekdatum, pks in geboekt.items():
            te_boeken = list(
                Betaalopdracht.objects.select_for_update()
                .filter(pk__in=pks, status=OpdrachtStatus.AANGEBODEN)
                .only("pk", "status", "aanvraag_id")
                .order_by("pk")
            )
            _uitbetaald(te_boeken, door=door, nu=nu, geboekt_op=boekdatum)
            tellingen[Bevinding.UITGEVOERD] += len(te_boeken)
            geboekte = {o.pk for o in te_boeken}
            rest = [pk for pk in pks if pk not in geboekte]
            if not rest:
                continue
            # Already paid (an earlier statement): the booking date fills in, nothing else.
            al = Betaalopdracht.objects.filter(pk__in=rest, status=OpdrachtStatus.UITGEVOERD)
            al.filter(geboekt_op__isnull=True).update(geboekt_op=boekdatum)
            verwerkt = al.count()
            tellingen["al_verwerkt"] += verwerkt
            if len(rest) - verwerkt:
                tellingen[Bevinding.AFWIJKEND] += len(rest) - verwerkt
                meldingen.append(
                    _(
                        "%(n)s betaling(en) geboekt door de bank die hier niet als aangeboden "
                        "staan: bekijk ze per betaling."
                    )
                    % {"n": len(rest) - verwerkt}
                )
        try:
            with transaction.atomic():
                Bankafschrift.objects.create(
                    sha256=sha,
                    bericht_id=afschrift.bericht_id[:35],
                    versie=afschrift.versie[:20],
                    iban=afschrift.iban[:34],
                    gelezen_op=nu,
                    door=door if werkgebied.is_medewerker(door) else None,
                    tellingen=tellingen,
                    meldingen="\n".join(meldingen),
                )
        except IntegrityError:
            pass  # the same file read at the same moment by a colleague: nothing changed twice
    return Afstemming(tellingen=tellingen, meldingen=meldingen)


def _teruggekomen(opdracht_id: int, *, door, nu, rij) -> str:
    """Apply a return or reversal to one payment; which count it adds to."""
    with transaction.atomic():
        opdracht = Betaalopdracht.objects.select_for_update().get(pk=opdracht_id)
        if opdracht.status in (OpdrachtStatus.GEWEIGERD, OpdrachtStatus.TERUGGEBOEKT):
            return "al_verwerkt"
        if opdracht.status not in (OpdrachtStatus.AANGEBODEN, OpdrachtStatus.UITGEVOERD):
            return Bevinding.AFWIJKEND
        betaalopdracht_geweigerd_melden(
            opdracht_id=opdracht.pk, door=door, reden=reden_tekst(rij.reden), nu=nu
        )
        return Bevinding.TERUGGEKOMEN


class RekeningwijzigingFout(Exception):
    """A payee change the rules refuse; the message tells the colleague why."""


def _aanbieden_na_commit(opdracht: Betaalopdracht) -> None:
    na_commit("uitbetaling.batch_maken", opdracht.gemeente_id)


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
        if opdracht.status not in TERUG_BIJ_BEHANDELAAR:
            raise RekeningwijzigingFout(
                _("Er is geen teruggekomen betaling om opnieuw klaar te zetten.")
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
