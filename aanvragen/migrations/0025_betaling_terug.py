from django.db import migrations, models

# uitbetaling.statussen.TERUG_BIJ_BEHANDELAAR as it stood when this migration was written.
TERUG = ["geweigerd", "teruggeboekt", "niet_te_betalen"]


def bestaande_markeren(apps, schema_editor):
    """Aanvragen whose payment is back at the gemeente today get the mark it now keeps."""
    Aanvraag = apps.get_model("aanvragen", "Aanvraag")
    Betaalopdracht = apps.get_model("uitbetaling", "Betaalopdracht")
    Wijziging = apps.get_model("uitbetaling", "OpdrachtStatusWijziging")
    for opdracht in Betaalopdracht.objects.filter(status__in=TERUG):
        laatste = (
            Wijziging.objects.filter(opdracht=opdracht, naar=opdracht.status)
            .order_by("-op")
            .values_list("op", flat=True)
            .first()
        )
        Aanvraag.objects.filter(pk=opdracht.aanvraag_id).update(
            betaling_terug_op=laatste or opdracht.aangemaakt_op
        )


class Migration(migrations.Migration):
    dependencies = [
        ("aanvragen", "0024_aanvulling_van_behandeling"),
        ("uitbetaling", "0007_werkvoorraad_indexen"),
    ]

    operations = [
        migrations.AddField(
            model_name="aanvraag",
            name="betaling_terug_op",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="betaling teruggekomen op"
            ),
        ),
        migrations.RunPython(bestaande_markeren, migrations.RunPython.noop),
    ]
