"""One payment that cannot be paid never holds up another, with a real Celery worker on the
real broker and PostgreSQL."""

from decimal import Decimal

import pytest
from django.urls import reverse

from behandeling.besluiten import aanvraag_toekennen
from behandeling.werkvoorraad import aanvraag_oppakken
from portal.models import Gemeente
from portal.rollen import Rol
from tests.factories import UserFactory, beide_gemeenten, ingediende_aanvraag
from tests.helpers import PortalClient, instellen, wacht_op
from uitbetaling import tasks
from uitbetaling.models import Betaalopdracht, OpdrachtStatus

ARABISCH = "\u0641\u0627\u0637\u0645\u0629 \u0627\u0644\u0639\u0645\u0631\u0627\u0646\u064a"


def _toekennen(bea, **gegevens):
    aanvraag = ingediende_aanvraag(**gegevens)
    aanvraag_oppakken(aanvraag_id=aanvraag.pk, behandelaar=bea)
    aanvraag_toekennen(
        aanvraag_id=aanvraag.pk, behandelaar=bea, bedrag=Decimal("99.90"), motivering="ok"
    )
    return aanvraag


def test_een_naam_zonder_latijnse_letters_houdt_de_rest_niet_op(celery_worker, settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    bea = UserFactory(rollen=[Rol.BEHANDELAAR])
    # A gemeente whose own account name has diacritics (a real one: Súdwest-Fryslân).
    ingediende_aanvraag()  # creates the gemeenten
    instellen(Gemeente.objects.filter(cbs_code="9001"), rekening_naam="Gemeente Súdwest-Fryslân")
    # Data from before the check at entry (the wizard now refuses such a name).
    vreemd = _toekennen(bea, rekeninghouder=ARABISCH)
    gewoon = _toekennen(bea)
    opdracht = wacht_op(
        lambda: Betaalopdracht.objects.filter(aanvraag=gewoon, status="aangeboden").first()
    )
    assert "Gemeente Sudwest-Fryslan" in opdracht.batch.xml
    apart = wacht_op(
        lambda: Betaalopdracht.objects.filter(
            aanvraag=vreemd, status=OpdrachtStatus.NIET_TE_BETALEN
        ).first()
    )
    assert "Latijnse letters" in apart.probleem and apart.batch is None
    client = PortalClient()
    client.force_login(bea)
    werkvoorraad = client.get(reverse("behandeling:werkvoorraad")).content.decode()
    assert vreemd.referentie in werkvoorraad and "Niet te betalen" in werkvoorraad
    # The behandelaar calls, writes the name as on the bank card: it goes out after all.
    client.post(
        reverse("behandeling:betaling-opnieuw", args=[vreemd.pk]),
        {
            "opnieuw-iban": apart.iban,
            "opnieuw-rekeninghouder": "Fatima El Amrani",
            "opnieuw-reden": "Gebeld: naam zoals op de bankpas.",
        },
    )
    # A new name is a payee change: a colleague approves it first.
    assert Betaalopdracht.objects.get(pk=apart.pk).status == OpdrachtStatus.NIET_TE_BETALEN


@pytest.mark.django_db
def test_een_gemeente_met_een_fout_slaat_de_andere_niet_over(settings, tmp_path):
    settings.SEPA_OUTBOX_DIR = tmp_path
    bea = UserFactory(rollen=[Rol.BEHANDELAAR], gemeenten=beide_gemeenten())
    goed = _toekennen(bea)
    dorp = ingediende_aanvraag(bsn="100042090")
    aanvraag_oppakken(aanvraag_id=dorp.pk, behandelaar=bea)
    aanvraag_toekennen(
        aanvraag_id=dorp.pk, behandelaar=bea, bedrag=Decimal("99.90"), motivering="ok"
    )
    from uitbetaling.opdrachten import betaalopdracht_aanmaken

    for aanvraag in (goed, dorp):
        betaalopdracht_aanmaken(aanvraag_id=aanvraag.pk)
    # Dorpsveen's own account broke (bypassing the admin's check): its file cannot be made.
    instellen(Gemeente.objects.filter(cbs_code="9002"), rekening_iban="NL00XXXX0000000000")
    assert tasks.batches_verwerken() == 1  # one failure, logged
    assert Betaalopdracht.objects.get(aanvraag=goed).status == OpdrachtStatus.AANGEBODEN
    assert Betaalopdracht.objects.get(aanvraag=dorp).status == OpdrachtStatus.KLAARGEZET


def test_naam_wordt_gecontroleerd_waar_hij_wordt_ingevuld():
    from aanvragen.forms import UitbetalingForm

    form = UitbetalingForm({"iban": "NL91ABNA0417164300", "rekeninghouder": ARABISCH})
    assert not form.is_valid()
    assert "zoals die op de bankpas staat" in form.errors["rekeninghouder"][0]
    assert UitbetalingForm({"iban": "NL91ABNA0417164300", "rekeninghouder": "Zoë Søren"}).is_valid()


@pytest.mark.django_db
def test_gemeente_rekening_wordt_in_het_beheer_gecontroleerd():
    from django.core.exceptions import ValidationError

    gemeente = Gemeente(
        naam="X", cbs_code="9999", telefoon="1", rekening_iban="NL00", rekening_naam="\u0641"
    )
    with pytest.raises(ValidationError) as fout:
        gemeente.full_clean()
    assert {"rekening_iban", "rekening_naam"} <= set(fout.value.message_dict)
