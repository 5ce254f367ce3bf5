from datetime import timedelta

from django.utils import timezone

from aanvragen.models import Aanvraag
from uitbetaling.models import Betaalbatch, Betaalopdracht


def betaalopdracht_list(*, status: str | None = None):
    qs = Betaalopdracht.objects.select_related("gemeente", "aanvraag")
    return qs.filter(status=status) if status else qs


def betaalbatch_list():
    return Betaalbatch.objects.select_related("gemeente")


def betaalbatch_get(*, pk: int) -> Betaalbatch | None:
    return Betaalbatch.objects.filter(pk=pk).first()


def terugbetalingsafspraak_list():
    """Rows of awarded loans with their repayment terms (first term: the month after award)."""
    for a in (
        Aanvraag.objects.filter(besluit_vorm="lening", toegekend_bedrag__isnull=False)
        .select_related("gemeente")
        .order_by("besloten_op")
    ):
        besloten = timezone.localdate(a.besloten_op)
        eerste = (besloten.replace(day=1) + timedelta(days=32)).replace(day=1)
        yield (
            a.bsn,
            a.pk,
            [
                a.referentie,
                a.gemeente.naam,
                a.naam,
                a.adres,
                a.postcode,
                a.woonplaats,
                f"{a.toegekend_bedrag:.2f}",
                f"{a.lening_maandbedrag:.2f}",
                a.lening_termijnen,
                eerste.isoformat(),
            ],
        )


def betrokkenen_van_batch(*, batch) -> list[tuple[str, int]]:
    """(BSN, aanvraag id) of every payment in a batch: whose data a downloaded file holds."""
    return list(batch.opdrachten.values_list("aanvraag__bsn", "aanvraag_id"))
