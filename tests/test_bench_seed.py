"""`make bench` seeds with plain SQL (bench/seed.py): Django's defaults are not in the database,
so every NOT NULL column must be in the seed's INSERT, or the benchmark breaks the first time a
column is added (as it once did, unnoticed, because no test ran the seed)."""

import re
from pathlib import Path

from django.apps import apps

SEED = Path(__file__).resolve().parent.parent / "bench" / "seed.py"


def test_de_seed_vult_elke_verplichte_kolom():
    inserts = re.findall(r"INSERT INTO (\w+)\s*\(([^)]*)\)", SEED.read_text())
    assert len(inserts) >= 5
    modellen = {m._meta.db_table: m for m in apps.get_models()}
    for tabel, kolommen in inserts:
        gevuld = {k.strip() for k in kolommen.split(",")}
        model = modellen[tabel]
        verplicht = {
            f.column for f in model._meta.concrete_fields if not f.null and not f.primary_key
        }
        assert verplicht <= gevuld, (tabel, sorted(verplicht - gevuld))
