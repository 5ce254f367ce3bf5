"""Private file storage: uploads and generated PDFs. Never below a public URL."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PriveOpslag(FileSystemStorage):
    """Files are served only through views that check who asks (no base_url)."""

    def __init__(self, **kwargs):
        super().__init__(location=settings.PRIVATE_MEDIA_ROOT, base_url=None, **kwargs)

    def url(self, name):
        raise NotImplementedError("private files have no public URL")


def prive_opslag() -> PriveOpslag:
    return PriveOpslag()
