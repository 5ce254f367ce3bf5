from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db.models import Avg, Count, Prefetch, Q, Sum, prefetch_related_objects
from django.utils import timezone

from aanvragen.berichtkeuze import BERICHTEN
from aanvragen.models import (
    Aanvraag,
    Aanvullingsverzoek,
    Berichtkeuze,
    Brieftaak,
    Document,
    DocumentSoort,
    Opschorting,
    StatusWijziging,
)
from aanvragen.status import termijnen_berekenen
from aanvragen.statussen import AANDACHT, KLOK_LOOPT, OPEN, SlaStatus, Status
from behandeling.models import Contactmoment
from behandeling.zekerheden import (
    MOMENT,
    Zekerheid,
    dag_grenzen,
    gehaald,
    gemeten,
    per_week,
    procent,
    weken_tot,
)
from portal import stempel, werkgebied
from portal.models import Bericht
from portal.rollen import Rol
from portal.selectors import regeling_op_id
from portal.tekst import volledige_naam
from uitbetaling.models import Betaalopdracht
from uitbetaling.statussen import TERUG_BIJ_BEHANDELAAR
from wegwijzer.models import Vorm, WegwijzerTelling
from wegwijzer.selectors import gemeente_get, kostensoort_get

WERKVOORRAAD_KOLOMMEN = (  # what a row shows, read as plain values: no model objects
    "pk",
    "referentie",
    "gemeente_id",
    "gemeente__naam",
    "kostensoort__naam",
    "bedrag",
    "status",
    "bewijs_volgt",
    "einddatum_gepland",
    "behandelaar__first_name",
    "behandelaar__last_name",
)


@dataclass(frozen=True)
class WerkvoorraadRegel:
    """One row of the werkvoorraad."""

    pk: int
    referentie: str
    gemeente_id: int
    gemeente_naam: str
    kostensoort_naam: str
    bedrag: Decimal
    status: str
    bewijs_volgt: bool
    einddatum_gepland: date | None
    behandelaar_naam: str


def werkvoorraad_list(
    *,
    medewerker,
    filter_status: str = "",
    alleen_mijn: bool = False,
    kostensoort_id: int | None = None,
    gemeente_id: int | None = None,
    niet_opgepakt: bool = False,
):
    """Open aanvragen of the colleague's gemeenten, most urgent first (nearest norm date on top),
    as tuples of WERKVOORRAAD_KOLOMMEN (`werkvoorraad_regel` makes a row of one)."""
    qs = (
        werkgebied.beperk(Aanvraag.objects, medewerker)
        .filter(status__in=list(OPEN))
        .order_by("einddatum_gepland", "ingediend_op", "pk")
    )
    if filter_status:
        qs = qs.filter(status=filter_status)
    if alleen_mijn:
        qs = qs.filter(behandelaar=medewerker)
    if niet_opgepakt:
        qs = qs.filter(behandelaar__isnull=True)
    if kostensoort_id:
        qs = qs.filter(kostensoort_id=kostensoort_id)
    if gemeente_id:
        qs = qs.filter(gemeente_id=gemeente_id)
    return qs.values_list(*WERKVOORRAAD_KOLOMMEN)


def werkvoorraad_regel(waarden: tuple) -> WerkvoorraadRegel:
    *velden, voornaam, achternaam = waarden
    return WerkvoorraadRegel(*velden, behandelaar_naam=volledige_naam(voornaam, achternaam))


def zekerheid_list(
    *, medewerker, zekerheid: Zekerheid, gehaald_filter: str, van: date, tot: date, gemeente_id=None
):
    """The aanvragen behind a dashboard figure: those the guarantee counted in [van, tot], all
    of them or only those that kept it ("ja") or not ("nee"); latest first."""
    begin, eind = dag_grenzen(van, tot)
    qs = werkgebied.beperk(Aanvraag.objects, medewerker).filter(gemeten(zekerheid, begin, eind))
    if gehaald_filter == "ja":
        qs = qs.filter(gehaald(zekerheid))
    elif gehaald_filter == "nee":
        qs = qs.exclude(gehaald(zekerheid))
    if gemeente_id:
        qs = qs.filter(gemeente_id=gemeente_id)
    moment = MOMENT[zekerheid]
    return qs.select_related("gemeente", "kostensoort", "behandelaar").order_by(f"-{moment}", "-pk")


