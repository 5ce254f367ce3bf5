"""Decisions: award (or propose it for a second colleague's approval), refuse, not dealt with
(Awb 4:5). Each is checked against the one decision rule (behandeling/regels.py); an award makes
its one payment instruction in the same transaction."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.models import Aanvraag, Opschorting
from aanvragen.selectors import voorstel_get
from aanvragen.status import (
    AanvraagGewijzigd,
    Besluit,
    door_omschrijving,
    gebeurtenis_vastleggen,
    status_wijzigen,
)
from aanvragen.statussen import Status
from behandeling.presenters import vier_ogen_teksten
from behandeling.regels import (
    Toetsing,
    afwijzing_toetsen,
    motivering_controleren,
    toekenning_toetsen,
    vier_ogen_nodig,
)
from behandeling.werkvoorraad import eigen_aanvraag_controleren
from portal import logboek, werkgebied
from portal.bedrag import format_bedrag
from portal.iban import iban_gemaskeerd
from portal.selectors import kalender_get
from portal.taken import na_commit
from portal.werkdagen import (
    Kalender,
    Stilstand,
    werkdagen_tussen,
)
from uitbetaling.begunstigde import Begunstigde, betrokkenen, mag_goedkeuren
from uitbetaling.opdrachten import betaalopdracht_aanmaken
from uitbetaling.selectors import (
    begunstigde_bij,
    begunstigde_van,
    betaalvoorstel_van,
    voorstel_kenmerk,
)
from wegwijzer.models import Leeftijdsgroep, Vorm
from wegwijzer.regels import Uitkomst


class VierOgenFout(AanvraagGewijzigd):
    """The four-eyes rule refused the act; the message tells the user why."""


@dataclass(frozen=True)
class Vooraf:
    """What an award would do, before it is made: how it differs from the calculation, where
    the money goes and why a second colleague must approve (empty: it is decided at once)."""

    toetsing: Toetsing
    begunstigde: Begunstigde
    vier_ogen: tuple


def toekenning_vooraf(
    aanvraag: Aanvraag,
    *,
    bedrag: Decimal,
    vorm: str,
    leverancier: tuple[str, str] | None = None,
    berekening: Uitkomst | None = None,
) -> Vooraf:
    """The confirmation step shows this and the award decides by it: one computation."""
    begunstigde = begunstigde_bij(aanvraag, leverancier)
    toetsing = toekenning_toetsen(
        gevraagd=aanvraag.bedrag,
        berekening=berekening if berekening is not None else voorstel_get(aanvraag=aanvraag),
        bedrag=bedrag,
        vorm=vorm,
    )
    voorstel = betaalvoorstel_van(aanvraag, bedrag=bedrag, begunstigde=begunstigde)
    return Vooraf(toetsing, begunstigde, vier_ogen_nodig(toetsing, voorstel))


def aanvraag_toekennen(
    *,
    aanvraag_id: int,
    behandelaar,
    bedrag: Decimal,
    motivering: str,
    vorm: str = Vorm.GIFT,
    lening_maandbedrag: Decimal | None = None,
    lening_termijnen: int | None = None,
    leverancier: tuple[str, str] | None = None,
) -> Aanvraag:
    """Award, or only propose when a second colleague must approve (behandeling.regels: more
    than asked or than the kostensoort's maximum, above the gemeente's four-eyes amount, or a
    payee other than the account the inwoner gave themself).

    A decision that differs from the calculation needs a written reason (MotiveringOntbreekt
    otherwise); the reason goes into the beschikking.

    The decision commits first, then tasks create the one Betaalopdracht and the beschikking.
    """
    with transaction.atomic():
        eigen_aanvraag_controleren(aanvraag_id, behandelaar)
        aanvraag = (
            Aanvraag.objects.select_for_update().select_related("gemeente").get(pk=aanvraag_id)
        )
        if aanvraag.status != Status.IN_BEHANDELING:
            raise AanvraagGewijzigd(_("Deze aanvraag is niet meer in behandeling."))
        if aanvraag.voorgesteld_bedrag is not None:
            raise AanvraagGewijzigd(
                _(
                    "Er wacht al een voorstel op goedkeuring door een collega. Laat het eerst "
                    "terugleggen als u iets wilt veranderen."
                )
            )
        lening = vorm == Vorm.LENING
        aanvraag.besluit_vorm = vorm
        aanvraag.lening_maandbedrag = lening_maandbedrag if lening else None
        aanvraag.lening_termijnen = lening_termijnen if lening else None
        aanvraag.leverancier_naam, aanvraag.leverancier_iban = leverancier or ("", "")
        aanvraag.save(
            update_fields=[
                "besluit_vorm",
                "lening_maandbedrag",
                "lening_termijnen",
                "leverancier_naam",
                "leverancier_iban",
            ]
        )
        if leverancier:
            logboek.voor_aanvraag(
                aanvraag,
                activiteit="uitbetalen",
                naam="leverancier als begunstigde gekozen",
                door=behandelaar,
            )
        vooraf = toekenning_vooraf(aanvraag, bedrag=bedrag, vorm=vorm, leverancier=leverancier)
        motivering_controleren(vooraf.toetsing, motivering)
        redenen = vooraf.vier_ogen
        if redenen:
            aanvraag.voorgesteld_bedrag = bedrag
            aanvraag.voorgestelde_motivering = motivering
            aanvraag.voorgesteld_door = behandelaar
            aanvraag.voorgesteld_op = timezone.now()
            aanvraag.save(
                update_fields=[
                    "voorgesteld_bedrag",
                    "voorgestelde_motivering",
                    "voorgesteld_door",
                    "voorgesteld_op",
                ]
            )
            begunstigde = begunstigde_van(aanvraag)
            gebeurtenis_vastleggen(
                aanvraag=aanvraag,
                door=behandelaar,
                reden=_(
                    "Voorgesteld: %(bedrag)s aan %(naam)s (%(iban)s). Een collega keurt dit "
                    "goed: %(redenen)s"
                )
                % {
                    "bedrag": format_bedrag(bedrag),
                    "naam": begunstigde.naam,
                    "iban": iban_gemaskeerd(begunstigde.iban),
                    "redenen": " ".join(vier_ogen_teksten(redenen, aanvraag=aanvraag)),
                },
            )
            return aanvraag
        return _toekennen(
            aanvraag_id=aanvraag_id,
            door=behandelaar,
            bedrag=bedrag,
            motivering=motivering,
            reden=motivering,
        )


def betrokken_bij_betaling(aanvraag: Aanvraag) -> set[int | None]:
    """The colleagues who may not approve this award (uitbetaling.begunstigde.betrokkenen)."""
    return betrokkenen(
        voorgesteld_door_id=aanvraag.voorgesteld_door_id,
        behandelaar_id=aanvraag.behandelaar_id,
        rekening_door_medewerker=aanvraag.rekening_door_medewerker,
        ingediend_namens_door_id=aanvraag.ingediend_namens_door_id,
    )


def toekenning_goedkeuren(*, aanvraag_id: int, door, kenmerk: str) -> Aanvraag:
    """The second pair of eyes: a colleague who had no hand in the proposal or the payee
    approves exactly what they saw (`kenmerk`); a change in between refuses."""
    with transaction.atomic():
        aanvraag = (
            Aanvraag.objects.select_for_update().select_related("gemeente").get(pk=aanvraag_id)
        )
        werkgebied.controleer(door, aanvraag.gemeente_id)
        if aanvraag.status != Status.IN_BEHANDELING or aanvraag.voorgesteld_bedrag is None:
            raise AanvraagGewijzigd(_("Er is geen toekenning om goed te keuren."))
        if not mag_goedkeuren(
            goedkeurder_id=door.pk, betrokken_ids=betrokken_bij_betaling(aanvraag)
        ):
            raise VierOgenFout(
                _("U had zelf een hand in dit voorstel of de rekening. Vraag een collega.")
            )
        if kenmerk != voorstel_kenmerk(aanvraag):
            raise AanvraagGewijzigd(
                _("Het voorstel is veranderd nadat u het opende. Bekijk het opnieuw.")
            )
        return _toekennen(
            aanvraag_id=aanvraag_id,
            door=door,
            bedrag=aanvraag.voorgesteld_bedrag,
            motivering=aanvraag.voorgestelde_motivering,
            reden=_("Goedgekeurd door %(naam)s (vier ogen).") % {"naam": door_omschrijving(door)},
        )


def toekenning_afkeuren(*, aanvraag_id: int, door, reden: str) -> Aanvraag:
    with transaction.atomic():
        aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag_id)
        werkgebied.controleer(door, aanvraag.gemeente_id)
        if aanvraag.voorgesteld_bedrag is None:
            raise AanvraagGewijzigd(_("Er is geen toekenning om af te keuren."))
        if door.pk in (aanvraag.voorgesteld_door_id, aanvraag.behandelaar_id):
            raise VierOgenFout(_("U kunt uw eigen voorstel niet beoordelen. Vraag een collega."))
        gebeurtenis_vastleggen(
            aanvraag=aanvraag, door=door, reden=_("Voorstel teruggelegd: %(r)s") % {"r": reden}
        )
        aanvraag.voorgesteld_bedrag = None
        aanvraag.voorgesteld_door = None
        aanvraag.voorgesteld_op = None
        aanvraag.save(update_fields=["voorgesteld_bedrag", "voorgesteld_door", "voorgesteld_op"])
        return aanvraag


def _toekennen(*, aanvraag_id: int, door, bedrag: Decimal, motivering: str, reden: str):
    """The award and its one payment instruction in the caller's transaction (both or
    neither); after the commit the instruction goes to the bank and the beschikking is made."""
    aanvraag = _besluiten(
        aanvraag_id=aanvraag_id,
        naar=Status.TOEGEKEND,
        door=door,
        verwacht=[Status.IN_BEHANDELING],
        reden=reden,
        motivering=motivering,
        toegekend_bedrag=bedrag,
    )
    betaalopdracht_aanmaken(aanvraag_id=aanvraag_id, door=door, nu=aanvraag.besloten_op)
    na_commit("uitbetaling.batch_maken", aanvraag.gemeente_id)
    na_commit("behandeling.beschikking_maken", aanvraag_id)
    return aanvraag


def _besluiten(
    *,
    aanvraag_id: int,
    naar: Status,
    motivering: str,
    toegekend_bedrag: Decimal | None = None,
    nu=None,
    **kwargs,
) -> Aanvraag:
    """A decision: the status change plus when it was taken and the doorlooptijd it took."""
    nu = nu or timezone.now()
    aanvraag = Aanvraag.objects.select_related("gemeente").get(pk=aanvraag_id)
    besluit = Besluit(
        besloten_op=nu,
        doorlooptijd_werkdagen=doorlooptijd_berekenen(aanvraag=aanvraag, besloten_op=nu),
        motivering=motivering,
        toegekend_bedrag=toegekend_bedrag,
    )
    return status_wijzigen(aanvraag_id=aanvraag_id, naar=naar, nu=nu, besluit=besluit, **kwargs)


def doorlooptijd_berekenen(*, aanvraag: Aanvraag, besloten_op) -> int | None:
    """Werkdagen from submission to `besloten_op` on the gemeente's calendar, minus suspensions."""
    if aanvraag.ingediend_op is None:
        return None
    ingediend = timezone.localdate(aanvraag.ingediend_op)
    besloten = timezone.localdate(besloten_op)
    kalender = kalender_get(gemeente=aanvraag.gemeente, vanaf=ingediend)
    opgeschort = {
        dag: "opgeschort"
        for o in Opschorting.objects.filter(aanvraag=aanvraag)
        for dag in Stilstand(o.van, o.tot or besloten).dagen()
    }
    zonder = Kalender(kalender.gelijkgestelde_dagen, {**kalender.sluitingsdagen, **opgeschort})
    return werkdagen_tussen(ingediend, besloten, zonder)


