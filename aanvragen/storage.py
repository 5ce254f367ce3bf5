"""A formtools storage that keeps the wizard's state in the database, per applicant.

The session only says who is logged in; the answers live in an AanvraagConcept row keyed by the
applicant (and, on the phone, the colleague). So a DigiD session that expires after 15 minutes,
a closed tab or "continue later" loses nothing: after a new login the wizard resumes at the last
step. Uploaded files wait in private storage until submission.
"""

import json

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from formtools.wizard.storage.base import BaseStorage

from aanvragen import services


def concept_bestanden():
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT / "concept-bestanden")


class ConceptStorage(BaseStorage):
    def __init__(self, prefix, request=None, file_storage=None):
        super().__init__(prefix, request, file_storage)
        self.aanvrager = request.aanvrager
        data = services.concept_data_get(aanvrager=self.aanvrager)
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
            services.concept_verwijderen(aanvrager=self.aanvrager)
        elif (
            self._gewijzigd
            and self._data.get(self.step_data_key)  # no empty drafts
            and json.dumps(self._data, sort_keys=True) != self._origineel  # a GET writes nothing
        ):
            services.concept_opslaan(
                aanvrager=self.aanvrager, data=self._data, stap=self._data.get(self.step_key) or ""
            )