def werkvoorraad_tellingen(*, medewerker) -> dict[str, int]:
    open_qs = werkgebied.beperk(Aanvraag.objects, medewerker).filter(status__in=list(OPEN))
    return open_qs.aggregate(
        totaal=Count("pk"),
        niet_opgepakt=Count("pk", filter=Q(status=Status.INGEDIEND)),
        te_laat=Count("pk", filter=Q(sla_status=SlaStatus.TE_LAAT)),
        risico=Count("pk", filter=Q(sla_status=SlaStatus.RISICO)),
        opgeschort=Count("pk", filter=Q(status=Status.WACHT_OP_AANVULLING)),
    )


def werkvoorraad_stempel(*, medewerker) -> tuple | None:
    """The version of everything the werkvoorraad shows a colleague (portal.stempel): the open
    queue of their gemeenten (rows, counters, approvals) and the payments that came back with
    their aanvragen; None where the database cannot stamp."""
    gemeenten, gemeente_params = stempel.in_lijst(sorted(werkgebied.gemeente_ids(medewerker)))
    open_in, open_params = stempel.in_lijst(sorted(OPEN))
    terug_in, terug_params = stempel.in_lijst(sorted(TERUG_BIJ_BEHANDELAAR))
    aanvraag, opdracht = Aanvraag._meta.db_table, Betaalopdracht._meta.db_table
    return stempel.stempel(
        # table names from the models, values as parameters
        f"SELECT (SELECT sum({stempel.rij('a')}) FROM {aanvraag} a"  # noqa: S608
        f" WHERE a.gemeente_id IN {gemeenten} AND a.status IN {open_in}),"
        f" (SELECT sum({stempel.rij('o')} + {stempel.rij('a')})"
        f" FROM {opdracht} o JOIN {aanvraag} a ON a.id = o.aanvraag_id"
        f" WHERE o.gemeente_id IN {gemeenten} AND o.status IN {terug_in})",
        gemeente_params + open_params + gemeente_params + terug_params,
    )


@dataclass(frozen=True)
class AanvraagStand:
    """What the case page needs before it knows whether its cached content still holds: the
    applicant and partner (for the logboek), the reference (for the title) and the version of
    the aanvraag with everything that points to it or it points to (portal.stempel), and the
    colleagues it names anywhere (the page differs per viewer only for them)."""

    pk: int
    referentie: str
    bsn: str
    partner_bsn: str
    stempel: tuple
    medewerkers: frozenset[int]
    leeg: frozenset[str]  # relations without rows (aanvraag_get need not ask for them)

    def kijker(self, user_id: int) -> int:
        """Whose content a viewer sees: their own if the aanvraag names them (they hold it,
        proposed, changed the payee, …), else the one every other colleague sees (0)."""
        return user_id if user_id in self.medewerkers else 0


