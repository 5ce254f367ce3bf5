"""The behandelaar's acts on an aanvraag. Every status change goes through status_wijzigen."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.models import Aanvraag, Aanvullingsverzoek, Document, DocumentSoort, Opschorting
from aanvragen.selectors import voorstel_get
from aanvragen.services import (
    AanvraagGewijzigd,
    door_omschrijving,
    gebeurtenis_vastleggen,
    pdf_document_eenmaal,
    status_wijzigen,
)
from aanvragen.statussen import KLOK_LOOPT, SlaStatus, Status, sla_grenzen
from behandeling.models import Contactmoment, SlaSignaal, SlaSignaalSoort
from behandeling.presenters import beschikking_motivering, vier_ogen_teksten
from behandeling.regels import (
    afwijzing_toetsen,
    motivering_controleren,
    toekenning_toetsen,
    vier_ogen_nodig,
)
from portal import berichten, logboek, werkgebied
from portal.bedrag import format_bedrag
from portal.iban import iban_gemaskeerd
from portal.models import Gemeente
from portal.rollen import Rol
from portal.selectors import kalender_get
from portal.taken import na_commit
from portal.werkdagen import (
    Kalender,
    Stilstand,
    plus_werkdagen,
    werkdagen_tussen,
    wettelijke_termijn,
)
from uitbetaling.begunstigde import betrokkenen, mag_goedkeuren
from uitbetaling.selectors import (
    begunstigde_van,
    betaalvoorstel_van,
    verwachte_uitvoerdatum,
    voorstel_kenmerk,
)
from uitbetaling.services import betaalopdracht_aanmaken
from wegwijzer.models import Leeftijdsgroep


def aanvraag_oppakken(*, aanvraag_id: int, behandelaar) -> Aanvraag:
    return status_wijzigen(
        aanvraag_id=aanvraag_id,
        naar=Status.IN_BEHANDELING,
        door=behandelaar,
        verwacht=[Status.INGEDIEND],
        velden={"behandelaar": behandelaar},
        reden=_("Opgepakt"),
    )


@transaction.atomic
def volgende_aanvraag_claimen(*, behandelaar) -> Aanvraag | None:
    """Claim the most urgent unclaimed aanvraag. Concurrent callers get different ones.

    SKIP LOCKED lets ten behandelaars press "Volgende aanvraag" at once without waiting for or
    claiming the same row.
    """
    kandidaat = (
        werkgebied.beperk(Aanvraag.objects, behandelaar)
        .select_for_update(skip_locked=True)
        .filter(status=Status.INGEDIEND, behandelaar__isnull=True)
        .order_by("einddatum_gepland", "ingediend_op", "pk")
        .first()
    )
    if kandidaat is None:
        return None
    return aanvraag_oppakken(aanvraag_id=kandidaat.pk, behandelaar=behandelaar)


def _eigen_aanvraag(aanvraag_id: int, behandelaar) -> None:
    houder, gemeente_id = Aanvraag.objects.filter(pk=aanvraag_id).values_list(
        "behandelaar", "gemeente"
    ).first() or (None, None)
    werkgebied.controleer(behandelaar, gemeente_id)
    if houder != behandelaar.pk:
        raise AanvraagGewijzigd(_("Deze aanvraag is in behandeling bij een collega."))


class VierOgenFout(AanvraagGewijzigd):
    """The four-eyes rule refused the act; the message tells the user why."""


def aanvraag_toekennen(
    *,
    aanvraag_id: int,
    behandelaar,
    bedrag: Decimal,
    motivering: str,
    vorm: str = "gift",
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
        _eigen_aanvraag(aanvraag_id, behandelaar)
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
        lening = vorm == "lening"
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
        toetsing = toekenning_toetsen(
            gevraagd=aanvraag.bedrag,
            berekening=voorstel_get(aanvraag=aanvraag),
            bedrag=bedrag,
            vorm=vorm,
        )
        motivering_controleren(toetsing, motivering)
        redenen = vier_ogen_nodig(toetsing, betaalvoorstel_van(aanvraag, bedrag=bedrag))
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
        contactmoment_vastleggen(
            aanvraag_id=aanvraag_id,
            door=door,
            kanaal="intern",
            met=_("behandelaar"),
            samenvatting=_("Voorstel niet goedgekeurd: %(reden)s") % {"reden": reden},
            uitkomst="anders",
        )
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
        velden={
            "toegekend_bedrag": bedrag,
            "besluit_motivering": motivering,
            "voorgesteld_bedrag": None,
        },
    )
    betaalopdracht_aanmaken(aanvraag_id=aanvraag_id, door=door, nu=aanvraag.besloten_op)
    na_commit("uitbetaling.batch_maken", aanvraag.gemeente_id)
    na_commit("behandeling.beschikking_maken", aanvraag_id)
    return aanvraag


def _besluiten(*, aanvraag_id: int, naar: Status, velden: dict, nu=None, **kwargs) -> Aanvraag:
    """A decision: the status change plus when it was taken and the doorlooptijd it took.

    The doorlooptijd (werkdagen, suspensions excluded) is fixed at this moment, so the dashboard
    aggregates it in SQL instead of recomputing calendars for every decided aanvraag.
    """
    nu = nu or timezone.now()
    aanvraag = Aanvraag.objects.select_related("gemeente").get(pk=aanvraag_id)
    velden = {
        **velden,
        "besloten_op": nu,
        "doorlooptijd_werkdagen": doorlooptijd_berekenen(aanvraag=aanvraag, besloten_op=nu),
    }
    return status_wijzigen(aanvraag_id=aanvraag_id, naar=naar, nu=nu, velden=velden, **kwargs)


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
        _eigen_aanvraag(aanvraag_id, behandelaar)
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
            velden={"besluit_motivering": motivering},
        )


def leeftijdsgroep_bevestigen(*, aanvraag_id: int, behandelaar, leeftijdsgroep: str) -> Aanvraag:
    """Without a full birth date from the BRP the case holder confirms the norm's age group
    (after asking the inwoner or checking an ID), recorded in the history; the proposal then
    computes with it."""
    with transaction.atomic():
        _eigen_aanvraag(aanvraag_id, behandelaar)
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


def aanvraag_vrijgeven(*, aanvraag_id: int, behandelaar) -> Aanvraag:
    with transaction.atomic():
        _eigen_aanvraag(aanvraag_id, behandelaar)
        return status_wijzigen(
            aanvraag_id=aanvraag_id,
            naar=Status.INGEDIEND,
            door=behandelaar,
            verwacht=[Status.IN_BEHANDELING],
            velden={"behandelaar": None},
            reden=_("Teruggezet in de werkvoorraad"),
        )


def sla_bijwerken(*, vandaag: date) -> int:
    """Recompute the SLA state of all open aanvragen in SQL, per gemeente (its closing days)."""
    bijgewerkt = 0
    open_statussen = list(KLOK_LOOPT)
    for gemeente in Gemeente.objects.all():
        grenzen = sla_grenzen(vandaag, kalender_get(gemeente=gemeente, vanaf=vandaag))
        qs = Aanvraag.objects.filter(gemeente=gemeente, status__in=open_statussen)
        bijgewerkt += (
            qs.filter(einddatum_gepland__lt=grenzen.te_laat_voor)
            .exclude(sla_status=SlaStatus.TE_LAAT)
            .update(sla_status=SlaStatus.TE_LAAT)
        )
        bijgewerkt += (
            qs.filter(
                einddatum_gepland__gte=grenzen.te_laat_voor,
                einddatum_gepland__lte=grenzen.risico_tot_en_met,
            )
            .exclude(sla_status=SlaStatus.RISICO)
            .update(sla_status=SlaStatus.RISICO)
        )
        bijgewerkt += (
            qs.filter(einddatum_gepland__gt=grenzen.risico_tot_en_met)
            .exclude(sla_status=SlaStatus.OP_SCHEMA)
            .update(sla_status=SlaStatus.OP_SCHEMA)
        )
        bijgewerkt += (
            Aanvraag.objects.filter(gemeente=gemeente, status=Status.WACHT_OP_AANVULLING)
            .exclude(sla_status=SlaStatus.OPGESCHORT)
            .update(sla_status=SlaStatus.OPGESCHORT)
        )
    return bijgewerkt


def contactmoment_vastleggen(
    *,
    aanvraag_id: int,
    door,
    kanaal: str,
    met: str,
    samenvatting: str,
    uitkomst: str,
    op=None,
) -> Contactmoment:
    if werkgebied.is_medewerker(door):
        werkgebied.controleer(
            door, Aanvraag.objects.filter(pk=aanvraag_id).values_list("gemeente", flat=True).first()
        )
    return Contactmoment.objects.create(
        aanvraag_id=aanvraag_id,
        door=door,
        kanaal=kanaal,
        met=met,
        samenvatting=samenvatting,
        uitkomst=uitkomst,
        op=op or timezone.now(),
    )


def aanvulling_vragen(
    *, aanvraag_id: int, behandelaar, vraag: str, termijn_werkdagen: int = 5, nu=None
) -> Aanvullingsverzoek:
    """Ask for something with a term; the terms stand still from the next day (Awb 4:15)."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    with transaction.atomic():
        _eigen_aanvraag(aanvraag_id, behandelaar)
        aanvraag = status_wijzigen(
            aanvraag_id=aanvraag_id,
            naar=Status.WACHT_OP_AANVULLING,
            door=behandelaar,
            verwacht=[Status.IN_BEHANDELING],
            reden=vraag,
            nu=nu,
            velden={"sla_status": SlaStatus.OPGESCHORT},
        )
        kalender = kalender_get(gemeente=aanvraag.gemeente, vanaf=vandaag)
        verzoek = Aanvullingsverzoek.objects.create(
            aanvraag=aanvraag,
            vraag=vraag,
            gevraagd_op=nu,
            gevraagd_door=behandelaar,
            termijn_tot=plus_werkdagen(vandaag, termijn_werkdagen, kalender).datum,
        )
        Opschorting.objects.create(
            aanvraag=aanvraag,
            verzoek=verzoek,
            van=vandaag + timedelta(days=1),
            reden=_("Vraag om aanvulling"),
        )
        if aanvraag.email:
            # Tell the inwoner there is a question in Mijn aanvragen (no personal data in it).
            berichten.plaatsen(
                soort="aanvulling",
                aanvraag_id=aanvraag.pk,
                aan=[aanvraag.email],
                onderwerp=_("Wij hebben een vraag over uw aanvraag %(ref)s")
                % {"ref": aanvraag.referentie},
                template="behandeling/aanvulling_mail.txt",
                context={
                    "verzoek": verzoek,
                    "link": f"{settings.PORTAL_BASIS_URL}{reverse('aanvragen:mijn-aanvragen')}",
                },
                nu=nu,
            )
    return verzoek


