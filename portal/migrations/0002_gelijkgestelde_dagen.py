"""Seed the days equated with Atw feestdagen by decree (shared/domain.md §2).

They cannot be derived by a rule; functioneel beheer adds new decrees in the admin.
"""

from datetime import date

from django.db import migrations

DAGEN = [
    (date(2026, 1, 2), "Vrijdag na Nieuwjaarsdag (gelijkgesteld)"),
    (date(2026, 5, 15), "Vrijdag na Hemelvaartsdag (gelijkgesteld)"),
    (date(2027, 5, 7), "Vrijdag na Hemelvaartsdag (gelijkgesteld)"),
    (date(2028, 4, 28), "Vrijdag na Koningsdag (gelijkgesteld)"),
    (date(2028, 5, 26), "Vrijdag na Hemelvaartsdag (gelijkgesteld)"),
]


def seed(apps, schema_editor):
    GelijkgesteldeDag = apps.get_model("portal", "GelijkgesteldeDag")
    for datum, omschrijving in DAGEN:
        GelijkgesteldeDag.objects.get_or_create(datum=datum, defaults={"omschrijving": omschrijving})


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
