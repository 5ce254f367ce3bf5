"""Files in the dossier: uploads, the PDFs the portal makes (receipt, beschikking) and the
proof an inwoner sends later."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from aanvragen.keuzes import inwoner_berichten
from aanvragen.models import (
    Aanvraag,
    Document,
    DocumentSoort,
    OntvangstSoort,
)
from aanvragen.ontvangst import ontvangst_vastleggen
from aanvragen.status import AanvraagGewijzigd, door_omschrijving, gebeurtenis_vastleggen
from aanvragen.statussen import Status
from portal import logboek
from portal.actor import INWONER
from portal.pdf import pdf_maken


def document_toevoegen(
    *,
    aanvraag: Aanvraag,
    soort: str,
    bestand,
    bestandsnaam: str = "",
    content_type: str = "",
    scan_melding: str = "",
) -> Document:
    """Store a file in the dossier (privately), with its hash and checked type."""
    bestand.seek(0)
    sha = hashlib.sha256()
    for blok in iter(lambda: bestand.read(64 * 1024), b""):
        sha.update(blok)
    bestand.seek(0)
    naam = bestandsnaam or Path(getattr(bestand, "name", "") or "bestand").name
    document = Document(
        aanvraag=aanvraag,
        soort=soort,
        bestandsnaam=naam[:200],
        content_type=content_type
        or getattr(bestand, "gekeurde_soort", "")
        or "application/octet-stream",
        grootte=bestand.size,
        sha256=sha.hexdigest(),
        virusscan=scan_melding,
    )
    document.bestand.save(naam, File(bestand), save=False)
    document.save()
    return document


def pdf_document_eenmaal(
    *,
    aanvraag: Aanvraag,
    soort: str,
    template: str,
    context: dict,
    naam: str,
    bericht_termijn=None,
) -> Document:
    """Render a PDF into the dossier once per aanvraag and kind (a unique key guards parallel
    runs of the same task), and tell the inwoner on the channel they chose for it (with the
    deadline `bericht_termijn`), through the outbox in the same transaction."""
    bestaand = Document.objects.filter(aanvraag=aanvraag, soort=soort).first()
    if bestaand is not None:
        return bestaand
    logboek.voor_aanvraag(
        aanvraag, activiteit="besluit-versturen", naam=f"{soort} maken", proces="taak:pdf"
    )
    pdf = pdf_maken(template, {"aanvraag": aanvraag, **context})
    try:
        with transaction.atomic():
            document = document_toevoegen(
                aanvraag=aanvraag,
                soort=soort,
                bestand=ContentFile(pdf, name=naam),
                bestandsnaam=naam,
                content_type="application/pdf",
            )
            # With the document or not at all: a retry of the task finds both.
            inwoner_berichten(
                aanvraag, soort=soort, termijn=bericht_termijn, bijlage=document.bestand
            )
    except IntegrityError:  # made by a parallel run of the same task
        return Document.objects.get(aanvraag=aanvraag, soort=soort)
    return document


def ontvangstbevestiging_maken(*, aanvraag_id: int) -> Document:
    """The receipt of Awb 4:3a as a PDF in the dossier, once; e-mailed when an address is known."""
    aanvraag = Aanvraag.objects.select_related("gemeente", "kostensoort", "regeling").get(
        pk=aanvraag_id
    )
    return pdf_document_eenmaal(
        aanvraag=aanvraag,
        soort=DocumentSoort.ONTVANGSTBEVESTIGING,
        template="aanvragen/ontvangstbevestiging_pdf.html",
        context={},
        naam=f"ontvangstbevestiging-{aanvraag.referentie}.pdf",
        bericht_termijn=aanvraag.einddatum_gepland,
    )


class BewijsNietMeerNodig(AanvraagGewijzigd):
    """The aanvraag waits for no proof (any more), or is decided."""


def bewijs_nasturen(*, aanvraag_id: int, bsn: str, bestand, namens=None, nu=None) -> Document:
    """The inwoner (or a colleague on the phone for them) sends the proof that was to follow.

    Only for their own aanvraag that is still open and waits for it; recorded in the history so
    the behandelaar sees it arrived. An open question about it is answered on its own page
    (the aanvulling), which also restarts the clock.
    """
    with transaction.atomic():
        aanvraag = (
            Aanvraag.objects.van_inwoner(bsn, namens=namens)
            .select_for_update()
            .filter(pk=aanvraag_id)
            .first()
        )
        if (
            aanvraag is None
            or not aanvraag.bewijs_volgt
            or aanvraag.status not in (Status.INGEDIEND, Status.IN_BEHANDELING)
        ):
            raise BewijsNietMeerNodig(_("Voor deze aanvraag hoeft u geen bewijs meer te sturen."))
        document = document_toevoegen(
            aanvraag=aanvraag, soort=DocumentSoort.BEWIJS, bestand=bestand
        )
        aanvraag.bewijs_volgt = False
        aanvraag.save(update_fields=["bewijs_volgt", "gewijzigd_op"])
        gebeurtenis_vastleggen(
            aanvraag=aanvraag,
            door=namens or INWONER,
            reden=_("Bewijs nagestuurd")
            if namens is None
            else _("Bewijs nagestuurd, aan de telefoon door %(naam)s")
            % {"naam": door_omschrijving(namens)},
            nu=nu,
        )
        ontvangst_vastleggen(
            aanvraag=aanvraag,
            soort=OntvangstSoort.BEWIJS,
            delen=[document.sha256],
            namens=namens,
            nu=nu,
        )
        return document
