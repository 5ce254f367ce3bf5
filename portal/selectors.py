from datetime import date, timedelta

from django.core.cache import cache
from django.db import transaction

from portal import werkgebied
from portal.generatie import onder_generatie
from portal.models import (
    DigidNiveau,
    GelijkgesteldeDag,
    Gemeente,
    Regeling,
    Sluitingsdag,
    WorkerHartslag,
)
from portal.werkdagen import Kalender

KALENDER = "kalender"  # gelijkgestelde dagen and sluitingsdagen (signals in apps.py)


def kalender_get(*, gemeente: Gemeente | None, vanaf: date, jaren: int = 2) -> Kalender:
    """The werkdagen calendar of a gemeente around `vanaf`: a year back, `jaren` ahead (cached
    under the calendar's generation: a new or removed day is seen at once)."""
    return onder_generatie(
        KALENDER,
        f"een:{gemeente.pk if gemeente else '-'}:{vanaf.isoformat()}:{jaren}",
        lambda: _kalender_bouwen(gemeente=gemeente, vanaf=vanaf, jaren=jaren),
    )


def _kalender_bouwen(*, gemeente: Gemeente | None, vanaf: date, jaren: int) -> Kalender:
    van, tot = vanaf - timedelta(days=366), vanaf + timedelta(days=366 * jaren)
    gelijk = GelijkgesteldeDag.objects.filter(datum__gte=van, datum__lte=tot)
    sluiting = (
        Sluitingsdag.objects.filter(gemeente=gemeente, datum__gte=van, datum__lte=tot)
        if gemeente
        else Sluitingsdag.objects.none()
    )
    return Kalender(
        gelijkgestelde_dagen={d.datum: d.omschrijving for d in gelijk},
        sluitingsdagen={d.datum: d.omschrijving for d in sluiting},
    )


def kalenders_get(*, gemeente_ids, vanaf: date, jaren: int = 2) -> dict[int, Kalender]:
    """Calendars for several gemeenten in two queries (for lists), cached like kalender_get."""
    ids = sorted(gemeente_ids)
    return onder_generatie(
        KALENDER,
        f"lijst:{','.join(map(str, ids))}:{vanaf.isoformat()}:{jaren}",
        lambda: _kalenders_bouwen(gemeente_ids=ids, vanaf=vanaf, jaren=jaren),
    )


def _kalenders_bouwen(*, gemeente_ids, vanaf: date, jaren: int) -> dict[int, Kalender]:
    tot = vanaf + timedelta(days=366 * jaren)
    gelijk = {
        d.datum: d.omschrijving
        for d in GelijkgesteldeDag.objects.filter(
            datum__gte=vanaf - timedelta(days=366), datum__lte=tot
        )
    }
    sluiting: dict[int, dict[date, str]] = {gid: {} for gid in gemeente_ids}
    for d in Sluitingsdag.objects.filter(
        gemeente_id__in=list(sluiting), datum__gte=vanaf - timedelta(days=366), datum__lte=tot
    ):
        sluiting[d.gemeente_id][d.datum] = d.omschrijving
    return {
        gid: Kalender(gelijkgestelde_dagen=gelijk, sluitingsdagen=s) for gid, s in sluiting.items()
    }


GEMEENTEN = "gemeenten"  # the gemeenten' own settings (signals in apps.py)


def gemeente_met_cbs_code(cbs_code: str) -> Gemeente | None:
    """The gemeente an inwoner lives in by the BRP's code, read on every wizard step (cached
    under the gemeenten's generation: a changed setting counts at the next request)."""
    return onder_generatie(
        GEMEENTEN, f"cbs:{cbs_code}", lambda: Gemeente.objects.filter(cbs_code=cbs_code).first()
    )


def gemeente_list(*, medewerker=None):
    """All gemeenten (public pages: a queryset), or those a colleague works for (a list, cached
    under the gemeenten' generation: read on every staff list page)."""
    if medewerker is None:
        return Gemeente.objects.all()
    ids = sorted(werkgebied.gemeente_ids(medewerker))
    return onder_generatie(
        GEMEENTEN,
        "werk:" + ",".join(map(str, ids)),
        lambda: list(Gemeente.objects.filter(pk__in=ids)),
    )


BIJZONDERE_BIJSTAND = "bijzondere-bijstand"


REGELINGEN = "regelingen"  # the regelingen and their norms (signals in apps.py)


def regeling_get(*, slug: str = BIJZONDERE_BIJSTAND) -> Regeling:
    """The regeling (cached under its generation: read on every wizard step and outcome)."""
    return onder_generatie(REGELINGEN, f"slug:{slug}", lambda: Regeling.objects.get(slug=slug))


def regeling_op_id(*, pk: int) -> Regeling:
    """One regeling by id (cached under the same generation)."""
    return onder_generatie(REGELINGEN, f"pk:{pk}", lambda: Regeling.objects.get(pk=pk))


def _niveau_sleutel(slug: str) -> str:
    return f"regeling-digid-niveau:{slug}"


def vereist_digid_niveau(*, slug: str = BIJZONDERE_BIJSTAND) -> str:
    """The lowest DigiD level the regeling accepts ("midden"); read on every inwoner request,
    so cached until the regeling changes (`regeling_gewijzigd`)."""
    niveau = cache.get(_niveau_sleutel(slug))
    if niveau is None:
        niveau = (
            Regeling.objects.filter(slug=slug).values_list("digid_niveau", flat=True).first()
            or DigidNiveau.MIDDEN.value
        )
        cache.set(_niveau_sleutel(slug), niveau, timeout=None)
    return niveau


def regeling_gewijzigd(sender, instance: Regeling, **kwargs) -> None:
    # Now and again at commit: a request between the two could have cached the old value.
    cache.delete(_niveau_sleutel(instance.slug))
    transaction.on_commit(lambda: cache.delete(_niveau_sleutel(instance.slug)))


def laatste_hartslag_get() -> WorkerHartslag | None:
    return WorkerHartslag.objects.order_by("-laatst_gezien").first()