def aanvraag_buiten_behandeling(*, aanvraag_id: int, behandelaar, motivering: str, nu=None):
    """Awb 4:5: not dealt with, after the term to supplement lapsed."""
    nu = nu or timezone.now()
    with transaction.atomic():
        _eigen_aanvraag(aanvraag_id, behandelaar)
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
            velden={"besluit_motivering": motivering},
        )


def beschikking_maken(*, aanvraag_id: int) -> Document:
    """The beschikking as a PDF in the dossier, once per aanvraag; by e-mail only with opt-in.

    Wmebv: a decision goes out electronically only to inwoners who explicitly opted in;
    otherwise the gemeente's post room sends the printed PDF.
    """
    aanvraag = Aanvraag.objects.select_related(
        "gemeente", "kostensoort", "regeling", "behandelaar", "betaalopdracht"
    ).get(pk=aanvraag_id)
    voorstel = voorstel_get(aanvraag=aanvraag)
    return pdf_document_eenmaal(
        aanvraag=aanvraag,
        soort=DocumentSoort.BESCHIKKING,
        template="behandeling/beschikking_pdf.html",
        context={
            "voorstel": voorstel,
            "motivering": beschikking_motivering(aanvraag, berekening=voorstel),
            "iban": iban_gemaskeerd(begunstigde_van(aanvraag).iban),
            "betaaldatum": verwachte_uitvoerdatum(aanvraag)
            if aanvraag.toegekend_bedrag is not None
            else None,
            "bezwaar_tot": bezwaartermijn_einde(
                timezone.localdate(aanvraag.besloten_op or timezone.now())
            ),
        },
        naam=f"beschikking-{aanvraag.referentie}.pdf",
        mail_onderwerp=_("Besluit over uw aanvraag %(ref)s") % {"ref": aanvraag.referentie}
        if aanvraag.elektronisch_toestemming_op
        else None,
        mail_template="behandeling/beschikking_mail.txt",
    )


