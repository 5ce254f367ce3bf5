"""Messages through NotifyNL (portal/kanalen.py, portal/berichten.py), against a local server that
keeps NotifyNL's HTTP contract (tests/notify_server.py): JWT per request, the v2 notification
calls, NotifyNL's error bodies and statuses. The portal uses the real client over HTTP.

Every test ends by checking that the server saw no request and gave no answer outside the
published contract (`ongeldig`)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from aanvragen.berichtteksten import TEKSTEN, ingevuld
from portal import berichten
from portal.kanalen import kanaal_voor
from portal.models import (
    Aflevering,
    Bericht,
    BerichtKanaal,
    BerichtStatus,
    NotifyInstelling,
    NotifySjabloon,
)
from tests.factories import GemeenteFactory
from tests.notify_server import LokaleNotify

pytestmark = pytest.mark.django_db

SMS = str(TEKSTEN["aanvulling"].sms)  # the texts beheer puts in NotifyNL
MAIL = f"{TEKSTEN['aanvulling'].wat}\n\n{TEKSTEN['aanvulling'].doen} ((link))"
PERSONALISATIE = {
    "referentie": "BB-2026-000013",
    "link": "https://portal.example/m",
    "termijn": "maandag 14 december 2026",
}


@pytest.fixture
def notify():
    server = LokaleNotify()
    server.starten()
    yield server
    server.stoppen()
    assert server.ongeldig == []


@pytest.fixture
def gemeente(notify):
    gemeente = GemeenteFactory()
    instelling = NotifyInstelling(gemeente=gemeente, actief=True, basis_url=notify.url)
    instelling.api_sleutel = notify.dienst()
    instelling.save()
    for kanaal, soort, body in (
        (BerichtKanaal.NOTIFY_SMS, "sms", SMS),
        (BerichtKanaal.NOTIFY_EMAIL, "email", MAIL),
    ):
        template_id = notify.sjabloon(soort, body, subject="Vraag over ((referentie))")
        NotifySjabloon.objects.create(
            instelling=instelling, soort="aanvulling", kanaal=kanaal, template_id=template_id
        )
    return gemeente


def plaats(gemeente, *, kanaal=BerichtKanaal.NOTIFY_SMS, aan="+31612345678", **extra) -> Bericht:
    return berichten.plaatsen(
        soort="aanvulling",
        aan=[aan],
        onderwerp="Wij hebben een vraag",
        template="berichten/inwoner_mail.txt",
        context={"tekst": ingevuld("aanvulling", PERSONALISATIE), "link": PERSONALISATIE["link"]},
        gemeente_id=gemeente.pk,
        personalisatie=extra.pop("personalisatie", PERSONALISATIE),
        kanaal=kanaal,
        **extra,
    )


def test_een_sms_gaat_via_notifynl_met_alleen_een_kenmerk_als_referentie(notify, gemeente):
    bericht = plaats(gemeente)
    assert bericht.kanaal == BerichtKanaal.NOTIFY_SMS
    assert berichten.bezorgen() == 1
    bericht.refresh_from_db()
    [melding] = notify.verstuurd("sms")
    assert bericht.status == BerichtStatus.VERZONDEN and bericht.extern_id == melding["id"]
    assert melding["aan"] == "+31612345678"
    assert melding["reference"] == f"bericht-{bericht.pk}"  # no personal data in it
    assert bericht.tekst == melding["body"] and "BB-2026-000013" in bericht.tekst
    assert notify.verzoeken[-1]["headers"]["Authorization"].startswith("Bearer ")


def test_een_email_via_notifynl_bewaart_onderwerp_en_tekst_zoals_verstuurd(notify, gemeente):
    bericht = plaats(gemeente, kanaal=BerichtKanaal.SMTP, aan="jan@example.org")
    assert bericht.kanaal == BerichtKanaal.NOTIFY_EMAIL  # the gemeente has NotifyNL e-mail on
    berichten.bezorgen()
    bericht.refresh_from_db()
    [melding] = notify.verstuurd("email")
    assert bericht.tekst.startswith("Vraag over BB-2026-000013\n\n")
    assert melding["body"] in bericht.tekst


def test_de_aflevering_wordt_gevraagd_tot_notifynl_het_weet(notify, gemeente):
    notify.uitkomst["+31687654321"] = Aflevering.PERMANENT
    goed, fout = plaats(gemeente), plaats(gemeente, aan="+31687654321")
    berichten.bezorgen()
    nu = timezone.now()
    for minuten in (2, 4, 8, 16):  # created, sending, then the outcome
        berichten.aflevering_vragen(nu=nu + timedelta(minutes=minuten))
    goed.refresh_from_db()
    fout.refresh_from_db()
    assert goed.aflevering == Aflevering.AFGELEVERD and goed.aflevering_op is not None
    assert fout.aflevering == Aflevering.PERMANENT
    assert goed.status_vragen_op is None  # known: never asked again
    gevraagd = len(notify.verzoeken)
    berichten.aflevering_vragen(nu=nu + timedelta(days=1))
    assert len(notify.verzoeken) == gevraagd


def test_notifynl_weigert_dan_niet_opnieuw_proberen(notify, gemeente):
    bericht = plaats(gemeente, personalisatie={"referentie": "BB-2026-000013"})  # no link
    assert berichten.bezorgen() == 0
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.MISLUKT
    assert "Missing personalisation: link" in bericht.laatste_fout
    assert berichten.bezorgen(nu=timezone.now() + timedelta(days=1)) == 0
    assert len(notify.verzoeken) == 1


@pytest.mark.parametrize("storing", ["500", "429", "503-html", "onbereikbaar"])
def test_notifynl_weg_dan_wachten_en_later_een_keer_verzonden(notify, gemeente, storing):
    bericht = plaats(gemeente)
    if storing == "onbereikbaar":
        notify.stoppen()
    else:
        notify.storing = storing
    assert berichten.bezorgen() == 0
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.WACHT and bericht.pogingen == 1
    assert bericht.volgende_poging_op > timezone.now()
    if storing == "onbereikbaar":
        notify.starten()  # back, where it was
    notify.storing = ""
    assert berichten.bezorgen(nu=timezone.now() + timedelta(minutes=5)) == 1
    assert berichten.bezorgen(nu=timezone.now() + timedelta(hours=5)) == 0
    assert len(notify.verstuurd()) == 1


def test_een_verkeerde_sleutel_wordt_opnieuw_geprobeerd_niet_weggegooid(notify, gemeente):
    """A key NotifyNL does not know is beheer's mistake, not the message's: it waits."""
    instelling = gemeente.notify
    instelling.api_sleutel = LokaleNotify().dienst()  # a key of another service
    instelling.save()
    bericht = plaats(gemeente)
    berichten.bezorgen()
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.WACHT and "403" in bericht.laatste_fout


def test_zonder_notifynl_gaat_mail_via_de_eigen_server_en_sms_niet(gemeente):
    ander = GemeenteFactory(naam="Dorpsveen", cbs_code="9002")
    assert kanaal_voor(gemeente_id=ander.pk, soort="aanvulling", voorkeur="smtp") == "smtp"
    assert kanaal_voor(gemeente_id=ander.pk, soort="aanvulling", voorkeur="notify-sms") is None
    assert kanaal_voor(gemeente_id=gemeente.pk, soort="beschikking", voorkeur="smtp") == "smtp"
    NotifyInstelling.objects.filter(gemeente=gemeente).update(actief=False)
    assert kanaal_voor(gemeente_id=gemeente.pk, soort="aanvulling", voorkeur="notify-sms") is None
    assert plaats(gemeente) is None


def test_de_api_sleutel_staat_versleuteld_in_de_database(notify, gemeente):
    instelling = NotifyInstelling.objects.get(gemeente=gemeente)
    geheim = instelling.api_sleutel[-36:]
    assert geheim and geheim not in instelling.api_sleutel_versleuteld


def test_beheer_zet_notifynl_aan_en_ziet_de_sleutel_nooit_terug(notify):
    from django.contrib.auth.models import Permission
    from django.urls import reverse

    from portal.rollen import Rol
    from tests.factories import UserFactory, dorpsveen
    from tests.helpers import PortalClient

    voorbeeldstad, ander = GemeenteFactory(), dorpsveen()
    NotifyInstelling.objects.create(gemeente=ander, basis_url=notify.url)
    beheer = UserFactory(rollen=[Rol.FUNCTIONEEL_BEHEER], is_staff=True, gemeenten=[voorbeeldstad])
    beheer.user_permissions.set(Permission.objects.filter(content_type__app_label="portal"))
    client = PortalClient()
    client.force_login(beheer)
    lijst = client.get(reverse("admin:portal_notifyinstelling_changelist")).content.decode()
    assert "Dorpsveen" not in lijst
    sleutel = notify.dienst()
    formulier = {
        "gemeente": voorbeeldstad.pk,
        "actief": "on",
        "basis_url": notify.url,
        "sms_afzender_id": "",
        "sjablonen-TOTAL_FORMS": "1",
        "sjablonen-INITIAL_FORMS": "0",
        "sjablonen-0-soort": "aanvulling",
        "sjablonen-0-kanaal": BerichtKanaal.NOTIFY_SMS,
        "sjablonen-0-template_id": notify.sjabloon("sms", SMS),
    }
    zonder = client.post(reverse("admin:portal_notifyinstelling_add"), formulier)
    assert "Vul de API-sleutel in" in zonder.content.decode()  # on without a key: refused
    antwoord = client.post(
        reverse("admin:portal_notifyinstelling_add"), {**formulier, "api_sleutel": sleutel}
    )
    assert antwoord.status_code == 302
    instelling = NotifyInstelling.objects.get(gemeente=voorbeeldstad)
    assert instelling.api_sleutel == sleutel and sleutel not in instelling.api_sleutel_versleuteld
    pagina = client.get(reverse("admin:portal_notifyinstelling_change", args=[instelling.pk]))
    assert sleutel[-36:] not in pagina.content.decode()
    client.post(  # saved again without a key: the stored one stays
        reverse("admin:portal_notifyinstelling_change", args=[instelling.pk]),
        {
            **formulier,
            "sjablonen-TOTAL_FORMS": "0",
            "basis_url": "https://api.notifynl.nl",
        },
    )
    instelling.refresh_from_db()
    assert instelling.basis_url == "https://api.notifynl.nl" and instelling.api_sleutel == sleutel


def test_healthz_toont_notifynl_gestoord_en_weer_goed(notify, gemeente, client):
    from django.urls import reverse

    plaats(gemeente)
    notify.storing = "500"
    berichten.bezorgen()
    stand = client.get(reverse("healthz")).json()
    assert stand["notifynl"] == "storing" and stand["status"] == "degraded"
    notify.storing = ""
    berichten.bezorgen(nu=timezone.now() + timedelta(minutes=5))
    assert client.get(reverse("healthz")).json()["notifynl"] == "ok"


def _sms_aan_inwoner(notify, gemeente, *, email_bewezen: bool):
    """An aanvraag whose inwoner chose SMS for questions (and proved an address, or not)."""
    from aanvragen import keuzes
    from aanvragen.models import KeuzeBron
    from behandeling.aanvulling import aanvulling_vragen
    from tests.factories import opgepakte_aanvraag

    aanvraag, bea = opgepakte_aanvraag()
    NotifyInstelling.objects.filter(pk=gemeente.notify.pk).update(gemeente=aanvraag.gemeente)
    keuzes.keuze_vastleggen(
        bsn=aanvraag.bsn,
        gemeente_id=aanvraag.gemeente_id,
        wegen={"vraag": "sms"},
        telefoon="+31687654321",
        email="jan@example.org" if email_bewezen else "",
        bron=KeuzeBron.MIJN_AANVRAGEN,
    )
    notify.uitkomst["+31687654321"] = Aflevering.PERMANENT
    aanvulling_vragen(aanvraag_id=aanvraag.pk, behandelaar=bea, vraag="Welk merk?")
    assert berichten.bezorgen() == 1
    nu = timezone.now()
    for minuten in (2, 4, 8):
        berichten.aflevering_vragen(nu=nu + timedelta(minutes=minuten))
    return aanvraag


def test_sms_niet_aangekomen_dan_per_email(notify, gemeente):
    from django.core import mail

    aanvraag = _sms_aan_inwoner(notify, gemeente, email_bewezen=True)
    opnieuw = Bericht.objects.filter(aanvraag_id=aanvraag.pk, soort="aanvulling").order_by("pk")
    assert [b.kanaal for b in opnieuw] == [BerichtKanaal.NOTIFY_SMS, BerichtKanaal.NOTIFY_EMAIL]
    berichten.bezorgen()
    assert [m["aan"] for m in notify.verstuurd("email")] == ["jan@example.org"]
    assert not mail.outbox


def test_sms_niet_aangekomen_zonder_email_dan_een_brief(notify, gemeente):
    from django.urls import reverse

    from aanvragen.models import Brieftaak
    from portal.rollen import Rol
    from tests.factories import UserFactory
    from tests.helpers import PortalClient

    aanvraag = _sms_aan_inwoner(notify, gemeente, email_bewezen=False)
    brief = Brieftaak.objects.get(aanvraag=aanvraag)
    assert "SMS kwam niet aan" in brief.reden
    berichten.aflevering_vragen(nu=timezone.now() + timedelta(days=1))
    assert Brieftaak.objects.count() == 1  # once per failed message
    kc = PortalClient()
    kc.force_login(UserFactory(rollen=[Rol.KLANTCONTACT], gemeenten=[aanvraag.gemeente]))
    pagina = kc.get(reverse("aanvragen:terugbelverzoeken")).content.decode()
    assert "Vraag om aanvulling" in pagina and aanvraag.referentie in pagina
    kc.post(reverse("aanvragen:terugbelverzoeken"), {"brief": brief.pk})
    brief.refresh_from_db()
    assert brief.afgehandeld_op is not None
    tl = PortalClient()  # the teamleider sees the letter as the failure it is
    tl.force_login(UserFactory(rollen=[Rol.TEAMLEIDER], gemeenten=[aanvraag.gemeente]))
    dashboard = tl.get(reverse("behandeling:dashboard")).content.decode()
    assert re.search(r'data-testid="brieven-mislukt">\d+ / 1<', dashboard)


def test_na_een_gesprek_een_korte_sms_als_de_inwoner_sms_koos(notify, gemeente):
    from aanvragen import keuzes
    from aanvragen.models import KeuzeBron
    from behandeling.contact import contactmoment_vastleggen
    from tests.factories import opgepakte_aanvraag

    aanvraag, bea = opgepakte_aanvraag()
    instelling = NotifyInstelling.objects.get(pk=gemeente.notify.pk)
    instelling.gemeente = aanvraag.gemeente
    instelling.save()
    NotifySjabloon.objects.create(
        instelling=instelling,
        soort="gebeld",
        kanaal=BerichtKanaal.NOTIFY_SMS,
        template_id=notify.sjabloon("sms", str(TEKSTEN["gebeld"].sms)),
    )

    def bellen(sms: bool) -> None:
        contactmoment_vastleggen(
            aanvraag_id=aanvraag.pk,
            door=bea,
            kanaal="telefoon",
            met="Aanvrager",
            samenvatting="Over de offerte van de Miele.",
            uitkomst="beantwoord",
            sms_sturen=sms,
        )

    bellen(True)  # chose e-mail (the factory): no SMS, and no e-mail either
    assert not Bericht.objects.filter(soort="gebeld").exists()
    keuzes.keuze_vastleggen(
        bsn=aanvraag.bsn,
        gemeente_id=aanvraag.gemeente_id,
        wegen={"vraag": "sms"},
        telefoon="+31612345678",
        email="",
        bron=KeuzeBron.MIJN_AANVRAGEN,
    )
    bellen(False)
    assert not Bericht.objects.filter(soort="gebeld").exists()
    bellen(True)
    berichten.bezorgen()
    [sms] = notify.verstuurd("sms")
    assert aanvraag.referentie in sms["body"] and "Miele" not in sms["body"]