def aanvraag_afwijzen(*, aanvraag_id: int, behandelaar, motivering: str) -> Aanvraag:
    """Refuse. Against a calculation that says yes (or none at all) only with a reason."""
    with transaction.atomic():
        eigen_aanvraag_controleren(aanvraag_id, behandelaar)
        aanvraag = Aanvraag.objects.select_related("kostensoort").get(pk=aanvraag_id)
        motivering_controleren(
            afwijzing_toetsen(berekening=voorstel_get(aanvraag=aanvraag)), motivering
        )
        na_commit("behandeling.beschikking_maken", aanvraag_id)
        return _besluiten(
            aanvraag_id=aanvraag_id,
            naar=Status.AFGEWEZEN,
            door=behandelaar,
            verwacht=[Status.IN_BEHANDELING],
            reden=motivering,
            motivering=motivering,
        )


def leeftijdsgroep_bevestigen(*, aanvraag_id: int, behandelaar, leeftijdsgroep: str) -> Aanvraag:
    """Without a full birth date from the BRP the case holder confirms the norm's age group
    (after asking the inwoner or checking an ID), recorded in the history; the proposal then
    computes with it."""
    with transaction.atomic():
        eigen_aanvraag_controleren(aanvraag_id, behandelaar)
        aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag_id)
        if aanvraag.status != Status.IN_BEHANDELING:
            raise AanvraagGewijzigd(_("Deze aanvraag is niet meer in behandeling."))
        aanvraag.leeftijdsgroep_bevestigd = leeftijdsgroep
        aanvraag.save(update_fields=["leeftijdsgroep_bevestigd", "gewijzigd_op"])
        gebeurtenis_vastleggen(
            aanvraag=aanvraag,
            door=behandelaar,
            reden=_("Leeftijdsgroep bevestigd: %(groep)s")
            % {"groep": Leeftijdsgroep(leeftijdsgroep).label},
        )
        return aanvraag


def aanvraag_buiten_behandeling(*, aanvraag_id: int, behandelaar, motivering: str, nu=None):
    """Awb 4:5: not dealt with, after the term to supplement lapsed."""
    nu = nu or timezone.now()
    with transaction.atomic():
        eigen_aanvraag_controleren(aanvraag_id, behandelaar)
        Opschorting.objects.filter(aanvraag_id=aanvraag_id, tot__isnull=True).update(
            tot=timezone.localdate(nu)
        )
        na_commit("behandeling.beschikking_maken", aanvraag_id)
        return _besluiten(
            aanvraag_id=aanvraag_id,
            naar=Status.BUITEN_BEHANDELING,
            door=behandelaar,
            verwacht=[Status.WACHT_OP_AANVULLING, Status.IN_BEHANDELING],
            reden=motivering,
            nu=nu,
            motivering=motivering,
        )
