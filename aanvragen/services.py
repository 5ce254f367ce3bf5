"""Writes on aanvragen. The only place where an aanvraag's status changes."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.brp import Persoon
from aanvragen.gegevens import AanvraagGegevens
from aanvragen.models import (
    Aanvraag,
    AanvraagConcept,
    Document,
    DocumentSoort,
    StatusWijziging,
    Terugbelverzoek,
)
from aanvragen.statussen import Status, controleer_transitie
from portal import berichten, logboek, werkgebied
from portal.models import BevestigingNamens, Gemeente, PartnerToestemming, Regeling
from portal.pdf import pdf_maken
from portal.selectors import kalender_get
from portal.taken import na_commit
from portal.werkdagen import Stilstand, servicetermijnen
from wegwijzer.selectors import beleidsregel_get


class AanvraagGewijzigd(Exception):
    """Someone else changed the aanvraag first; the user sees this message."""


def door_omschrijving(door) -> str:
    if door is None:
        return "systeem"
    if isinstance(door, str):
        return door
    return door.get_full_name() or door.get_username()


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
    velden: dict | None = None,
) -> Aanvraag:
    """Move an aanvraag to `naar` under a row lock and append the history row.

    `verwacht` holds the statuses the user saw when they acted. When someone else changed the
    aanvraag in the meantime, AanvraagGewijzigd tells the user; nothing is written.
    """
    nu = nu or timezone.now()
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag_id)
    if werkgebied.is_medewerker(door):
        werkgebied.controleer(door, aanvraag.gemeente_id)
    van = Status(aanvraag.status)
    if verwacht is not None and van not in set(verwacht):
        raise AanvraagGewijzigd(
            _("Een collega heeft deze aanvraag net gewijzigd. De status is nu: %(status)s.")
            % {"status": aanvraag.get_status_display()}
        )
    controleer_transitie(van, naar)
    aanvraag.status = naar
    for veld, waarde in (velden or {}).items():
        setattr(aanvraag, veld, waarde)
    aanvraag.save()
    logboek.voor_aanvraag(
        aanvraag,
        activiteit=STATUS_ACTIVITEIT.get(naar, "aanvraag-behandelen"),
        naam=f"status {van} → {naar}",
        door=door if door is not None and not isinstance(door, str) else None,
        proces=door_omschrijving(door),
    )
    StatusWijziging.objects.create(
        aanvraag=aanvraag,
        van=van,
        naar=naar,
        op=nu,
        door=door if door is not None and not isinstance(door, str) else None,
        door_omschrijving=door_omschrijving(door),
        reden=reden,
    )
    return aanvraag


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
    if werkgebied.is_medewerker(door):
        for _pk, _van, gemeente_id, _bsn, _partner in rijen:
            werkgebied.controleer(door, gemeente_id)
    Aanvraag.objects.filter(pk__in=[r[0] for r in rijen]).update(status=naar, gewijzigd_op=nu)
    medewerker = door if werkgebied.is_medewerker(door) else None
    StatusWijziging.objects.bulk_create(
        [
            StatusWijziging(
                aanvraag_id=pk,
                van=van,
                naar=naar,
                op=nu,
                door=medewerker,
                door_omschrijving=door_omschrijving(door),
                reden=reden,
            )
            for pk, van, *_rest in rijen
        ]
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
    StatusWijziging.objects.create(
        aanvraag=aanvraag,
        van=aanvraag.status,
        naar=aanvraag.status,
        op=nu or timezone.now(),
        door=door if door is not None and not isinstance(door, str) else None,
        door_omschrijving=door_omschrijving(door),
        reden=reden,
    )


def gebeurtenissen_vastleggen(*, aanvraag_ids: list[int], door, reden: str, nu) -> None:
    """`gebeurtenis_vastleggen` for many aanvragen at once (a refused payment file)."""
    medewerker = door if werkgebied.is_medewerker(door) else None
    StatusWijziging.objects.bulk_create(
        [
            StatusWijziging(
                aanvraag_id=pk,
                van=status,
                naar=status,
                op=nu,
                door=medewerker,
                door_omschrijving=door_omschrijving(door),
                reden=reden,
            )
            for pk, status in Aanvraag.objects.filter(pk__in=aanvraag_ids).values_list(
                "pk", "status"
            )
        ]
    )


@transaction.atomic
def betaling_teruggekomen(*, aanvraag_ids: list[int], door, reden: str, nu) -> None:
    """The award's payment came back to the gemeente (the bank refused or returned it, or it
    cannot be paid): a task for the behandelaar, who calls the inwoner; the inwoner reads that
    we will call. Money that was paid and came back makes the aanvraag toegekend again."""
    tekst = _("Betaling teruggekomen: %(reden)s") % {"reden": reden}
    Aanvraag.objects.filter(pk__in=aanvraag_ids).update(betaling_terug_op=nu)
    uitbetaald = list(
        Aanvraag.objects.filter(pk__in=aanvraag_ids, status=Status.UITBETAALD).values_list(
            "pk", flat=True
        )
    )
    statussen_wijzigen(
        aanvraag_ids=uitbetaald,
        naar=Status.TOEGEKEND,
        door=door,
        reden=tekst,
        verwacht=[Status.UITBETAALD],
        nu=nu,
    )
    gebeurtenissen_vastleggen(
        aanvraag_ids=[pk for pk in aanvraag_ids if pk not in set(uitbetaald)],
        door=door,
        reden=tekst,
        nu=nu,
    )


def betaling_weer_onderweg(*, aanvraag_ids: list[int]) -> None:
    """The payment that came back is set up again: no task any more."""
    Aanvraag.objects.filter(pk__in=aanvraag_ids).update(betaling_terug_op=None)


def gemeente_van(persoon: Persoon) -> Gemeente | None:
    return Gemeente.objects.filter(cbs_code=persoon.gemeente_code).first()


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
        aanvraag=aanvraag, door=namens or "inwoner", nu=nu, bevestiging=bevestiging
    )


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
        velden={
            "referentie": f"BB-{vandaag.year}-{aanvraag.pk:06d}",
            "ingediend_op": nu,
            "bevestiging": bevestiging,
            **termijnen_berekenen(aanvraag=aanvraag, ingediend=vandaag, vandaag=vandaag),
        },
    )


def termijnen_berekenen(*, aanvraag: Aanvraag, ingediend: date, vandaag: date) -> dict:
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
    return {
        "einddatum_gepland": termijnen.einddatum_gepland.datum,
        "uiterlijke_einddatum_afdoening": termijnen.uiterlijke_einddatum_afdoening.datum,
    }


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
        door="inwoner",
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
    return _indienen_als_compleet(aanvraag=aanvraag, door="partner", nu=nu, bevestiging=bevestiging)


def _bevestiging_vragen(aanvraag: Aanvraag) -> None:
    """Tell the inwoner there is an aanvraag to confirm (when an e-mail address is known; no
    personal data in the message)."""
    if aanvraag.email:
        berichten.plaatsen(
            soort="bevestigen",
            aanvraag_id=aanvraag.pk,
            aan=[aanvraag.email],
            onderwerp=_("Bevestig uw aanvraag bijzondere bijstand"),
            template="aanvragen/bevestigen_mail.txt",
            context={"aanvraag": aanvraag, "link": _mijn_aanvragen_link()},
        )


def _partner_toestemming_vragen(aanvraag: Aanvraag) -> None:
    """The partner must consent with their own DigiD (Pw art. 43). We have no address of the
    partner: the applicant is asked to tell them (when an e-mail address is known)."""
    if aanvraag.email:
        berichten.plaatsen(
            soort="partner-toestemming",
            aanvraag_id=aanvraag.pk,
            aan=[aanvraag.email],
            onderwerp=_("Uw partner moet uw aanvraag nog goedkeuren"),
            template="aanvragen/partner_toestemming_mail.txt",
            context={"aanvraag": aanvraag, "link": _mijn_aanvragen_link()},
        )


def _mijn_aanvragen_link() -> str:
    return f"{settings.PORTAL_BASIS_URL}{reverse('aanvragen:mijn-aanvragen')}"


def concept_sleutel(aanvrager) -> str:
    if aanvrager.namens is not None:
        return f"{aanvrager.bsn}:telefoon:{aanvrager.namens.pk}"
    return f"{aanvrager.bsn}:digitaal"


def concept_data_get(*, aanvrager) -> dict | None:
    concept = AanvraagConcept.objects.filter(sleutel=concept_sleutel(aanvrager)).first()
    return concept.data if concept else None


def _zonder_nul(waarde):
    """PostgreSQL's jsonb cannot hold U+0000; nobody types it, a fuzzer or an attacker does."""
    if isinstance(waarde, str):
        return waarde.replace("\x00", "")
    if isinstance(waarde, dict):
        return {_zonder_nul(k): _zonder_nul(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_zonder_nul(v) for v in waarde]
    return waarde


def concept_opslaan(*, aanvrager, data: dict, stap: str) -> None:
    """One UPDATE on every later step; INSERT only the first time (a race falls back to UPDATE)."""
    sleutel = concept_sleutel(aanvrager)
    data = _zonder_nul(data)
    velden = {"data": data, "stap": stap, "bijgewerkt_op": timezone.now()}
    if AanvraagConcept.objects.filter(sleutel=sleutel).update(**velden):
        return
    try:
        with transaction.atomic():
            AanvraagConcept.objects.create(
                sleutel=sleutel, bsn=aanvrager.bsn, namens=aanvrager.namens, data=data, stap=stap
            )
    except IntegrityError:
        AanvraagConcept.objects.filter(sleutel=sleutel).update(**velden)


def concept_verwijderen(*, aanvrager) -> None:
    AanvraagConcept.objects.filter(sleutel=concept_sleutel(aanvrager)).delete()


def concepten_opruimen(*, ouder_dan: datetime) -> int:
    """Delete drafts not touched since `ouder_dan`, with their uploaded files."""
    from aanvragen.storage import concept_bestanden

    opslag = concept_bestanden()
    oud = AanvraagConcept.objects.filter(bijgewerkt_op__lt=ouder_dan)
    for concept in oud:
        for bestanden in concept.data.get("step_files", {}).values():
            for bestand in bestanden.values():
                opslag.delete(bestand["tmp_name"])
    return oud.delete()[0]


def document_toevoegen(
    *,
    aanvraag: Aanvraag,
    soort: str,
    bestand,
    bestandsnaam: str = "",
    content_type: str = "",
    scan_melding: str = "",
) -> Document:
    """Store a file in the dossier (privately), with its hash and checked type."""
    bestand.seek(0)
    sha = hashlib.sha256()
    for blok in iter(lambda: bestand.read(64 * 1024), b""):
        sha.update(blok)
    bestand.seek(0)
    naam = bestandsnaam or Path(getattr(bestand, "name", "") or "bestand").name
    document = Document(
        aanvraag=aanvraag,
        soort=soort,
        bestandsnaam=naam[:200],
        content_type=content_type
        or getattr(bestand, "gekeurde_soort", "")
        or "application/octet-stream",
        grootte=bestand.size,
        sha256=sha.hexdigest(),
        virusscan=scan_melding,
    )
    document.bestand.save(naam, File(bestand), save=False)
    document.save()
    return document


def pdf_document_eenmaal(
    *,
    aanvraag: Aanvraag,
    soort: str,
    template: str,
    context: dict,
    naam: str,
    mail_onderwerp: str | None = None,
    mail_template: str = "",
) -> Document:
    """Render a PDF into the dossier once per aanvraag and kind (a unique key guards parallel
    runs of the same task); optionally e-mail it, through the outbox in the same transaction."""
    bestaand = Document.objects.filter(aanvraag=aanvraag, soort=soort).first()
    if bestaand is not None:
        return bestaand
    logboek.voor_aanvraag(
        aanvraag, activiteit="besluit-versturen", naam=f"{soort} maken", proces="taak:pdf"
    )
    pdf = pdf_maken(template, {"aanvraag": aanvraag, **context})
    try:
        with transaction.atomic():
            document = document_toevoegen(
                aanvraag=aanvraag,
                soort=soort,
                bestand=ContentFile(pdf, name=naam),
                bestandsnaam=naam,
                content_type="application/pdf",
            )
            if mail_onderwerp and aanvraag.email:
                # With the document or not at all: a retry of the task finds both.
                berichten.plaatsen(
                    soort=soort,
                    aanvraag_id=aanvraag.pk,
                    aan=[aanvraag.email],
                    onderwerp=mail_onderwerp,
                    template=mail_template,
                    context={"aanvraag": aanvraag},
                    bijlage=document.bestand,
                )
    except IntegrityError:  # made by a parallel run of the same task
        return Document.objects.get(aanvraag=aanvraag, soort=soort)
    return document


def ontvangstbevestiging_maken(*, aanvraag_id: int) -> Document:
    """The receipt of Awb 4:3a as a PDF in the dossier, once; e-mailed when an address is known."""
    aanvraag = Aanvraag.objects.select_related("gemeente", "kostensoort", "regeling").get(
        pk=aanvraag_id
    )
    return pdf_document_eenmaal(
        aanvraag=aanvraag,
        soort=DocumentSoort.ONTVANGSTBEVESTIGING,
        template="aanvragen/ontvangstbevestiging_pdf.html",
        context={},
        naam=f"ontvangstbevestiging-{aanvraag.referentie}.pdf",
        mail_onderwerp=_("Wij hebben uw aanvraag ontvangen (%(ref)s)")
        % {"ref": aanvraag.referentie},
        mail_template="aanvragen/ontvangstbevestiging_mail.txt",
    )


def terugbelverzoek_indienen(*, gemeente, naam: str, telefoon: str, tijdvak: str, vraag: str):
    return Terugbelverzoek.objects.create(
        gemeente=gemeente, naam=naam, telefoon=telefoon, tijdvak=tijdvak, vraag=vraag
    )


def terugbelverzoek_afhandelen(*, pk: int, door, nu: datetime | None = None) -> bool:
    """Mark a call-back as done; False when a colleague already did (nothing changes)."""
    gedaan = werkgebied.beperk(
        Terugbelverzoek.objects.filter(pk=pk, afgehandeld_op__isnull=True), door
    ).update(afgehandeld_op=nu or timezone.now(), afgehandeld_door=door)
    if gedaan:
        logboek.vastleggen(
            activiteit="klantcontact",
            naam="terugbelverzoek afgehandeld",
            objecten=[f"terugbelverzoek:{pk}"],
            door=door,
        )
    return bool(gedaan)


INHALEN_VENSTER = timedelta(days=14)


def zonder_ontvangstbevestiging_ids(*, nu: datetime, wachttijd: timedelta) -> list[int]:
    """Submitted aanvragen that should have a receipt by now and have none (catch-up)."""
    return list(
        Aanvraag.objects.filter(
            ingediend_op__lt=nu - wachttijd,
            ingediend_op__gte=nu - INHALEN_VENSTER,
            geanonimiseerd_op__isnull=True,
        )
        .exclude(documenten__soort=DocumentSoort.ONTVANGSTBEVESTIGING)
        .values_list("pk", flat=True)
    )


class BewijsNietMeerNodig(AanvraagGewijzigd):
    """The aanvraag waits for no proof (any more), or is decided."""


def bewijs_nasturen(*, aanvraag_id: int, bsn: str, bestand, namens=None, nu=None) -> Document:
    """The inwoner (or a colleague on the phone for them) sends the proof that was to follow.

    Only for their own aanvraag that is still open and waits for it; recorded in the history so
    the behandelaar sees it arrived. An open question about it is answered on its own page
    (the aanvulling), which also restarts the clock.
    """
    with transaction.atomic():
        aanvraag = (
            Aanvraag.objects.van_inwoner(bsn, namens=namens)
            .select_for_update()
            .filter(pk=aanvraag_id)
            .first()
        )
        if (
            aanvraag is None
            or not aanvraag.bewijs_volgt
            or aanvraag.status not in (Status.INGEDIEND, Status.IN_BEHANDELING)
        ):
            raise BewijsNietMeerNodig(_("Voor deze aanvraag hoeft u geen bewijs meer te sturen."))
        document = document_toevoegen(
            aanvraag=aanvraag, soort=DocumentSoort.BEWIJS, bestand=bestand
        )
        aanvraag.bewijs_volgt = False
        aanvraag.save(update_fields=["bewijs_volgt", "gewijzigd_op"])
        gebeurtenis_vastleggen(
            aanvraag=aanvraag,
            door=namens or "inwoner",
            reden=_("Bewijs nagestuurd")
            if namens is None
            else _("Bewijs nagestuurd, aan de telefoon door %(naam)s")
            % {"naam": door_omschrijving(namens)},
            nu=nu,
        )
        return document