def bezwaartermijn_einde(verzonden: date) -> date:
    """Awb 6:7/6:8: six weeks from the day after sending; moved per Atw art. 1."""
    return wettelijke_termijn(verzonden, 6, Kalender()).datum


def sla_signalen_versturen() -> int:
    """Escalate each risico (to the behandelaar) and te laat (to the teamleiders) once.

    One query per kind finds open aanvragen whose current deadline has no signal of that kind
    yet; each signal is recorded together with its message in the outbox (portal/berichten.py),
    which delivers it once, with retries, under a fixed Message-ID. The unique key makes a second
    run, or two at once, record nothing twice. Returns how many signals were recorded.
    """
    vastgelegd = 0
    for soort in (SlaSignaalSoort.RISICO, SlaSignaalSoort.TE_LAAT):
        al_gemeld = SlaSignaal.objects.filter(
            aanvraag=OuterRef("pk"), soort=soort, voor_einddatum=OuterRef("einddatum_gepland")
        )
        kandidaten = (
            Aanvraag.objects.filter(status__in=list(KLOK_LOOPT), sla_status=soort)
            .exclude(Exists(al_gemeld))
            .select_related("behandelaar")
        )
        for aanvraag in kandidaten:
            ontvangers = _signaal_ontvangers(aanvraag, soort)
            try:
                with transaction.atomic():
                    signaal = SlaSignaal.objects.create(
                        aanvraag=aanvraag,
                        soort=soort,
                        voor_einddatum=aanvraag.einddatum_gepland,
                        aan=", ".join(ontvangers),
                    )
                    if ontvangers:
                        signaal.bericht = berichten.plaatsen(
                            soort="sla-signaal",
                            aanvraag_id=aanvraag.pk,
                            aan=ontvangers,
                            onderwerp=f"[{soort.label}] {aanvraag.referentie}",
                            template="behandeling/sla_signaal_mail.txt",
                            context={"aanvraag": aanvraag, "soort": soort},
                        )
                        signaal.save(update_fields=["bericht"])
            except IntegrityError:
                continue  # another run recorded it
            vastgelegd += 1
    return vastgelegd


