"""PDF documents (receipts, beschikkingen) with WeasyPrint, as tagged PDF/UA for screen readers."""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from portal.tekst import zonder_bidi


def pdf_maken(template: str, context: dict) -> bytes:
    # Removed before the PDF: data that came in another way than a form (the BRP, older rows)
    # may still hold bidi controls, and a PDF has no <bdi> to contain them.
    html = zonder_bidi(render_to_string(template, context))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
