"""Print the texts a gemeente puts in its NotifyNL templates, one per message kind and channel
(aanvragen/berichtteksten.py; docs/berichten.md says where each template id goes)."""

from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

from aanvragen.berichtteksten import TEKSTEN, velden_van


class Command(BaseCommand):
    help = "De teksten voor de NotifyNL-templates van de gemeente, per soort bericht."

    def handle(self, *args, **options):
        for soort, tekst in TEKSTEN.items():
            email = render_to_string(
                "berichten/inwoner_mail.txt",
                {"tekst": tekst, "link": "((link))" if "link" in velden_van(soort) else ""},
            ).strip()
            velden = ", ".join(sorted(velden_van(soort)))
            self.stdout.write(f"## {soort}\nvelden: {velden}\n")
            self.stdout.write(f"SMS:\n{tekst.sms}\n")
            self.stdout.write(f"E-mail, onderwerp:\n{tekst.onderwerp}\n")
            self.stdout.write(f"E-mail, tekst:\n{email}\n\n")
