from datetime import date

from wegwijzer.models import Kostensoort, Normbedrag, Vermogensgrens


def kostensoort_list(*, alleen_vergoed: bool = False):
    qs = Kostensoort.objects.all()
    return qs.filter(vergoed=True) if alleen_vergoed else qs


def normbedrag_list(*, peildatum: date):
    return Normbedrag.objects.geldig_op(peildatum)


def vermogensgrens_list(*, peildatum: date):
    return Vermogensgrens.objects.geldig_op(peildatum)
