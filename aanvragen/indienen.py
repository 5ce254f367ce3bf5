"""Submitting an aanvraag: exactly once per token, with the BRP's facts; a phone aanvraag or
one that needs the partner's consent waits for their DigiD before it counts as sent."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.brp import Persoon
from aanvragen.documenten import document_toevoegen
from aanvragen.gegevens import AanvraagGegevens
from aanvragen.keuzes import inwoner_berichten, keuze_vastleggen, telefoon_e164
from aanvragen.models import (
    Aanvraag,
    Berichtkeuze,
    BerichtWeg,
    DocumentSoort,
    KeuzeBron,
)
from aanvragen.status import (
    Indiening,
    door_omschrijving,
    status_wijzigen,
    termijnen_berekenen,
)
from aanvragen.statussen import Status
from portal.actor import INWONER, PARTNER
from portal.models import BevestigingNamens, Gemeente, PartnerToestemming, Regeling
from portal.selectors import gemeente_met_cbs_code
from portal.taken import na_commit
from wegwijzer.selectors import beleidsregel_get


def gemeente_van(persoon: Persoon) -> Gemeente | None:
    return gemeente_met_cbs_code(persoon.gemeente_code)


def aanvraag_indienen(
    *,
    persoon: Persoon,
    gegevens: AanvraagGegevens,
    regeling: Regeling,
    token: uuid.UUID,
    namens=None,
    nu: datetime | None = None,
    duur_seconden: int | None = None,
    bijlagen: list | None = None,
) -> Aanvraag:
    """Store a complete aanvraag and submit it, exactly once per `token`.

    A second call with the same token (double click, refresh, a second tab) returns the
    aanvraag of the first call.
    """
    bestaand = Aanvraag.objects.filter(indien_token=token).first()
    if bestaand is not None:
        return bestaand
    try:
        return _aanvraag_indienen(
            persoon=persoon,
            gegevens=gegevens,
            regeling=regeling,
            token=token,
            namens=namens,
            nu=nu or timezone.now(),
            duur_seconden=duur_seconden,
            bijlagen=bijlagen or [],
        )
    except IntegrityError:
        return Aanvraag.objects.get(indien_token=token)


@transaction.atomic
def _aanvraag_indienen(*, persoon, gegevens, regeling, token, namens, nu, duur_seconden, bijlagen):
    gemeente = gemeente_van(persoon)
    if gemeente is None:
        raise ValueError(f"no gemeente with CBS code {persoon.gemeente_code}")
    vandaag = timezone.localdate(nu)
    aanvraag = Aanvraag.objects.create(
        indien_token=token,
        gemeente=gemeente,
        regeling=regeling,
        status=Status.CONCEPT,
        bsn=persoon.bsn,
        naam=persoon.naam,
        adres=persoon.adres,
        postcode=persoon.postcode,
        woonplaats=persoon.woonplaats,
        partner_naam=persoon.partner_naam,
        partner_bsn=persoon.partner_bsn,
        partner_situatie=persoon.huishouden.situatie,
        brp_in_onderzoek=", ".join(sorted(persoon.onderzoek)),
        leeftijd_brp=persoon.leeftijd,
        geboortedatum=date.fromisoformat(persoon.geboortedatum) if persoon.geboortedatum else None,
        alleenstaande_ouder=gegevens.alleenstaande_ouder and not persoon.heeft_partner,
        peildatum=vandaag,
        beleidsregel=beleidsregel_get(gemeente=gemeente, regeling=regeling, peildatum=vandaag),
        duur_seconden=duur_seconden,
        voorliggende_voorziening=gegevens.voorliggende_voorziening,
        vergoed_door_ander=gegevens.vergoed_door_ander,
        al_gekocht=gegevens.al_gekocht,
        factuurdatum=gegevens.factuurdatum,
        bewijs_volgt=gegevens.bewijs_volgt
        and not any(soort == DocumentSoort.BEWIJS for soort, _bestand in bijlagen),
        ingediend_namens_door=namens,
        telefoon=gegevens.telefoon,
        email=gegevens.email,
        elektronisch_communiceren=gegevens.elektronisch_communiceren,
        elektronisch_toestemming_op=nu if gegevens.elektronisch_communiceren else None,
        partner_toestemming_op=nu if gegevens.partner_toestemming else None,
        kostensoort=gegevens.kostensoort,
        omschrijving=gegevens.omschrijving,
        bedrag=gegevens.bedrag,
        inkomen=gegevens.inkomen,
        inkomen_partner=gegevens.inkomen_partner,
        vermogen=gegevens.vermogen,
        iban=gegevens.iban,
        rekeninghouder=gegevens.rekeninghouder,
        rekening_door_medewerker=namens is not None
        and not _eigen_rekening(bsn=persoon.bsn, iban=gegevens.iban),
    )
    for soort, bestand in bijlagen:
        document_toevoegen(aanvraag=aanvraag, soort=soort, bestand=bestand)
    _berichtkeuze_vastleggen(aanvraag, gegevens, namens=namens)
    if _wacht_op_inwoner(aanvraag):
        # Filled in on the phone; the inwoner confirms it with DigiD before it counts as sent.
        _bevestiging_vragen(aanvraag)
    elif _wacht_op_partner(aanvraag):
        _partner_toestemming_vragen(aanvraag)
    if namens is None:
        bevestiging = _("Digitaal ingediend met DigiD.")
    elif gemeente.bevestiging_namens == BevestigingNamens.DIGID:
        bevestiging = _("Ingevuld aan de telefoon; bevestigd door de inwoner met DigiD.")
    else:
        bevestiging = _(
            "Ingevuld door %(medewerker)s aan de telefoon; de beller bevestigde "
            "mondeling dat alles klopt."
        ) % {"medewerker": door_omschrijving(namens)}
    return _indienen_als_compleet(
        aanvraag=aanvraag, door=namens or INWONER, nu=nu, bevestiging=bevestiging
    )


def _berichtkeuze_vastleggen(aanvraag: Aanvraag, gegevens: AanvraagGegevens, *, namens) -> None:
    """Wmebv: the wizard's answer to "how do you want to hear from us" holds for every kind of
    message until the inwoner changes it per kind in Mijn aanvragen."""
    via = gegevens.berichten_via
    keuze = keuze_vastleggen(
        bsn=aanvraag.bsn,
        gemeente_id=aanvraag.gemeente_id,
        wegen=dict.fromkeys(Berichtkeuze.SOORTEN, via),
        telefoon=(telefoon_e164(gegevens.telefoon) or "") if via == BerichtWeg.SMS else "",
        email=gegevens.email if via == BerichtWeg.EMAIL else "",
        bron=KeuzeBron.TELEFOON if namens is not None else KeuzeBron.AANVRAAG,
        door=namens,
    )
    if gegevens.email_bewezen and keuze.email and keuze.email_geverifieerd_op is None:
        keuze.email_geverifieerd_op = keuze.vastgelegd_op
        keuze.save(update_fields=["email_geverifieerd_op"])


def _eigen_rekening(*, bsn: str, iban: str) -> bool:
    """Did this inwoner themself give this account before (in an aanvraag sent with DigiD)?"""
    return (
        Aanvraag.objects.van_inwoner(bsn)
        .filter(iban=iban, ingediend_op__isnull=False)
        .filter(
            models.Q(ingediend_namens_door__isnull=True)
            | models.Q(inwoner_bevestigd_op__isnull=False)
        )
        .exists()
    )


def _wacht_op_inwoner(aanvraag: Aanvraag) -> bool:
    return (
        aanvraag.ingediend_namens_door_id is not None
        and aanvraag.gemeente.bevestiging_namens == BevestigingNamens.DIGID
        and aanvraag.inwoner_bevestigd_op is None
    )


def _wacht_op_partner(aanvraag: Aanvraag) -> bool:
    return (
        bool(aanvraag.partner_bsn)
        and aanvraag.gemeente.partner_toestemming == PartnerToestemming.DIGID
        and aanvraag.partner_toestemming_op is None
    )


def _indienen_als_compleet(*, aanvraag: Aanvraag, door, nu: datetime, bevestiging: str):
    """Submit once nobody's DigiD confirmation is outstanding; until then it stays a concept."""
    if _wacht_op_inwoner(aanvraag) or _wacht_op_partner(aanvraag):
        return aanvraag
    if aanvraag.partner_bsn and aanvraag.gemeente.partner_toestemming == PartnerToestemming.DIGID:
        bevestiging = f"{bevestiging} " + _("De partner gaf toestemming met DigiD.")
    return _indienen(aanvraag=aanvraag, door=door, nu=nu, bevestiging=bevestiging)


