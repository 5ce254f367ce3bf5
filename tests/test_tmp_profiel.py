import cProfile, pstats, io, time
import pytest
from django.core.cache import cache
from django.urls import reverse
from portal.rollen import Rol
from tests.factories import UserFactory
from tests.test_queries import _meer_aanvragen

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pagina", ["werkvoorraad", "aanvraag", "dashboard"])
def test_profiel(client, pagina):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR, Rol.TEAMLEIDER])
    _meer_aanvragen(bea, 60)
    client.force_login(bea)
    from aanvragen.models import Aanvraag
    pk = Aanvraag.objects.filter(status="in_behandeling").first().pk
    url = {"werkvoorraad": reverse("behandeling:werkvoorraad"), "aanvraag": reverse("behandeling:aanvraag", args=[pk]), "dashboard": reverse("behandeling:dashboard")}[pagina]
    for _ in range(3):
        client.get(url)
    t = time.perf_counter()
    pr = cProfile.Profile(); pr.enable()
    for _ in range(20):
        r = client.get(url)
    pr.disable()
    print(pagina, "ms/req", (time.perf_counter() - t) / 20 * 1000, r.status_code)
    s = io.StringIO(); pstats.Stats(pr, stream=s).sort_stats("tottime").print_stats(30); print(s.getvalue()[:9000])
