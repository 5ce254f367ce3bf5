from aanvragen.models import Aanvraag
from aanvragen.statussen import Status


def aanvraag_list_van_inwoner(*, bsn: str):
    """Only this inwoner's submitted aanvragen, newest first."""
    return (
        Aanvraag.objects.van_inwoner(bsn)
        .exclude(status=Status.CONCEPT)
        .select_related("kostensoort", "gemeente", "betaalopdracht")
        .order_by("-ingediend_op")
    )


def aanvraag_van_aanvrager_get(*, bsn: str, referentie: str) -> Aanvraag | None:
    return (
        Aanvraag.objects.van_inwoner(bsn)
        .select_related("gemeente", "kostensoort")
        .filter(referentie=referentie)
        .first()
    )
