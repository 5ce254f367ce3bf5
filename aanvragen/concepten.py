"""Wizard drafts: a formtools storage that keeps the wizard's state in the database, per
applicant, and the functions that keep and clear those drafts.

The session only says who is logged in; the answers live in an AanvraagConcept row keyed by the
applicant (and, on the phone, the colleague). So a DigiD session that expires after 15 minutes,
a closed tab or "continue later" loses nothing: after a new login the wizard resumes at the last
step. Uploaded files wait in private storage until submission.
"""

import json
from datetime import datetime

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import IntegrityError, transaction
from django.utils import timezone
from formtools.wizard.storage.base import BaseStorage

from aanvragen.models import AanvraagConcept


def concept_bestanden():
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT / "concept-bestanden")


def concept_sleutel(aanvrager) -> str:
    if aanvrager.namens is not None:
        return f"{aanvrager.bsn}:telefoon:{aanvrager.namens.pk}"
    return f"{aanvrager.bsn}:digitaal"


def concept_data_get(*, aanvrager) -> dict | None:
    concept = AanvraagConcept.objects.filter(sleutel=concept_sleutel(aanvrager)).first()
    return concept.data if concept else None


def _zonder_nul(waarde):
    """PostgreSQL's jsonb cannot hold U+0000; nobody types it, a fuzzer or an attacker does."""
    if isinstance(waarde, str):
        return waarde.replace("\x00", "")
    if isinstance(waarde, dict):
        return {_zonder_nul(k): _zonder_nul(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_zonder_nul(v) for v in waarde]
    return waarde


def concept_opslaan(*, aanvrager, data: dict, stap: str) -> None:
    """One UPDATE on every later step; INSERT only the first time (a race falls back to UPDATE)."""
    sleutel = concept_sleutel(aanvrager)
    data = _zonder_nul(data)
    velden = {"data": data, "stap": stap, "bijgewerkt_op": timezone.now()}
    if AanvraagConcept.objects.filter(sleutel=sleutel).update(**velden):
        return
    try:
        with transaction.atomic():
            AanvraagConcept.objects.create(
                sleutel=sleutel, bsn=aanvrager.bsn, namens=aanvrager.namens, data=data, stap=stap
            )
    except IntegrityError:
        AanvraagConcept.objects.filter(sleutel=sleutel).update(**velden)


def concept_verwijderen(*, aanvrager) -> None:
    AanvraagConcept.objects.filter(sleutel=concept_sleutel(aanvrager)).delete()


def concepten_opruimen(*, ouder_dan: datetime) -> int:
    """Delete drafts not touched since `ouder_dan`, with their uploaded files."""
    opslag = concept_bestanden()
    oud = AanvraagConcept.objects.filter(bijgewerkt_op__lt=ouder_dan)
    for concept in oud:
        for bestanden in concept.data.get("step_files", {}).values():
            for bestand in bestanden.values():
                opslag.delete(bestand["tmp_name"])
    return oud.delete()[0]


class ConceptStorage(BaseStorage):
    def __init__(self, prefix, request=None, file_storage=None):
        super().__init__(prefix, request, file_storage)
        self.aanvrager = request.aanvrager
        data = concept_data_get(aanvrager=self.aanvrager)
        self._data = data
        self._origineel = json.dumps(data, sort_keys=True)
        self._gewijzigd = False
        self._gewist = False
        if not self._data:
            self.init_data()
            self._gewijzigd = False

    def _get_data(self):
        self._gewijzigd = True  # formtools mutates the dict in place
        return self._data

    def _set_data(self, value):
        self._data = value
        self._gewijzigd = True

    data = property(_get_data, _set_data)

    def reset(self):
        super().reset()
        self._gewist = True

    def update_response(self, response):
        super().update_response(response)
        if self._gewist and not self._data.get(self.step_data_key):
            concept_verwijderen(aanvrager=self.aanvrager)
        elif (
            self._gewijzigd
            and self._data.get(self.step_data_key)  # no empty drafts
            and json.dumps(self._data, sort_keys=True) != self._origineel  # a GET writes nothing
        ):
            concept_opslaan(
                aanvrager=self.aanvrager, data=self._data, stap=self._data.get(self.step_key) or ""
            )
