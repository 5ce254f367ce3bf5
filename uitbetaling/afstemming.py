"""Reconciliation: what a bank statement means for our payment instructions. Pure, no Django.

`afstemmen` turns the entries of a camt.053/054 (uitbetaling/camt.py) into findings, one per
payment it is about. It never guesses: an unknown reference, an amount or currency that differs
from the instruction, an entry on another account, or a credit without a return is reported,
not booked. The service applies the findings under row locks and the payment lifecycle, so a
statement read twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from uitbetaling.camt import Afschrift, Post, reden_tekst


class Bevinding(StrEnum):
    UITGEVOERD = "uitgevoerd"  # booked by the bank: paid on the booking date
    TERUGGEKOMEN = "teruggekomen"  # returned or reversed: the money is back (or never left)
    IN_AFWACHTING = "in_afwachting"  # PDNG / INFO: nothing yet
    AFWIJKEND = "afwijkend"  # about our payment, but it does not add up: a person looks
    ONBEKEND = "onbekend"  # a reference we do not know (or not of these gemeenten)
    OVERIG = "overig"  # an entry that is not about an outgoing payment of ours


@dataclass(frozen=True)
class Opdracht:
    end_to_end_id: str
    bedrag: Decimal
    iban_gemeente: str  # the account the payment leaves from


@dataclass(frozen=True)
class Batch:
    pmt_inf_id: str
    totaal: Decimal
    aantal: int
    iban_gemeente: str
    end_to_end_ids: tuple[str, ...]


@dataclass(frozen=True)
class Rij:
    bevinding: Bevinding
    kenmerk: str  # EndToEndId, PmtInfId, or "" for an entry without either
    uitleg: str = ""  # for financiën, in Dutch
    reden: str = ""  # the bank's reason code (returns)
    boekdatum: date | None = None


def afstemmen(
    afschrift: Afschrift, *, opdrachten: dict[str, Opdracht], batches: dict[str, Batch]
) -> list[Rij]:
    rijen: list[Rij] = []
    for post in afschrift.posten:
        rijen.extend(_post(post, afschrift.iban, opdrachten, batches))
    return rijen


def _post(post: Post, iban: str, opdrachten, batches) -> list[Rij]:
    if post.transacties:
        return [_transactie(post, tx, iban, opdrachten) for tx in post.transacties]
    if post.pmt_inf_id:
        return _batch(post, iban, batches)
    return [Rij(Bevinding.OVERIG, "", "Een boeking zonder betalingskenmerk.")]


def _transactie(post: Post, tx, iban: str, opdrachten) -> Rij:
    opdracht = opdrachten.get(tx.end_to_end_id)
    if opdracht is None:
        return Rij(Bevinding.ONBEKEND, tx.end_to_end_id, "Dit kenmerk kennen wij niet.")
    if not post.geboekt:
        return Rij(
            Bevinding.IN_AFWACHTING, tx.end_to_end_id, f"De bank meldt status {post.status}."
        )
    if iban and iban.replace(" ", "").upper() != opdracht.iban_gemeente.upper():
        return Rij(
            Bevinding.AFWIJKEND,
            tx.end_to_end_id,
            "Dit afschrift gaat over een andere rekening dan die van de gemeente.",
        )
    if tx.valuta and tx.valuta != "EUR":
        return Rij(Bevinding.AFWIJKEND, tx.end_to_end_id, f"Het bedrag is in {tx.valuta}.")
    if tx.bedrag is not None and tx.bedrag != opdracht.bedrag:
        return Rij(
            Bevinding.AFWIJKEND,
            tx.end_to_end_id,
            f"De bank boekte {tx.bedrag}, de opdracht is {opdracht.bedrag}.",
        )
    if tx.teruggave or post.terugboeking:
        return Rij(
            Bevinding.TERUGGEKOMEN,
            tx.end_to_end_id,
            f"Teruggekomen: {reden_tekst(tx.reden)}.",
            reden=tx.reden or ("RVSL" if post.terugboeking else ""),
            boekdatum=post.boekdatum,
        )
    if tx.credit_debit != "DBIT":
        return Rij(
            Bevinding.AFWIJKEND,
            tx.end_to_end_id,
            "Een bijschrijving met ons kenmerk, zonder reden van terugboeking.",
        )
    if tx.bedrag is None:
        return Rij(Bevinding.AFWIJKEND, tx.end_to_end_id, "De bank noemt geen bedrag per betaling.")
    return Rij(Bevinding.UITGEVOERD, tx.end_to_end_id, boekdatum=post.boekdatum)


def _batch(post: Post, iban: str, batches) -> list[Rij]:
    """A file booked as one entry, without per-transaction details (BtchBookg=true)."""
    batch = batches.get(post.pmt_inf_id)
    if batch is None:
        return [Rij(Bevinding.ONBEKEND, post.pmt_inf_id, "Dit bestandskenmerk kennen wij niet.")]
    if not post.geboekt:
        return [
            Rij(Bevinding.IN_AFWACHTING, e2e, f"De bank meldt status {post.status}.")
            for e2e in batch.end_to_end_ids
        ]
    fout = None
    if iban and iban.replace(" ", "").upper() != batch.iban_gemeente.upper():
        fout = "Dit afschrift gaat over een andere rekening dan die van de gemeente."
    elif post.terugboeking or post.credit_debit != "DBIT":
        fout = "Het hele bestand is teruggeboekt; meld per betaling wat er gebeurde."
    elif post.valuta != "EUR" or post.bedrag != batch.totaal:
        fout = f"De bank boekte {post.bedrag} {post.valuta}, het bestand is {batch.totaal} EUR."
    elif post.aantal is not None and post.aantal != batch.aantal:
        fout = f"De bank telt {post.aantal} betalingen, het bestand heeft er {batch.aantal}."
    if fout:
        return [Rij(Bevinding.AFWIJKEND, post.pmt_inf_id, fout)]
    return [
        Rij(Bevinding.UITGEVOERD, e2e, boekdatum=post.boekdatum) for e2e in batch.end_to_end_ids
    ]
