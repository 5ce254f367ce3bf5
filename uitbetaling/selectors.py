from uitbetaling.models import Betaalopdracht


def betaalopdracht_list(*, status: str | None = None):
    qs = Betaalopdracht.objects.select_related("gemeente", "aanvraag")
    return qs.filter(status=status) if status else qs