def _indienen(*, aanvraag: Aanvraag, door, nu: datetime, bevestiging: str) -> Aanvraag:
    """concept → ingediend: reference, deadlines from today, and the receipt after commit."""
    vandaag = timezone.localdate(nu)
    na_commit("aanvragen.ontvangstbevestiging_maken", aanvraag.pk)
    return status_wijzigen(
        aanvraag_id=aanvraag.pk,
        naar=Status.INGEDIEND,
        door=door,
        reden=bevestiging,
        verwacht=[Status.CONCEPT],
        nu=nu,
        indiening=Indiening(
            referentie=f"BB-{vandaag.year}-{aanvraag.pk:06d}",
            ingediend_op=nu,
            bevestiging=bevestiging,
            termijnen=termijnen_berekenen(aanvraag=aanvraag, ingediend=vandaag, vandaag=vandaag),
        ),
    )


@transaction.atomic
def aanvraag_bevestigen(*, aanvraag_id: int, bsn: str, nu: datetime | None = None) -> Aanvraag:
    """The inwoner confirms with DigiD what a colleague filled in on the phone."""
    nu = nu or timezone.now()
    aanvraag = (
        Aanvraag.objects.select_for_update()
        .select_related("regeling", "gemeente")
        .get(pk=aanvraag_id, bsn=bsn, ingediend_namens_door__isnull=False, status=Status.CONCEPT)
    )
    aanvraag.inwoner_bevestigd_op = nu
    aanvraag.rekening_door_medewerker = False  # the inwoner saw and confirmed the account
    aanvraag.save(update_fields=["inwoner_bevestigd_op", "rekening_door_medewerker"])
    if _wacht_op_partner(aanvraag):
        _partner_toestemming_vragen(aanvraag)
    return _indienen_als_compleet(
        aanvraag=aanvraag,
        door=INWONER,
        nu=nu,
        bevestiging=_("Ingevuld aan de telefoon; bevestigd door de inwoner met DigiD."),
    )