def _signaal_ontvangers(aanvraag, soort: str) -> list[str]:
    if soort == SlaSignaalSoort.RISICO and aanvraag.behandelaar and aanvraag.behandelaar.email:
        return [aanvraag.behandelaar.email]
    return list(
        User.objects.filter(
            groups__name=Rol.TEAMLEIDER, is_active=True, werkgemeenten__id=aanvraag.gemeente_id
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )


def aanvraag_toewijzen(*, aanvraag_id: int, door, behandelaar) -> Aanvraag:
    """A teamleider (re)assigns an aanvraag; recorded in the history."""
    with transaction.atomic():
        aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag_id)
        werkgebied.controleer(door, aanvraag.gemeente_id)
        if not werkgebied.werkt_voor(behandelaar, aanvraag.gemeente_id):
            raise AanvraagGewijzigd(_("Deze behandelaar werkt niet voor deze gemeente."))
        if aanvraag.status not in (
            Status.IN_BEHANDELING,
            Status.WACHT_OP_AANVULLING,
            Status.INGEDIEND,
        ):
            raise AanvraagGewijzigd(_("Deze aanvraag is al besloten."))
        if aanvraag.status == Status.INGEDIEND:
            return status_wijzigen(
                aanvraag_id=aanvraag_id,
                naar=Status.IN_BEHANDELING,
                door=door,
                verwacht=[Status.INGEDIEND],
                velden={"behandelaar": behandelaar},
                reden=_("Toegewezen aan %(naam)s") % {"naam": door_omschrijving(behandelaar)},
            )
        aanvraag.behandelaar = behandelaar
        aanvraag.save(update_fields=["behandelaar", "gewijzigd_op"])
        gebeurtenis_vastleggen(
            aanvraag=aanvraag,
            door=door,
            reden=_("Toegewezen aan %(naam)s") % {"naam": door_omschrijving(behandelaar)},
        )
        return aanvraag


def zonder_beschikking_ids(*, nu, wachttijd: timedelta) -> list[int]:
    """Decided aanvragen that should have their beschikking by now and have none (catch-up)."""
    return list(
        Aanvraag.objects.filter(
            besloten_op__lt=nu - wachttijd,
            besloten_op__gte=nu - timedelta(days=14),
            geanonimiseerd_op__isnull=True,
        )
        .exclude(documenten__soort=DocumentSoort.BESCHIKKING)
        .values_list("pk", flat=True)
    )
