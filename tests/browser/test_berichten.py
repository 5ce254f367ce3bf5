"""Wmebv in a real browser: from Mijn aanvragen the inwoner chooses per kind of message how to be
told, proves the e-mail address with the code from the mail, and sees what they chose; every
state passes axe and the visual check at 320, 768 and 1280 px."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from aanvragen.models import Berichtkeuze
from tests.browser.helpers import inloggen
from tests.factories import opgepakte_aanvraag
from tests.helpers import wacht_op

pytestmark = pytest.mark.browser


def test_inwoner_kiest_per_bericht_en_bevestigt_het_emailadres(
    live_server, celery_worker, transactional_db, nieuwe_pagina, toegankelijk
):
    aanvraag, _ = opgepakte_aanvraag()
    pagina = nieuwe_pagina(mobiel=True)
    inloggen(pagina, live_server.url, bsn=aanvraag.bsn)
    pagina.goto(f"{live_server.url}/aanvragen/mijn-aanvragen/")
    pagina.get_by_role("link", name=re.compile("Hoe wilt u berichten krijgen")).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Hoe wilt u berichten krijgen?")
    toegankelijk(pagina)

    vraag = pagina.get_by_role("group", name="Als wij een vraag hebben of iets van u nodig hebben")
    vraag.get_by_label("Per e-mail").check()
    besluit = pagina.get_by_role("group", name="Als er een besluit is over uw aanvraag")
    besluit.get_by_label("Alleen per brief").check()
    pagina.get_by_label("E-mailadres").fill("geen-adres")
    pagina.get_by_role("button", name="Bewaar mijn keuze").click()
    expect(pagina).to_have_title(re.compile("^Fout: "))
    expect(pagina.get_by_role("alert")).to_contain_text("naam@voorbeeld.nl")
    toegankelijk(pagina)

    pagina.get_by_label("E-mailadres").fill("jan.nieuw@example.org")
    pagina.get_by_role("button", name="Bewaar mijn keuze").click()
    expect(pagina.get_by_role("status")).to_contain_text("Wij stuurden een code")
    toegankelijk(pagina)
    wacht_op(lambda: any(m.to == ["jan.nieuw@example.org"] for m in mail.outbox), timeout=10)
    code = re.search(r"e-mailadres te bevestigen: (\d{6})", mail.outbox[-1].body)[1]
    pagina.get_by_label("Code uit de e-mail").fill(code)
    pagina.get_by_role("button", name="Code controleren").click()
    expect(pagina.get_by_role("status")).to_contain_text("Wij sturen u nu e-mail")
    expect(pagina.get_by_test_id("code")).to_have_count(0)
    expect(pagina.get_by_role("table", name="Wat u koos")).to_contain_text(
        "door de inwoner in Mijn aanvragen"
    )
    toegankelijk(pagina)
    keuze = Berichtkeuze.objects.filter(bsn=aanvraag.bsn).first()
    assert keuze.vraag == "email" and keuze.besluit == "brief"
    assert keuze.email_geverifieerd_op is not None
