from datetime import date

from portal.generatie import generatie, onder_generatie, verhogen
from portal.models import Gemeente, Regeling
from portal.selectors import GEMEENTEN
from wegwijzer.models import (
    AowLeeftijd,
    Beleidsregel,
    Kostensoort,
    Normbedrag,
    Vermogensgrens,
    WegwijzerTelling,
)
from wegwijzer.regels import Band, Beleidsversie, KostensoortRegel, Vorm


def kostensoort_list(*, beleidsregel: Beleidsregel | None = None, alleen_vergoed: bool = False):
    """The catalogue, or the kostensoorten in one version of the rules."""
    qs = Kostensoort.objects.all()
    if beleidsregel is not None:
        voorwaarden = {"beleid__beleidsregel": beleidsregel}
        if alleen_vergoed:
            voorwaarden["beleid__vergoed"] = True
        qs = qs.filter(**voorwaarden)  # one filter(): one join, no duplicates
    return qs


def kostensoort_catalogus() -> list[Kostensoort]:
    """Every kostensoort, for lists and filters (cached under the rules' generation)."""
    return onder_generatie(BELEID, "kostensoorten", lambda: list(kostensoort_list()))


def kostensoorten_vergoed_en_niet(*, peildatum: date) -> tuple[list, list]:
    """For the start page: the kostensoorten some gemeente here pays under its rules of today,
    and those none pays (listed apart, so nobody reads "oven" as something to apply for).
    Cached under the rules' generation: the start page is the busiest page there is."""
    return onder_generatie(
        BELEID, f"vergoed-en-niet:{peildatum}", lambda: _vergoed_en_niet(peildatum)
    )


def _vergoed_en_niet(peildatum: date) -> tuple[list, list]:
    geldig = Beleidsregel.objects.geldig_op(peildatum)
    vergoed = list(
        Kostensoort.objects.filter(beleid__beleidsregel__in=geldig, beleid__vergoed=True).distinct()
    )
    niet = list(
        Kostensoort.objects.filter(beleid__beleidsregel__in=geldig)
        .exclude(pk__in=[k.pk for k in vergoed])
        .distinct()
    )
    return vergoed, niet


def aow_leeftijden_get() -> dict[int, int]:
    """Year of reaching the AOW age → that age in months (wegwijzer.regels.aow_datum)."""
    return onder_generatie(
        BELEID, "aow", lambda: {r.jaar: r.in_maanden for r in AowLeeftijd.objects.all()}
    )


def normbedrag_list(*, peildatum: date):
    return Normbedrag.objects.geldig_op(peildatum)


def vermogensgrens_list(*, peildatum: date):
    return Vermogensgrens.objects.geldig_op(peildatum)


def beleidsregel_get(*, gemeente: Gemeente, regeling: Regeling, peildatum: date):
    return (
        Beleidsregel.objects.geldig_op(peildatum)
        .filter(gemeente=gemeente, regeling=regeling)
        .order_by("-geldig_vanaf")
        .first()
    )


def beleidsversie_get(
    *,
    gemeente: Gemeente | None = None,
    regeling: Regeling | None = None,
    peildatum: date,
    beleidsregel: Beleidsregel | None = None,
) -> Beleidsversie | None:
    """The one place that turns stored rules into the engine's Beleidsversie.

    Pass `beleidsregel` to reproduce the version an aanvraag recorded; otherwise the version of
    `gemeente` and `regeling` valid on `peildatum` is used. National amounts are those valid on
    `peildatum`.
    """
    if beleidsregel is not None:
        sleutel = f"versie:br{beleidsregel.pk}:{peildatum.isoformat()}"
    else:
        sleutel = f"versie:g{gemeente.pk}:r{regeling.pk}:{peildatum.isoformat()}"
    return onder_generatie(
        BELEID,
        sleutel,
        lambda: _beleidsversie_bouwen(
            gemeente=gemeente, regeling=regeling, peildatum=peildatum, beleidsregel=beleidsregel
        ),
    )


BELEID = "wegwijzer-beleid"  # the rules, their national amounts and the AOW ages (apps.py)


def beleid_generatie() -> int:
    """The rules' generation (portal.generatie): part of every key built from them."""
    return generatie(BELEID)


def beleid_gewijzigd(**_kwargs) -> None:
    """After a change the signals do not see (a bulk update)."""
    verhogen(BELEID)


def _beleidsversie_bouwen(*, gemeente, regeling, peildatum, beleidsregel) -> Beleidsversie | None:
    if beleidsregel is None:
        beleidsregel = beleidsregel_get(gemeente=gemeente, regeling=regeling, peildatum=peildatum)
    if beleidsregel is None:
        return None
    banden: dict[str, list[Band]] = {}
    for band in beleidsregel.banden.all():
        banden.setdefault(band.groep, []).append(
            Band(band.van_procent, band.tot_procent, band.percentage)
        )
    kostensoorten = {
        kb.kostensoort.slug: KostensoortRegel(
            slug=kb.kostensoort.slug,
            naam=kb.kostensoort.naam,
            vergoed=kb.vergoed,
            maximum=kb.maximum_bedrag,
            vorm=Vorm(kb.vorm),
            bandgroep=kb.bandgroep,
            vooraf_aanvragen=kb.vooraf_aanvragen,
            maanden_na_factuur=kb.maanden_na_factuur,
            voorliggende_vraag=kb.voorliggende_vraag,
            reden_niet_vergoed=kb.reden_niet_vergoed,
        )
        for kb in beleidsregel.kostensoorten.select_related("kostensoort")
    }
    return Beleidsversie(
        id=beleidsregel.pk,
        naam=beleidsregel.publieke_naam or beleidsregel.naam,
        geldig_vanaf=beleidsregel.geldig_vanaf,
        geldig_tot=beleidsregel.geldig_tot,
        normen={
            (n.leefsituatie, n.leeftijdsgroep): n.bedrag
            for n in Normbedrag.objects.geldig_op(peildatum)
        },
        vermogensgrenzen={
            v.leefsituatie: v.bedrag for v in Vermogensgrens.objects.geldig_op(peildatum)
        },
        banden={
            groep: tuple(sorted(lijst, key=lambda b: b.van)) for groep, lijst in banden.items()
        },
        kostensoorten=kostensoorten,
        periode_maanden=beleidsregel.periode_maanden,
        vermogen_buffer_maanden=beleidsregel.vermogen_buffer_maanden,
        drempel=beleidsregel.drempelbedrag if beleidsregel.drempel_toepassen else None,
    )


def wegwijzer_telling_list(*, vanaf: date):
    return WegwijzerTelling.objects.filter(datum__gte=vanaf).select_related("gemeente")


def gemeente_get(*, pk: int) -> Gemeente:
    """One gemeente (cached under the gemeenten' generation: read on every Wegwijzer outcome)."""
    return onder_generatie(GEMEENTEN, f"pk:{pk}", lambda: Gemeente.objects.get(pk=pk))


def kostensoort_get(*, pk: int) -> Kostensoort:
    """One kostensoort, from the cached catalogue; DoesNotExist for an unknown id."""
    gevonden = next((k for k in kostensoort_catalogus() if k.pk == pk), None)
    if gevonden is None:
        raise Kostensoort.DoesNotExist(pk)
    return gevonden


def bewijs_nodig_per_kostensoort(*, beleidsregel: Beleidsregel | None) -> dict[int, str]:
    """Kostensoort id → the proof this rule version asks for (only where it asks one)."""
    if beleidsregel is None:
        return {}
    return dict(
        beleidsregel.kostensoorten.exclude(bewijs="").values_list("kostensoort_id", "bewijs")
    )
