"""SLA escalations go through the outbox (portal.Bericht, issue 17). Every existing signal gets
its message: the delivered ones as sent (at the time they were), the undelivered ones waiting, so
the outbox sends them; then the signal's own delivery stamp goes."""

import django.db.models.deletion
from django.db import migrations, models
from django.template.loader import render_to_string
from django.utils import timezone

LABELS = {"risico": "Besluit moet vandaag of morgen", "te_laat": "Besluit is te laat"}


def berichten_maken(apps, schema_editor):
    SlaSignaal = apps.get_model("behandeling", "SlaSignaal")
    Bericht = apps.get_model("portal", "Bericht")
    nu = timezone.now()
    for signaal in SlaSignaal.objects.exclude(aan="").select_related("aanvraag"):
        verstuurd = signaal.verstuurd_op
        signaal.bericht = Bericht.objects.create(
            soort="sla-signaal",
            aanvraag_id=signaal.aanvraag_id,
            aan=signaal.aan,
            onderwerp=f"[{LABELS.get(signaal.soort, signaal.soort)}] {signaal.aanvraag.referentie}",
            tekst=render_to_string(
                "behandeling/sla_signaal_mail.txt",
                {"aanvraag": signaal.aanvraag, "soort": signaal.soort},
            ),
            status="verzonden" if verstuurd else "wacht",
            aangemaakt_op=signaal.aangemaakt_op,
            volgende_poging_op=nu,
            verzonden_op=verstuurd,
            pogingen=1 if verstuurd else 0,
        )
        signaal.save(update_fields=["bericht"])


class Migration(migrations.Migration):
    dependencies = [
        ("behandeling", "0007_aanvulling_naar_aanvragen"),
        ("portal", "0011_bericht"),
    ]

    operations = [
        migrations.AddField(
            model_name="slasignaal",
            name="bericht",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="portal.bericht",
            ),
        ),
        migrations.RunPython(berichten_maken, migrations.RunPython.noop),
        migrations.RemoveField(model_name="slasignaal", name="verstuurd_op"),
    ]
