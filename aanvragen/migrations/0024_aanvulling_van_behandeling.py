"""Aanvullingsverzoek and Opschorting come over from the behandeling app with their rows: the
state takes the existing tables (behandeling 0007 let go of them), then they are renamed."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("aanvragen", "0023_brp_huishouden"),
        ("behandeling", "0007_aanvulling_naar_aanvragen"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Aanvullingsverzoek",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("vraag", models.TextField(verbose_name="wat hebben we nodig")),
                        ("termijn_tot", models.DateField(verbose_name="uiterlijk")),
                        ("gevraagd_op", models.DateTimeField(verbose_name="gevraagd op")),
                        (
                            "beantwoord_op",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="beantwoord op"
                            ),
                        ),
                        ("antwoord", models.TextField(blank=True, verbose_name="antwoord")),
                        (
                            "aanvraag",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="aanvullingsverzoeken",
                                to="aanvragen.aanvraag",
                            ),
                        ),
                        (
                            "beantwoord_namens",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="ingevuld door medewerker",
                            ),
                        ),
                        (
                            "gevraagd_door",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="aanvullingsverzoeken",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "aanvullingsverzoek",
                        "verbose_name_plural": "aanvullingsverzoeken",
                        "ordering": ["gevraagd_op", "pk"],
                        "db_table": "behandeling_aanvullingsverzoek",
                    },
                ),
                migrations.CreateModel(
                    name="Opschorting",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("van", models.DateField(verbose_name="vanaf")),
                        ("tot", models.DateField(blank=True, null=True, verbose_name="tot en met")),
                        ("reden", models.CharField(max_length=200, verbose_name="reden")),
                        (
                            "aanvraag",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="opschortingen",
                                to="aanvragen.aanvraag",
                            ),
                        ),
                        (
                            "verzoek",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="opschorting",
                                to="aanvragen.aanvullingsverzoek",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "opschorting",
                        "verbose_name_plural": "opschortingen",
                        "ordering": ["van", "pk"],
                        "db_table": "behandeling_opschorting",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="aanvullingsverzoek", table=None),
        migrations.AlterModelTable(name="opschorting", table=None),
    ]
