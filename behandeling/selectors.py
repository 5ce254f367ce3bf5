from datetime import date

from django.db.models import Avg, Count, F, Q, Sum

from aanvragen.models import Aanvraag
from aanvragen.statussen import OPEN, Status
from wegwijzer.models import WegwijzerTelling


def werkvoorraad_list(*, medewerker, filter_status: str = "", alleen_mijn: bool = False):
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
        Aanvraag.objects.select_related("gemeente", "kostensoort", "behandelaar", "regeling")
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