def aanvraag_stand(*, pk: int, medewerker) -> AanvraagStand | None:
    """The stand of one aanvraag of the colleague's gemeenten; DoesNotExist for another
    gemeente's (→ 404); None where the database cannot stamp."""
    if not stempel.kan_stempelen():
        return None
    gemeenten, params = stempel.in_lijst(sorted(werkgebied.gemeente_ids(medewerker)))
    rij = stempel.stempel(
        f"SELECT a.referentie, a.bsn, a.partner_bsn, {stempel.met_verwanten(Aanvraag, 'a')},"  # noqa: S608 - names from the models
        f" {stempel.verwijzingen(Aanvraag, 'a', User)}, {stempel.lege_relaties(Aanvraag, 'a')},"
        # the inwoner's choice of how to be told: linked by person and gemeente, not by a key
        f" (SELECT count(*) || '.' || coalesce(sum({stempel.rij('k')}), 0)"
        f" FROM {Berichtkeuze._meta.db_table} k"
        " WHERE k.bsn = a.bsn AND k.gemeente_id = a.gemeente_id),"
        # the outbox refers to the aanvraag by id only (it lives in the shared core)
        f" (SELECT count(*) || '.' || coalesce(sum({stempel.rij('b')}), 0)"
        f" FROM {Bericht._meta.db_table} b WHERE b.aanvraag_id = a.id)"
        f" FROM {Aanvraag._meta.db_table} a WHERE a.id = %s AND a.gemeente_id IN {gemeenten}",
        [pk, *params],
    )
    if not rij:
        raise Aanvraag.DoesNotExist
    referentie, bsn, partner_bsn, versie, medewerkers, leeg, keuze, verstuurd = rij
    return AanvraagStand(
        pk,
        referentie,
        bsn,
        partner_bsn or "",
        (versie, keuze, verstuurd),
        frozenset(medewerkers),
        frozenset(leeg),
    )


def aanvraag_get(*, pk: int, medewerker, leeg: frozenset[str] = frozenset()):
    """One aanvraag with all its case data; DoesNotExist for another gemeente's (→ 404).

    The colleagues it names come in a query of their own: three more joins made PostgreSQL
    spend 5–7 ms planning the one query (docs/benchmarks.md), a user query takes 0.1 ms.
    What is not there is not asked for: relations named in `leeg` (known to have no rows,
    AanvraagStand.leeg) and colleagues it does not name. Each query, even an empty one, costs
    about a millisecond of Django's own work here."""
    aanvragen = werkgebied.beperk(Aanvraag.objects, medewerker)
    if "betaalopdracht" in leeg:
        aanvraag = aanvragen.get(pk=pk)
        Aanvraag.betaalopdracht.related.set_cached_value(aanvraag, None)  # as a join finds none
    else:
        aanvraag = (
            aanvragen.select_related("betaalopdracht__batch")
            .defer("betaalopdracht__batch__xml")  # the whole bank file: never shown here
            .get(pk=pk)
        )
    # gemeente, kostensoort and regeling from their caches (each join costs more to compile)
    for veld, gecached in (
        (Aanvraag.gemeente, lambda: gemeente_get(pk=aanvraag.gemeente_id)),
        (Aanvraag.kostensoort, lambda: kostensoort_get(pk=aanvraag.kostensoort_id)),
        (Aanvraag.regeling, lambda: regeling_op_id(pk=aanvraag.regeling_id)),
    ):
        if getattr(aanvraag, veld.field.attname) is not None:
            veld.field.set_cached_value(aanvraag, gecached())
    relaties = {
        # who wrote each row in the same query as the rows (a join on a small set)
        "statuswijzigingen": StatusWijziging.objects.select_related("door"),
        "documenten": Document.objects.all(),
        "contactmomenten": Contactmoment.objects.select_related("door"),
        "aanvullingsverzoeken": Aanvullingsverzoek.objects.all(),
        "opschortingen": Opschorting.objects.all(),
    }
    collegas = ("behandelaar", "ingediend_namens_door", "voorgesteld_door")
    prefetch_related_objects(
        [aanvraag],
        *(naam for naam in collegas if getattr(aanvraag, f"{naam}_id") is not None),
        *(Prefetch(naam, qs) for naam, qs in relaties.items() if naam not in leeg),
    )
    stempel.als_leeg_geladen(aanvraag, leeg & relaties.keys())
    return aanvraag


def sla_per_gemeente(*, medewerker):
    """Open aanvragen per gemeente and SLA state, aggregated in SQL."""
    return (
        werkgebied.beperk(Aanvraag.objects, medewerker)
        .filter(status__in=list(OPEN))
        .values("gemeente__naam")
        .annotate(
            totaal=Count("pk"),
            op_schema=Count("pk", filter=Q(sla_status=SlaStatus.OP_SCHEMA)),
            risico=Count("pk", filter=Q(sla_status=SlaStatus.RISICO)),
            te_laat=Count("pk", filter=Q(sla_status=SlaStatus.TE_LAAT)),
            opgeschort=Count("pk", filter=Q(sla_status=SlaStatus.OPGESCHORT)),
        )
        .order_by("gemeente__naam")
    )


