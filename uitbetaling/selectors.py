from uitbetaling.models import Betaalbatch, Betaalopdracht


def betaalopdracht_list(*, status: str | None = None):
    qs = Betaalopdracht.objects.select_related("gemeente", "aanvraag")
    return qs.filter(status=status) if status else qs


def betaalbatch_list():
    return Betaalbatch.objects.select_related("gemeente")


def betaalbatch_get(*, pk: int) -> Betaalbatch | None:
    return Betaalbatch.objects.filter(pk=pk).first()
