"""Aanvullingsverzoek and Opschorting move to the aanvragen app (issue 17: the inwoner's answer
and the deadlines it moves live with the aanvraag). Only Django's state changes here; the tables
stay and aanvragen 0024 takes them over and renames them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("behandeling", "0006_aanvulling_namens"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="opschorting", name="verzoek"),
                migrations.RemoveField(model_name="opschorting", name="aanvraag"),
                migrations.DeleteModel(name="Aanvullingsverzoek"),
                migrations.DeleteModel(name="Opschorting"),
            ],
            database_operations=[],
        ),
    ]