def zekerheden(*, vanaf: date, medewerker) -> dict:
    """How well each of the four guarantees is kept since `vanaf`, aggregated in SQL."""
    aanvragen_qs = werkgebied.beperk(Aanvraag.objects, medewerker)
    telling = (
        werkgebied.beperk(WegwijzerTelling.objects, medewerker)
        .filter(datum__gte=vanaf)
        .aggregate(
            gestart=Sum("gestart"),
            afgerond=Sum("afgerond"),
            seconden=Sum("seconden_totaal"),
            binnen_twee=Sum("binnen_twee_minuten"),
            binnen_kwartier=Sum("binnen_kwartier"),
        )
    )
    begin = dag_grenzen(vanaf, vanaf)[0]
    aanvragen = aanvragen_qs.filter(ingediend_op__gte=begin).aggregate(
        totaal=Count("pk"),
        gemeten=Count("pk", filter=gemeten(Zekerheid.AANVRAAG, begin)),
        binnen_kwartier=Count(
            "pk", filter=gemeten(Zekerheid.AANVRAAG, begin) & gehaald(Zekerheid.AANVRAAG)
        ),
        gemiddeld=Avg("duur_seconden"),
        namens=Count("pk", filter=Q(ingediend_namens_door__isnull=False)),
    )
    besloten = aanvragen_qs.filter(gemeten(Zekerheid.BESLUIT, begin)).aggregate(
        totaal=Count("pk"), op_tijd=Count("pk", filter=gehaald(Zekerheid.BESLUIT))
    )
    toegekend = aanvragen_qs.filter(gemeten(Zekerheid.UITBETALING, begin)).aggregate(
        totaal=Count("pk"), opdracht_zelfde_dag=Count("pk", filter=gehaald(Zekerheid.UITBETALING))
    )
    return {
        "wegwijzer": {
            **telling,
            "percentage": procent(telling["binnen_twee"], telling["afgerond"]),
            "gemiddeld": (telling["seconden"] or 0) // telling["afgerond"]
            if telling["afgerond"]
            else None,
        },
        "aanvragen": _meting(aanvragen, aanvragen["gemeten"], aanvragen["binnen_kwartier"]),
        "besluiten": _meting(besloten, besloten["totaal"], besloten["op_tijd"]),
        "uitbetaling": _meting(toegekend, toegekend["totaal"], toegekend["opdracht_zelfde_dag"]),
    }


def _meting(cijfers: dict, gemeten: int, gehaald: int) -> dict:
    """One guarantee's figures with the same three names for each (gemeten, gehaald, niet)."""
    return {
        **cijfers,
        "gemeten": gemeten,
        "gehaald": gehaald,
        "niet_gehaald": gemeten - gehaald,
        "percentage": procent(gehaald, gemeten),
    }


@dataclass(frozen=True)
class Goedkeuring:
    """A proposed award waiting for a second colleague."""

    pk: int
    referentie: str
    bedrag: Decimal
    voorgesteld_door: str


def ter_goedkeuring_list(*, medewerker, aantal: int = 20) -> list[Goedkeuring]:
    """Proposed awards this colleague may approve: not those they proposed or hold, nor those
    whose account they typed on the phone (uitbetaling.begunstigde.betrokkenen, the rule the
    approval itself applies); the oldest `aantal`."""
    rijen = (
        werkgebied.beperk(Aanvraag.objects, medewerker)
        .filter(status=Status.IN_BEHANDELING, voorgesteld_bedrag__isnull=False)
        .exclude(voorgesteld_door=medewerker)
        .exclude(behandelaar=medewerker)
        .exclude(ingediend_namens_door=medewerker, rekening_door_medewerker=True)
        .order_by("voorgesteld_op", "pk")
        .values_list(
            "pk",
            "referentie",
            "voorgesteld_bedrag",
            "voorgesteld_door__first_name",
            "voorgesteld_door__last_name",
        )[:aantal]
    )
    return [Goedkeuring(pk, ref, bedrag, volledige_naam(v, a)) for pk, ref, bedrag, v, a in rijen]


