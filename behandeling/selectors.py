from datetime import date

from django.contrib.auth.models import User
from django.db.models import Avg, Count, F, Q, Sum
from django.utils import timezone

from aanvragen.models import Aanvraag
from aanvragen.statussen import OPEN, Status
from behandeling.models import Contactmoment
from portal.rollen import Rol
from portal.selectors import kalenders_get
from portal.werkdagen import Kalender, Opschorting, werkdagen_tussen
from wegwijzer.models import WegwijzerTelling


def werkvoorraad_list(
    *,
    medewerker,
    filter_status: str = "",
    alleen_mijn: bool = False,
    kostensoort_id: int | None = None,
    gemeente_id: int | None = None,
    niet_opgepakt: bool = False,
):
    """Open aanvragen, most urgent first (the nearest service norm date on top)."""
    qs = (
        Aanvraag.objects.filter(status__in=list(OPEN))
        .select_related("gemeente", "kostensoort", "behandelaar")
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
    return qs


def werkvoorraad_tellingen() -> dict[str, int]:
    open_qs = Aanvraag.objects.filter(status__in=list(OPEN))
    return open_qs.aggregate(
        totaal=Count("pk"),
        niet_opgepakt=Count("pk", filter=Q(status=Status.INGEDIEND)),
        te_laat=Count("pk", filter=Q(sla_status="te_laat")),
        risico=Count("pk", filter=Q(sla_status="risico")),
    )


def aanvraag_get(*, pk: int):
    return (
        Aanvraag.objects.select_related(
            "gemeente", "kostensoort", "behandelaar", "regeling", "betaalopdracht"
        )
        .prefetch_related(
            "statuswijzigingen__door",
            "documenten",
            "contactmomenten__door",
            "aanvullingsverzoeken",
            "opschortingen",
        )
        .get(pk=pk)
    )


def sla_per_gemeente():
    """Open aanvragen per gemeente and SLA state, aggregated in SQL."""
    return (
        Aanvraag.objects.filter(status__in=list(OPEN))
        .values("gemeente__naam")
        .annotate(
            totaal=Count("pk"),
            op_schema=Count("pk", filter=Q(sla_status="op_schema")),
            risico=Count("pk", filter=Q(sla_status="risico")),
            te_laat=Count("pk", filter=Q(sla_status="te_laat")),
        )
        .order_by("gemeente__naam")
    )


def zekerheden(*, vanaf: date) -> dict:
    """How well each of the four guarantees is kept since `vanaf`, aggregated in SQL."""
    telling = WegwijzerTelling.objects.filter(datum__gte=vanaf).aggregate(
        gestart=Sum("gestart"),
        afgerond=Sum("afgerond"),
        seconden=Sum("seconden_totaal"),
        binnen_twee=Sum("binnen_twee_minuten"),
        binnen_kwartier=Sum("binnen_kwartier"),
    )
    ingediend = Aanvraag.objects.filter(ingediend_op__date__gte=vanaf)
    aanvragen = ingediend.aggregate(
        totaal=Count("pk"),
        gemeten=Count("duur_seconden"),
        binnen_kwartier=Count("pk", filter=Q(duur_seconden__lte=15 * 60)),
        gemiddeld=Avg("duur_seconden"),
        namens=Count("pk", filter=Q(ingediend_namens_door__isnull=False)),
    )
    besloten = Aanvraag.objects.filter(besloten_op__date__gte=vanaf).aggregate(
        totaal=Count("pk"),
        op_tijd=Count("pk", filter=Q(besloten_op__date__lte=F("einddatum_gepland"))),
    )
    toegekend = Aanvraag.objects.filter(
        besloten_op__date__gte=vanaf, toegekend_bedrag__isnull=False
    ).aggregate(
        totaal=Count("pk"),
        opdracht_zelfde_dag=Count(
            "pk", filter=Q(betaalopdracht__aangemaakt_op__date=F("besloten_op__date"))
        ),
    )
    return {
        "wegwijzer": {
            **telling,
            "percentage": _procent(telling["binnen_twee"], telling["afgerond"]),
            "gemiddeld": (telling["seconden"] or 0) // telling["afgerond"]
            if telling["afgerond"]
            else None,
        },
        "aanvragen": {
            **aanvragen,
            "percentage": _procent(aanvragen["binnen_kwartier"], aanvragen["gemeten"]),
        },
        "besluiten": {**besloten, "percentage": _procent(besloten["op_tijd"], besloten["totaal"])},
        "uitbetaling": {
            **toegekend,
            "percentage": _procent(toegekend["opdracht_zelfde_dag"], toegekend["totaal"]),
        },
    }


def _procent(deel, geheel) -> int | None:
    return round(100 * (deel or 0) / geheel) if geheel else None


def ter_goedkeuring_list(*, medewerker):
    """Awards above the four-eyes amount that this colleague may approve (not their own)."""
    return (
        Aanvraag.objects.filter(status=Status.IN_BEHANDELING, voorgesteld_bedrag__isnull=False)
        .exclude(voorgesteld_door=medewerker)
        .exclude(behandelaar=medewerker)
        .select_related("gemeente", "kostensoort", "voorgesteld_door")
        .order_by("voorgesteld_op")
    )


def behandelaar_list():
    return (
        User.objects.filter(groups__name=Rol.BEHANDELAAR, is_active=True)
        .order_by("first_name", "username")
        .distinct()
    )


def aandacht_list(*, limiet: int = 20):
    """Open aanvragen at risk or late, most urgent first (for the teamleider)."""
    return (
        Aanvraag.objects.filter(
            status__in=[Status.INGEDIEND, Status.IN_BEHANDELING],
            sla_status__in=["risico", "te_laat"],
        )
        .select_related("behandelaar", "gemeente")
        .order_by("einddatum_gepland", "pk")[:limiet]
    )


def werkverdeling():
    """Open aanvragen per behandelaar (and unassigned), aggregated in SQL."""
    return (
        Aanvraag.objects.filter(status__in=list(OPEN))
        .values("behandelaar__first_name", "behandelaar__last_name", "behandelaar__username")
        .annotate(
            totaal=Count("pk"),
            wacht=Count("pk", filter=Q(status=Status.WACHT_OP_AANVULLING)),
            te_laat=Count("pk", filter=Q(sla_status="te_laat")),
        )
        .order_by("-totaal")
    )


def periode_cijfers(*, van: date, tot: date) -> dict:
    """Received, decided, doorlooptijd in werkdagen (suspensions excluded), contact by channel."""
    ontvangen = Aanvraag.objects.filter(ingediend_op__date__range=(van, tot)).count()
    besloten = list(
        Aanvraag.objects.filter(besloten_op__date__range=(van, tot), ingediend_op__isnull=False)
        .prefetch_related("opschortingen")
        .only(
            "pk", "ingediend_op", "besloten_op", "toegekend_bedrag", "gemeente_id", "besluit_vorm"
        )
    )
    kalenders = kalenders_get(gemeente_ids={a.gemeente_id for a in besloten}, vanaf=van)
    doorlooptijden = sorted(_doorlooptijd(a, kalenders[a.gemeente_id]) for a in besloten)
    kanalen = dict(
        Contactmoment.objects.filter(op__date__range=(van, tot))
        .values_list("kanaal")
        .annotate(n=Count("pk"))
    )
    return {
        "ontvangen": ontvangen,
        "besloten": len(besloten),
        "toegekend_totaal": sum((a.toegekend_bedrag or 0) for a in besloten),
        "giften": sum(1 for a in besloten if a.besluit_vorm == "gift"),
        "leningen": sum(1 for a in besloten if a.besluit_vorm == "lening"),
        "mediaan": _percentiel(doorlooptijden, 50),
        "p90": _percentiel(doorlooptijden, 90),
        "telefoon": kanalen.get("telefoon", 0),
        "brief": kanalen.get("brief", 0),
    }


def _doorlooptijd(aanvraag, kalender) -> int:
    besloten = timezone.localdate(aanvraag.besloten_op)
    opgeschort = {
        dag: "opgeschort"
        for o in aanvraag.opschortingen.all()
        for dag in Opschorting(o.van, o.tot or besloten).dagen()
    }
    zonder = Kalender(kalender.gelijkgestelde_dagen, {**kalender.sluitingsdagen, **opgeschort})
    return werkdagen_tussen(
        timezone.localdate(aanvraag.ingediend_op), timezone.localdate(aanvraag.besloten_op), zonder
    )


def _percentiel(waarden: list[int], p: int) -> int | None:
    if not waarden:
        return None
    index = max(0, -(-len(waarden) * p // 100) - 1)  # nearest-rank method
    return waarden[index]
