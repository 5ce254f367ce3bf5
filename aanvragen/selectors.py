from dataclasses import dataclass
from datetime import date, datetime, timedelta

from aanvragen.gegevens import situatie
from aanvragen.huishouden import PartnerSituatie
from aanvragen.models import (
    Aanvraag,
    AanvraagConcept,
    Aanvullingsverzoek,
    Berichtkeuze,
    Brieftaak,
    Document,
    DocumentSoort,
    Ontvangst,
    Terugbelverzoek,
)
from aanvragen.statussen import Status
from portal import stempel, werkgebied
from portal.models import Bericht, PartnerToestemming
from wegwijzer.regels import Situatie, Uitkomst, beoordeel
from wegwijzer.selectors import (
    aow_leeftijden_get,
    beleidsversie_get,
    bewijs_nodig_per_kostensoort,
)


def aanvraag_list_van_inwoner(*, bsn: str, namens=None):
    """Only this inwoner's submitted aanvragen, newest first."""
    return (
        Aanvraag.objects.van_inwoner(bsn, namens=namens)
        .exclude(status=Status.CONCEPT)
        .select_related("kostensoort", "gemeente", "betaalopdracht__batch")
        .defer("betaalopdracht__batch__xml")  # the whole bank file: never shown here
        .prefetch_related("documenten", "aanvullingsverzoeken")
        .order_by("-ingediend_op")
    )


def aanvraag_van_aanvrager_get(*, bsn: str, referentie: str, namens=None) -> Aanvraag | None:
    return (
        Aanvraag.objects.van_inwoner(bsn, namens=namens)
        .select_related("gemeente", "kostensoort")
        .prefetch_related("documenten")
        .filter(referentie=referentie)
        .first()
    )


def situatie_van(aanvraag: Aanvraag) -> Situatie:
    """The aanvraag as the rule engine reads it (BRP facts, declarations, confirmed age)."""
    return situatie(
        aanvraag,
        heeft_partner=aanvraag.partner_situatie != PartnerSituatie.GEEN,
        geboortedatum=aanvraag.geboortedatum,
        peildatum=aanvraag.peildatum,
        aow_leeftijden=aow_leeftijden_get(),
        leeftijdsgroep_bevestigd=aanvraag.leeftijdsgroep_bevestigd,
    )


def voorstel_get(*, aanvraag: Aanvraag, situatie: Situatie | None = None) -> Uitkomst | None:
    """The behandelaar's proposal: the same engine, with the rule version the aanvraag recorded
    (`situatie`: situatie_van's answer, when the caller has it already)."""
    if aanvraag.beleidsregel_id is None or aanvraag.peildatum is None:
        return None
    versie = beleidsversie_get(beleidsregel=aanvraag.beleidsregel, peildatum=aanvraag.peildatum)
    return beoordeel(situatie or situatie_van(aanvraag), versie)


def indicatie_get(*, gemeente, regeling, peildatum: date, situatie: Situatie) -> Uitkomst | None:
    """The wizard's pre-check: the version valid today for the inwoner's gemeente."""
    versie = beleidsversie_get(gemeente=gemeente, regeling=regeling, peildatum=peildatum)
    return beoordeel(situatie, versie) if versie else None


def concept_van_inwoner_get(*, bsn: str) -> AanvraagConcept | None:
    """The inwoner's own unsent aanvraag (not drafts colleagues keep on the phone)."""
    return AanvraagConcept.objects.filter(bsn=bsn, namens__isnull=True).first()


def document_van_inwoner_get(*, bsn: str, pk: int, namens=None) -> Document | None:
    """A document of one of this inwoner's own aanvragen; None for anyone else's (IDOR → 404)."""
    return Document.objects.filter(
        pk=pk, aanvraag__in=Aanvraag.objects.van_inwoner(bsn, namens=namens)
    ).first()


def document_get(*, pk: int, medewerker) -> Document | None:
    """A document for a colleague: only of the gemeenten they work for."""
    return (
        werkgebied.beperk(Document.objects, medewerker, via="aanvraag__gemeente")
        .filter(pk=pk)
        .first()
    )


def terugbelverzoek_list(*, medewerker, open_: bool = True):
    qs = werkgebied.beperk(
        Terugbelverzoek.objects.select_related("gemeente", "afgehandeld_door"), medewerker
    )
    return qs.filter(afgehandeld_op__isnull=True) if open_ else qs.order_by("-afgehandeld_op")


