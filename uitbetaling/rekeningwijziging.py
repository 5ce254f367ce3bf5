"""After a payment came back: set it up again, to the same account at once, to another account
only after a second colleague saw the payee."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import logboek, werkgebied
from portal.iban import iban_gemaskeerd
from portal.taken import na_commit
from portal.tekst import epc_tekst
from uitbetaling.begunstigde import kenmerk, mag_goedkeuren
from uitbetaling.models import (
    Betaalopdracht,
    Rekeningwijziging,
)
from uitbetaling.opdrachten import betaalopdracht_opnieuw_klaarzetten
from uitbetaling.statussen import (
    TERUG_BIJ_BEHANDELAAR,
)


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
    from aanvragen.status import gebeurtenis_vastleggen

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
    from aanvragen.status import gebeurtenis_vastleggen

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