def behandelaar_list(*, gemeente_id: int):
    """Behandelaars who work for this gemeente (whom a teamleider may assign its aanvragen)."""
    return (
        User.objects.filter(
            groups__name=Rol.BEHANDELAAR, is_active=True, werkgemeenten__id=gemeente_id
        )
        .order_by("first_name", "username")
        .distinct()
    )


def aandacht_list(*, medewerker, limiet: int = 20):
    """Open aanvragen at risk or late, most urgent first (for the teamleider)."""
    return (
        werkgebied.beperk(Aanvraag.objects, medewerker)
        .filter(
            status__in=list(KLOK_LOOPT),
            sla_status__in=list(AANDACHT),
        )
        .select_related("behandelaar", "gemeente")
        .order_by("einddatum_gepland", "pk")[:limiet]
    )


def werkverdeling(*, medewerker):
    """Open aanvragen per behandelaar (and unassigned), aggregated in SQL."""
    return (
        werkgebied.beperk(Aanvraag.objects, medewerker)
        .filter(status__in=list(OPEN))
        .values("behandelaar__first_name", "behandelaar__last_name", "behandelaar__username")
        .annotate(
            totaal=Count("pk"),
            wacht=Count("pk", filter=Q(status=Status.WACHT_OP_AANVULLING)),
            te_laat=Count("pk", filter=Q(sla_status=SlaStatus.TE_LAAT)),
        )
        .order_by("-totaal")
    )


DASHBOARD_SECONDEN = 60


def dashboard_cijfers(*, van: date, tot: date, medewerker) -> dict:
    """Everything the teamleider dashboard shows, computed at most once a minute per period.

    Aggregates over every aanvraag of the period cost tens of milliseconds at a million rows;
    a teamleider needs minutes, not milliseconds, of freshness (the SLA sweep runs every five
    minutes). The page says when the figures were computed.
    """

    sleutel = _dashboard_sleutel(van=van, tot=tot, medewerker=medewerker)

    def berekenen() -> dict:
        cijfers = {
            "zekerheden": zekerheden(vanaf=van, medewerker=medewerker),
            "tellingen": werkvoorraad_tellingen(medewerker=medewerker),
            "per_gemeente": list(sla_per_gemeente(medewerker=medewerker)),
            "aandacht": list(aandacht_list(medewerker=medewerker)),
            "werkverdeling": list(werkverdeling(medewerker=medewerker)),
            "cijfers": periode_cijfers(van=van, tot=tot, medewerker=medewerker),
            "metingen": per_week(medewerker=medewerker, weken=weken_tot(tot)),
            "berekend_op": (nu := timezone.now()),
            # The rendered page is cached under this too: new figures, a new fragment.
            "fragment": f"{sleutel}:{nu.isoformat()}",
        }
        cache.set(f"{sleutel}:versie", cijfers["fragment"], DASHBOARD_SECONDEN)
        return cijfers

    return cache.get_or_set(sleutel, berekenen, DASHBOARD_SECONDEN)


def dashboard_versie(*, van: date, tot: date, medewerker) -> str:
    """Which figures are in force for this period and set of gemeenten (a short key; the
    figures themselves are read only to render them: unpickling them on every request cost
    more than the rest of the page)."""
    versie = cache.get(f"{_dashboard_sleutel(van=van, tot=tot, medewerker=medewerker)}:versie")
    return versie or dashboard_cijfers(van=van, tot=tot, medewerker=medewerker)["fragment"]