def brieftaak_list(*, medewerker):
    """Letters klantcontact still has to send, oldest first, in the colleague's gemeenten."""
    return werkgebied.beperk(
        Brieftaak.objects.select_related("aanvraag__gemeente"), medewerker, via="aanvraag__gemeente"
    ).filter(afgehandeld_op__isnull=True)


def ter_bevestiging_list(*, bsn: str, namens=None):
    """Aanvragen a colleague filled in on the phone that wait for this inwoner's DigiD check."""
    return (
        Aanvraag.objects.van_inwoner(bsn, namens=namens)
        .filter(
            status=Status.CONCEPT,
            ingediend_namens_door__isnull=False,
            inwoner_bevestigd_op__isnull=True,
        )
        .select_related("kostensoort")
    )


def ter_bevestiging_get(*, bsn: str, pk: int) -> Aanvraag | None:
    return ter_bevestiging_list(bsn=bsn).filter(pk=pk).first()


def open_aanvullingsverzoek_get(*, bsn: str, pk: int, namens=None):
    return (
        Aanvullingsverzoek.objects.filter(
            pk=pk,
            aanvraag__in=Aanvraag.objects.van_inwoner(bsn, namens=namens),
            beantwoord_op__isnull=True,
        )
        .select_related("aanvraag")
        .first()
    )


def toestemming_gevraagd_list(*, partner_bsn: str, namens=None):
    """Aanvragen of this person's partner that wait for their DigiD consent (Pw art. 43)."""
    if namens is not None:
        return Aanvraag.objects.none()  # the partner consents themself, never a colleague
    return Aanvraag.objects.filter(
        partner_bsn=partner_bsn,
        status=Status.CONCEPT,
        partner_toestemming_op__isnull=True,
        gemeente__partner_toestemming="digid",
    ).select_related("kostensoort")


@dataclass(frozen=True)
class MijnAanvragen:
    """Everything Mijn aanvragen lists for one person."""

    ingediend: list  # their submitted aanvragen, newest first
    ter_bevestiging: list  # filled in on the phone, waiting for their DigiD check
    wacht_op_partner: list  # theirs, waiting for their partner's consent
    toestemming_gevraagd: list  # their partner's, waiting for their own consent


def mijn_aanvragen_get(*, bsn: str, namens=None) -> MijnAanvragen:
    """The four lists of Mijn aanvragen from one query (with their documents and questions),
    split by the same conditions as aanvraag_list_van_inwoner, ter_bevestiging_list,
    wacht_op_partner_list and toestemming_gevraagd_list (tests/aanvragen/test_mijn_aanvragen.py
    holds them equal)."""
    eigen = Aanvraag.objects.van_inwoner(bsn, namens=namens)
    if namens is None:  # the partner consents themself, never a colleague
        eigen = eigen | Aanvraag.objects.filter(partner_bsn=bsn, status=Status.CONCEPT)
    rijen = list(
        eigen.select_related("kostensoort", "gemeente", "betaalopdracht__batch")
        .defer("betaalopdracht__batch__xml")
        .prefetch_related("documenten", "aanvullingsverzoeken")
        .order_by("-ingediend_op", "-pk")
    )
    van_hem = [a for a in rijen if a.bsn == bsn]
    digid_partner = [
        a
        for a in rijen
        if a.status == Status.CONCEPT
        and a.partner_toestemming_op is None
        and a.gemeente.partner_toestemming == PartnerToestemming.DIGID
    ]
    return MijnAanvragen(
        ingediend=[a for a in van_hem if a.status != Status.CONCEPT],
        ter_bevestiging=[
            a
            for a in van_hem
            if a.status == Status.CONCEPT
            and a.ingediend_namens_door_id is not None
            and a.inwoner_bevestigd_op is None
        ],
        wacht_op_partner=[a for a in digid_partner if a.bsn == bsn and a.partner_bsn != ""],
        toestemming_gevraagd=[a for a in digid_partner if a.partner_bsn == bsn and namens is None],
    )


