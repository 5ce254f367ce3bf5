"""PDF documents (receipts, beschikkingen) with WeasyPrint, as tagged PDF/UA for screen readers."""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML


def pdf_maken(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
