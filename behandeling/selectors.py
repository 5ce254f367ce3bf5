from django.db.models import Count, Q

from aanvragen.models import Aanvraag
from aanvragen.statussen import OPEN, Status


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
        .prefetch_related("statuswijzigingen__door")
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