def mijn_aanvragen_stempel(*, bsn: str) -> tuple | None:
    """The version of everything Mijn aanvragen shows this person (portal.stempel): every
    aanvraag they applied for or are the partner in, with all that points to it or it points
    to (documents, questions, the payment and its file), and their unfinished application;
    None where the database cannot stamp."""
    aanvraag, concept = Aanvraag._meta.db_table, AanvraagConcept._meta.db_table
    versie = stempel.met_verwanten(Aanvraag, "a")
    return stempel.stempel(
        f"SELECT (SELECT count(*) || '.' || coalesce(sum(hashtext({versie})), 0) FROM {aanvraag} a"  # noqa: S608 - names from the models
        f" WHERE a.bsn = %s OR a.partner_bsn = %s),"
        f" (SELECT count(*) || '.' || coalesce(sum({stempel.rij('c')}), 0) FROM {concept} c"
        f" WHERE c.bsn = %s)",
        [bsn, bsn, bsn],
    )


def wacht_op_partner_list(*, bsn: str, namens=None):
    return (
        Aanvraag.objects.van_inwoner(bsn, namens=namens)
        .filter(
            status=Status.CONCEPT,
            partner_toestemming_op__isnull=True,
            gemeente__partner_toestemming="digid",
        )
        .exclude(partner_bsn="")
        .select_related("kostensoort")
    )


def referenties_van_inwoner(*, bsn: str, pks) -> dict[int, str]:
    """pk → referentie of this inwoner's own aanvragen among `pks` (others are left out)."""
    return dict(Aanvraag.objects.filter(pk__in=pks, bsn=bsn).values_list("pk", "referentie"))


def bewijs_volgt_get(*, bsn: str, pk: int, namens=None) -> Aanvraag | None:
    """One of this inwoner's own open aanvragen that waits for proof; None otherwise (→ 404)."""
    return (
        Aanvraag.objects.van_inwoner(bsn, namens=namens)
        .filter(
            pk=pk,
            bewijs_volgt=True,
            status__in=[Status.INGEDIEND, Status.IN_BEHANDELING, Status.WACHT_OP_AANVULLING],
        )
        .select_related("kostensoort", "beleidsregel")
        .prefetch_related("aanvullingsverzoeken")
        .first()
    )


def bewijs_nodig_get(*, aanvraag: Aanvraag) -> str:
    """The proof this aanvraag's rule version asks for its kostensoort ("" when none)."""
    if aanvraag.beleidsregel_id is None:
        return ""
    return bewijs_nodig_per_kostensoort(beleidsregel=aanvraag.beleidsregel).get(
        aanvraag.kostensoort_id, ""
    )


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


def laatste_aanvraag_get(*, bsn: str, namens=None) -> Aanvraag | None:
    """The inwoner's most recent submitted aanvraag (a colleague on the phone: in their own
    gemeenten): whose gemeente the choice of how to be told is made with."""
    return (
        Aanvraag.objects.van_inwoner(bsn, namens=namens)
        .exclude(status=Status.CONCEPT)
        .select_related("gemeente")
        .order_by("-ingediend_op", "-pk")
        .first()
    )


def berichtkeuzes_list(*, bsn: str, gemeente_id: int):
    """Every choice this inwoner made with this gemeente, newest first (the proof of what held)."""
    return Berichtkeuze.objects.filter(bsn=bsn, gemeente_id=gemeente_id).select_related("door")


def berichten_aan_inwoner(*, bsn: str, namens=None):
    """The messages the portal sent (or will send) this inwoner about their own aanvragen,
    newest first; staff messages about the same aanvragen are left out."""
    from aanvragen.berichtteksten import NAMEN

    aanvragen = Aanvraag.objects.van_inwoner(bsn, namens=namens).values("pk")
    return Bericht.objects.filter(aanvraag_id__in=aanvragen, soort__in=list(NAMEN)).order_by(
        "-aangemaakt_op", "-pk"
    )


def bericht_van_inwoner_get(*, bsn: str, pk: int, namens=None) -> Bericht | None:
    return berichten_aan_inwoner(bsn=bsn, namens=namens).filter(pk=pk).first()


def berichten_over_aanvraag(aanvraag: Aanvraag):
    """The messages to the inwoner about one aanvraag, newest first (the case page)."""
    from aanvragen.berichtteksten import NAMEN

    return Bericht.objects.filter(aanvraag_id=aanvraag.pk, soort__in=list(NAMEN)).order_by(
        "-aangemaakt_op", "-pk"
    )[:50]


def ontvangsten_van_inwoner(*, bsn: str, namens=None):
    """What this inwoner sent us after their aanvragen (answers, proof), newest first."""
    return (
        Ontvangst.objects.filter(aanvraag__in=Aanvraag.objects.van_inwoner(bsn, namens=namens))
        .select_related("aanvraag")
        .order_by("-ontvangen_op", "-pk")
    )