def _dashboard_sleutel(*, van: date, tot: date, medewerker) -> str:
    # Figures are per set of gemeenten: colleagues with the same set share them.
    gebied = ",".join(str(g) for g in sorted(werkgebied.gemeente_ids(medewerker)))
    return f"behandeling:dashboard:{gebied}:{van.isoformat()}:{tot.isoformat()}"


def periode_cijfers(*, van: date, tot: date, medewerker) -> dict:
    """Received, decided, doorlooptijd in werkdagen (suspensions excluded), contact by channel.

    All in SQL over indexed timestamps; the doorlooptijd was fixed when each decision was taken.
    """
    periode = dag_grenzen(van, tot)
    aanvragen_qs = werkgebied.beperk(Aanvraag.objects, medewerker)
    ontvangen = aanvragen_qs.filter(ingediend_op__gte=periode[0], ingediend_op__lt=periode[1])
    besloten = aanvragen_qs.filter(
        besloten_op__gte=periode[0], besloten_op__lt=periode[1], ingediend_op__isnull=False
    )
    cijfers = besloten.aggregate(
        besloten=Count("pk"),
        toegekend_totaal=Sum("toegekend_bedrag"),
        giften=Count("pk", filter=Q(besluit_vorm=Vorm.GIFT)),
        leningen=Count("pk", filter=Q(besluit_vorm=Vorm.LENING)),
        gemeten=Count("doorlooptijd_werkdagen"),
    )
    doorlooptijden = besloten.filter(doorlooptijd_werkdagen__isnull=False).order_by(
        "doorlooptijd_werkdagen"
    )
    kanalen = dict(
        werkgebied.beperk(Contactmoment.objects, medewerker, via="aanvraag__gemeente")
        .filter(op__gte=periode[0], op__lt=periode[1])
        .values_list("kanaal")
        .annotate(n=Count("pk"))
    )
    berichten = (
        werkgebied.beperk(Bericht.objects, medewerker)
        .filter(aangemaakt_op__gte=periode[0], aangemaakt_op__lt=periode[1])
        .filter(soort__in=list(BERICHTEN))
        .count()
    )
    # Letters because an SMS or e-mail did not arrive: the digital channel's failures.
    brieven_mislukt = (
        werkgebied.beperk(Brieftaak.objects, medewerker, via="aanvraag__gemeente")
        .filter(aangemaakt_op__gte=periode[0], aangemaakt_op__lt=periode[1])
        .count()
    )
    return {
        "berichten": berichten,
        "brieven_mislukt": brieven_mislukt,
        "ontvangen": ontvangen.count(),
        "besloten": cijfers["besloten"],
        "toegekend_totaal": cijfers["toegekend_totaal"] or 0,
        "giften": cijfers["giften"],
        "leningen": cijfers["leningen"],
        "mediaan": _percentiel(doorlooptijden, cijfers["gemeten"], 50),
        "p90": _percentiel(doorlooptijden, cijfers["gemeten"], 90),
        "telefoon": kanalen.get("telefoon", 0),
        "brief": kanalen.get("brief", 0),
    }


def _percentiel(geordend, aantal: int, p: int) -> int | None:
    """Nearest-rank percentile of an ordered queryset: one indexed row fetched, not all."""
    if not aantal:
        return None
    index = max(0, -(-aantal * p // 100) - 1)
    return geordend.values_list("doorlooptijd_werkdagen", flat=True)[index]


@dataclass(frozen=True)
class OpschortingStand:
    """A suspended aanvraag as staff must read it: since when, and the decision date it moves
    to if the inwoner answers today (every day it waits moves it further)."""

    gevraagd_op: object
    einddatum: date


def opschorting_stand(*, aanvraag, verzoek, vandaag: date) -> OpschortingStand:
    termijnen = termijnen_berekenen(
        aanvraag=aanvraag, ingediend=timezone.localdate(aanvraag.ingediend_op), vandaag=vandaag
    )
    return OpschortingStand(gevraagd_op=verzoek.gevraagd_op, einddatum=termijnen.einddatum_gepland)


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
