"""Seed the AOW ages the SVB announced (2024–2030); beheer adds later years in the admin."""

from django.db import migrations

AOW_LEEFTIJDEN = [
    (2024, 67, 0),
    (2025, 67, 0),
    (2026, 67, 0),
    (2027, 67, 0),
    (2028, 67, 3),
    (2029, 67, 3),
    (2030, 67, 3),
]


def vullen(apps, schema_editor):
    AowLeeftijd = apps.get_model("wegwijzer", "AowLeeftijd")
    for jaar, jaren, maanden in AOW_LEEFTIJDEN:
        AowLeeftijd.objects.get_or_create(
            jaar=jaar, defaults={"jaren": jaren, "maanden": maanden, "bron": "SVB"}
        )


class Migration(migrations.Migration):
    dependencies = [("wegwijzer", "0003_aow_leeftijd")]
    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
