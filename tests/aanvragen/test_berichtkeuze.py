"""Wmebv: the inwoner chooses per kind of message how to be told; nothing goes electronically
without that choice, an e-mail address only after the inwoner proved it with a code
(aanvragen/berichtkeuze.py, aanvragen/keuzes.py, the page /aanvragen/berichten/)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from aanvragen import keuzes
from aanvragen.berichtkeuze import BERICHTEN, Bestemming, Keuze, Soort, Weg, bestemming
from aanvragen.models import Aanvraag, Berichtkeuze, KeuzeBron
from behandeling.aanvulling import aanvulling_vragen
from portal import berichten
from portal.models import Bericht, BerichtKanaal, NotifyInstelling, NotifySjabloon
from tests.factories import opgepakte_aanvraag
from tests.helpers import inwoner_client
from tests.notify_server import LokaleNotify

# --- the rule (pure) ------------------------------------------------------------------------

ALLES_SMS = Keuze(wegen=dict.fromkeys(Soort, Weg.SMS), telefoon="+31612345678")


@pytest.mark.parametrize("bericht", sorted(BERICHTEN))
def test_zonder_keuze_gaat_niets_elektronisch(bericht):
    assert bestemming(None, bericht) is None
    assert bestemming(Keuze(), bericht) is None  # nothing chosen: letters


def test_elke_soort_gaat_zoals_gekozen():
    keuze = Keuze(
        wegen={Soort.ONTVANGST: Weg.SMS, Soort.VRAAG: Weg.EMAIL, Soort.BESLUIT: Weg.BRIEF},
        telefoon="+31612345678",
        email="jan@example.org",
        email_geverifieerd=True,
    )
    assert bestemming(keuze, "ontvangstbevestiging") == Bestemming(Weg.SMS, "+31612345678")
    assert bestemming(keuze, "aanvulling") == Bestemming(Weg.EMAIL, "jan@example.org")
    assert bestemming(keuze, "beschikking") is None
    assert bestemming(keuze, "betaling") is None  # not chosen: letters


def test_een_niet_bewezen_emailadres_wordt_niet_gebruikt():
    keuze = Keuze(wegen=dict.fromkeys(Soort, Weg.EMAIL), email="jan@example.org")
    assert bestemming(keuze, "beschikking") is None


def test_sms_zonder_nummer_en_onbekende_soort_gaan_niet():
    assert bestemming(Keuze(wegen=dict.fromkeys(Soort, Weg.SMS)), "beschikking") is None
    assert bestemming(ALLES_SMS, "sla-signaal") is None  # not a message to the inwoner


@pytest.mark.parametrize(
    ("tekst", "e164"),
    [
        ("06 12345678", "+31612345678"),
        ("+31 6 1234 5678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("+32 470 12 34 56", "+32470123456"),
        ("020 123 4567", None),  # a landline: no SMS
        ("12345", None),
        ("٠٦١٢٣٤٥٦٧٨", "+31612345678"),  # Arabic-Indic digits, as a phone keyboard may give
    ],
)
def test_telefoonnummers_als_e164(tekst, e164):
    assert keuzes.telefoon_e164(tekst) == e164


# --- stored and applied -----------------------------------------------------------------------


@pytest.mark.django_db
def test_de_keuze_bepaalt_het_kanaal_van_een_vraag():
    aanvraag, bea = opgepakte_aanvraag()
    keuzes.keuze_vastleggen(
        bsn=aanvraag.bsn,
        gemeente_id=aanvraag.gemeente_id,
        wegen={"vraag": "brief"},
        telefoon="",
        email="",
        bron=KeuzeBron.MIJN_AANVRAGEN,
    )
    aanvulling_vragen(aanvraag_id=aanvraag.pk, behandelaar=bea, vraag="Stuur de offerte.")
    assert not Bericht.objects.filter(soort="aanvulling").exists()  # letters: no e-mail


@pytest.mark.django_db
def test_zonder_toestemming_geen_mail_ook_niet_met_een_adres():
    aanvraag, bea = opgepakte_aanvraag()
    Berichtkeuze.objects.all().delete()  # an aanvraag from before the choice per kind
    Aanvraag.objects.filter(pk=aanvraag.pk).update(elektronisch_communiceren=False)
    aanvulling_vragen(aanvraag_id=aanvraag.pk, behandelaar=bea, vraag="Stuur de offerte.")
    assert not Bericht.objects.filter(soort="aanvulling").exists()


@pytest.mark.django_db
def test_een_sms_gaat_via_notifynl_als_de_inwoner_dat_koos():
    notify = LokaleNotify()
    notify.starten()
    try:
        aanvraag, bea = opgepakte_aanvraag()
        instelling = NotifyInstelling(gemeente=aanvraag.gemeente, actief=True, basis_url=notify.url)
        instelling.api_sleutel = notify.dienst()
        instelling.save()
        NotifySjabloon.objects.create(
            instelling=instelling,
            soort="aanvulling",
            kanaal=BerichtKanaal.NOTIFY_SMS,
            template_id=notify.sjabloon(
                "sms",
                "Wij hebben een vraag over ((referentie)). Antwoord voor ((termijn)): ((link))",
            ),
        )
        keuzes.keuze_vastleggen(
            bsn=aanvraag.bsn,
            gemeente_id=aanvraag.gemeente_id,
            wegen={"vraag": "sms"},
            telefoon="+31612345678",
            email="",
            bron=KeuzeBron.MIJN_AANVRAGEN,
        )
        aanvulling_vragen(aanvraag_id=aanvraag.pk, behandelaar=bea, vraag="Stuur de offerte.")
        assert berichten.bezorgen() == 1
        [sms] = notify.verstuurd("sms")
        assert sms["aan"] == "+31612345678" and aanvraag.referentie in sms["body"]
        assert notify.ongeldig == []
    finally:
        notify.stoppen()


# --- the page -----------------------------------------------------------------------------------


def _kies(client, **velden):
    data = {
        "actie": "kiezen",
        "ontvangst": "email",
        "vraag": "email",
        "besluit": "brief",
        "betaling": "email",
        "email": "jan@example.org",
        **velden,
    }
    return client.post(reverse("aanvragen:berichten"), data)


@pytest.mark.django_db
def test_inwoner_kiest_en_bewijst_het_emailadres_met_een_code():
    aanvraag, _ = opgepakte_aanvraag()
    client = inwoner_client(aanvraag.bsn)
    pagina = client.get(reverse("aanvragen:berichten"))
    assert pagina.status_code == 200 and "Per SMS" not in pagina.content.decode()  # no NotifyNL
    assert _kies(client, email="nieuw@example.org").status_code == 302
    keuze = Berichtkeuze.objects.filter(bsn=aanvraag.bsn).first()
    assert keuze.email_geverifieerd_op is None and keuze.bron == KeuzeBron.MIJN_AANVRAGEN
    berichten.bezorgen()
    code = re.search(r"e-mailadres te bevestigen: (\d{6})", mail.outbox[-1].body)[1]
    assert mail.outbox[-1].to == ["nieuw@example.org"]
    assert keuzes.keuze_van(aanvraag).email_geverifieerd is False
    fout = client.post(reverse("aanvragen:berichten"), {"actie": "code", "code": "000000"})
    assert fout.status_code == 400 and "klopt niet" in fout.content.decode()
    client.post(reverse("aanvragen:berichten"), {"actie": "code", "code": code})
    keuze.refresh_from_db()
    assert keuze.email_geverifieerd_op is not None
    assert bestemming(keuzes.keuze_van(aanvraag), "aanvulling").adres == "nieuw@example.org"
    assert bestemming(keuzes.keuze_van(aanvraag), "beschikking") is None  # letters chosen


@pytest.mark.django_db
def test_fouten_in_de_keuze_krijgen_een_nederlandse_melding():
    aanvraag, _ = opgepakte_aanvraag()
    client = inwoner_client(aanvraag.bsn)
    antwoord = _kies(client, email="")
    assert antwoord.status_code == 400
    assert "Vul uw e-mailadres in" in antwoord.content.decode()
    assert Berichtkeuze.objects.count() == 1  # only the one made with the aanvraag


@pytest.mark.django_db
def test_een_bewezen_adres_hoeft_geen_nieuwe_code():
    aanvraag, _ = opgepakte_aanvraag()
    client = inwoner_client(aanvraag.bsn)
    _kies(client, email="nieuw@example.org")
    berichten.bezorgen()
    code = re.search(r"e-mailadres te bevestigen: (\d{6})", mail.outbox[-1].body)[1]
    client.post(reverse("aanvragen:berichten"), {"actie": "code", "code": code})
    aantal = len(mail.outbox)
    _kies(client, email="nieuw@example.org", besluit="email")  # same address
    berichten.bezorgen()
    assert len(mail.outbox) == aantal  # no new code
    assert Berichtkeuze.objects.filter(bsn=aanvraag.bsn).count() == 3  # history kept
    assert Berichtkeuze.objects.first().email_geverifieerd_op is not None


@pytest.mark.django_db
def test_zonder_aanvraag_geen_formulier():
    client = inwoner_client("999990019")
    assert "nog geen aanvraag" in client.get(reverse("aanvragen:berichten")).content.decode()


# --- in the wizard ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_in_de_wizard_eerst_de_code_dan_verder(client, GELDIG):
    from tests.helpers import als_inwoner, post_stap

    als_inwoner(client, bsn="999993653")
    gegevens = {**GELDIG["gegevens"], "berichten_via": "email", "email": "jan.nieuw@example.org"}
    eerst = post_stap(client, "gegevens", gegevens)
    assert eerst.status_code == 200 and "Wij stuurden een code naar" in eerst.content.decode()
    berichten.bezorgen()
    assert mail.outbox[-1].to == ["jan.nieuw@example.org"]
    code = re.search(r"e-mailadres te bevestigen: (\d{6})", mail.outbox[-1].body)[1]
    fout = post_stap(client, "gegevens", {**gegevens, "email_code": "999999"})
    assert "klopt niet" in fout.content.decode()
    assert post_stap(client, "gegevens", {**gegevens, "email_code": code}).status_code == 302
    for stap in ("kosten", "inkomen", "uitbetaling", "controleren"):
        post_stap(client, stap, GELDIG[stap])
    client.get(reverse("aanvragen:stap", args=["klaar"]))
    keuze = Berichtkeuze.objects.get(bsn="999993653")
    assert keuze.email == "jan.nieuw@example.org" and keuze.email_geverifieerd_op is not None
    assert keuze.bron == KeuzeBron.AANVRAAG and keuze.besluit == "email"


@pytest.mark.django_db
def test_in_de_wizard_geen_sms_waar_de_gemeente_het_niet_heeft(client, GELDIG):
    from tests.helpers import als_inwoner, post_stap

    als_inwoner(client, bsn="999993653")
    pagina = client.get(reverse("aanvragen:stap", args=["gegevens"])).content.decode()
    assert "Per e-mail" in pagina and "Per SMS" not in pagina
    antwoord = post_stap(client, "gegevens", {**GELDIG["gegevens"], "berichten_via": "sms"})
    assert antwoord.status_code == 200 and "geen beschikbare keuze" in antwoord.content.decode()


# --- the messages and their proof -----------------------------------------------------------


@pytest.mark.django_db
def test_inwoner_ziet_elk_bericht_met_bewijs_en_een_ander_niet():
    import hashlib

    aanvraag, bea = opgepakte_aanvraag()
    aanvulling_vragen(aanvraag_id=aanvraag.pk, behandelaar=bea, vraag="Stuur de offerte.")
    berichten.bezorgen()
    bericht = Bericht.objects.get(soort="aanvulling")
    Bericht.objects.create(  # a staff message about the same aanvraag: not the inwoner's
        soort="sla-signaal",
        aanvraag_id=aanvraag.pk,
        aan="teamleider@example.org",
        onderwerp="[Te laat]",
        tekst="Wie kan helpen?",
        aangemaakt_op=bericht.aangemaakt_op,
        volgende_poging_op=bericht.aangemaakt_op,
    )
    client = inwoner_client(aanvraag.bsn)
    pagina = client.get(reverse("aanvragen:berichten")).content.decode()
    assert "Vraag om aanvulling" in pagina and "Wie kan helpen" not in pagina
    bewijs = client.get(reverse("aanvragen:bericht-bewijs", args=[bericht.pk]))
    inhoud = bewijs.content.decode()
    assert bewijs["Content-Disposition"].startswith("attachment")
    assert bericht.tekst in inhoud and aanvraag.referentie in inhoud
    assert hashlib.sha256(bericht.tekst.encode()).hexdigest() in inhoud
    ander = inwoner_client("100042090")
    assert ander.get(reverse("aanvragen:bericht-bewijs", args=[bericht.pk])).status_code == 404


@pytest.mark.django_db
def test_sms_als_keuze_zodra_beheer_het_aanzet():
    """Cached for the wizard, but a change in beheer shows at once."""
    from tests.factories import GemeenteFactory

    gemeente = GemeenteFactory()
    assert keuzes.sms_mogelijk(gemeente.pk) is False
    instelling = NotifyInstelling.objects.create(gemeente=gemeente, actief=True)
    NotifySjabloon.objects.create(
        instelling=instelling,
        soort="aanvulling",
        kanaal=BerichtKanaal.NOTIFY_SMS,
        template_id="11111111-1111-1111-1111-111111111111",
    )
    assert keuzes.sms_mogelijk(gemeente.pk) is True
    NotifyInstelling.objects.filter(pk=instelling.pk).update(actief=False)  # no signal
    instelling.actief = False
    instelling.save()
    assert keuzes.sms_mogelijk(gemeente.pk) is False
