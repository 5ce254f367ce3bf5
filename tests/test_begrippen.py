"""docs/begrippen.md names every domain noun of the code: each model and each enum of the four
apps and the shared core appears in its "in code" column (as `…Name`), so a new concept is
explained where colleagues and auditors look it up."""

import enum
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from django.apps import apps
from django.db import models

APPS = ["portal", "wegwijzer", "aanvragen", "behandeling", "uitbetaling"]
# Plumbing, not domain: nobody in a gemeente speaks of these.
TECHNISCH = {"WorkerHartslag", "BerichtStatus", "DigiDLogin", "ActorSoort"}
BEGRIPPEN = Path(__file__).resolve().parents[1] / "docs" / "begrippen.md"


def _enums():
    for app in APPS:
        pakket = importlib.import_module(app)
        for module in pkgutil.iter_modules(pakket.__path__, f"{app}."):
            if module.name.endswith(("settings", "settings_test", "digid_saml", "wsgi", "asgi")):
                continue
            if module.ispkg:
                continue
            for naam, waarde in inspect.getmembers(importlib.import_module(module.name)):
                if (
                    inspect.isclass(waarde)
                    and issubclass(waarde, enum.Enum)
                    and waarde.__module__ == module.name
                ):
                    yield naam


def domeinnamen() -> set[str]:
    modellen = {
        model.__name__
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if issubclass(model, models.Model)
    }
    return (modellen | set(_enums())) - TECHNISCH


def test_elk_model_en_elke_keuzelijst_staat_in_de_begrippenlijst():
    tekst = BEGRIPPEN.read_text()
    genoemd = set(re.findall(r"`[\w./]*?(\w+)`", tekst)) | set(re.findall(r"[.](\w+)`", tekst))
    ontbreekt = sorted(naam for naam in domeinnamen() if naam not in genoemd)
    assert not ontbreekt, f"niet in docs/begrippen.md: {', '.join(ontbreekt)}"