@transaction.atomic
def partner_toestemming_geven(
    *, aanvraag_id: int, partner_bsn: str, nu: datetime | None = None
) -> Aanvraag:
    """Pw art. 43: the partner consents with their own DigiD login."""
    nu = nu or timezone.now()
    aanvraag = (
        Aanvraag.objects.select_for_update()
        .select_related("regeling", "gemeente")
        .get(
            pk=aanvraag_id,
            partner_bsn=partner_bsn,
            status=Status.CONCEPT,
            partner_toestemming_op__isnull=True,
        )
    )
    aanvraag.partner_toestemming_op = nu
    aanvraag.save(update_fields=["partner_toestemming_op"])
    bevestiging = (
        _("Ingevuld aan de telefoon; bevestigd door de inwoner met DigiD.")
        if aanvraag.ingediend_namens_door_id
        else _("Digitaal ingediend met DigiD.")
    )
    return _indienen_als_compleet(aanvraag=aanvraag, door=PARTNER, nu=nu, bevestiging=bevestiging)


def _bevestiging_vragen(aanvraag: Aanvraag) -> None:
    """Tell the inwoner there is an aanvraag to confirm."""
    inwoner_berichten(aanvraag, soort="bevestigen")


def _partner_toestemming_vragen(aanvraag: Aanvraag) -> None:
    """The partner must consent with their own DigiD (Pw art. 43). We have no address of the
    partner: the applicant is asked to tell them."""
    inwoner_berichten(aanvraag, soort="partner-toestemming")
