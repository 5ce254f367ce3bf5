"""The beschikking: the decision as a PDF in the dossier, once, with its bezwaar term."""

from datetime import date

from django.utils import timezone

from aanvragen.documenten import pdf_document_eenmaal
from aanvragen.models import Aanvraag, Document, DocumentSoort
from aanvragen.selectors import voorstel_get
from behandeling.presenters import beschikking_motivering
from portal.iban import iban_gemaskeerd
from portal.werkdagen import (
    Kalender,
    wettelijke_termijn,
)
from uitbetaling.selectors import (
    begunstigde_van,
    verwachte_uitvoerdatum,
)


def beschikking_maken(*, aanvraag_id: int) -> Document:
    """The beschikking as a PDF in the dossier, once per aanvraag; the inwoner is told on the
    channel they chose for decisions (Wmebv: only with that choice; otherwise the gemeente's
    post room sends the printed PDF), with the last day for bezwaar."""
    aanvraag = Aanvraag.objects.select_related(
        "gemeente", "kostensoort", "regeling", "behandelaar", "betaalopdracht"
    ).get(pk=aanvraag_id)
    voorstel = voorstel_get(aanvraag=aanvraag)
    bezwaar_tot = bezwaartermijn_einde(timezone.localdate(aanvraag.besloten_op or timezone.now()))
    return pdf_document_eenmaal(
        aanvraag=aanvraag,
        soort=DocumentSoort.BESCHIKKING,
        template="behandeling/beschikking_pdf.html",
        context={
            "voorstel": voorstel,
            "motivering": beschikking_motivering(aanvraag, berekening=voorstel),
            "iban": iban_gemaskeerd(begunstigde_van(aanvraag).iban),
            "betaaldatum": verwachte_uitvoerdatum(aanvraag)
            if aanvraag.toegekend_bedrag is not None
            else None,
            "bezwaar_tot": bezwaar_tot,
        },
        naam=f"beschikking-{aanvraag.referentie}.pdf",
        bericht_termijn=bezwaar_tot,
    )


def bezwaartermijn_einde(verzonden: date) -> date:
    """Awb 6:7/6:8: six weeks from the day after sending; moved per Atw art. 1."""
    return wettelijke_termijn(verzonden, 6, Kalender()).datum
