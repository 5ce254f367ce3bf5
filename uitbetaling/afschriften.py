"""Reading the bank's statements (camt.053/054): what the bank booked, returned or refused,
applied once (uitbetaling/afstemming.py decides, this applies)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import werkgebied
from uitbetaling import afstemming
from uitbetaling.afstemming import Bevinding, afstemmen
from uitbetaling.camt import afschrift_lezen, reden_tekst
from uitbetaling.models import (
    Bankafschrift,
    Betaalbatch,
    Betaalopdracht,
    OpdrachtStatus,
)
from uitbetaling.opdrachten import _uitbetaald, betaalopdracht_geweigerd_melden


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
