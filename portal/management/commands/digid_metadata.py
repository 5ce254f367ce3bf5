"""Print the portal's SAML metadata for DigiD (what the gemeente sends to Logius to register the
connection): entity ID, the artifact-binding assertion consumer service, the signing
certificate; signed with the configured key. Single logout is not offered (see
portal/digid_saml.py)."""

from django.core.management.base import BaseCommand, CommandError

from portal.digid_saml import CONFIGURATIEFOUTEN, PortalDigiDClient


class Command(BaseCommand):
    help = "Toon de SAML-metadata van het portaal voor de DigiD-aansluiting."

    def handle(self, *args, **options):
        client = PortalDigiDClient()
        client.saml2_setting_kwargs = {"sp_validation_only": True}
        try:
            metadata = client.create_metadata()
        except CONFIGURATIEFOUTEN as fout:
            raise CommandError(
                f"De DigiD-configuratie is niet compleet (certificaat, entity ID, adres): {fout}"
            ) from fout
        self.stdout.write(metadata.decode())
