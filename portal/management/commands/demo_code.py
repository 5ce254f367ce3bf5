"""Print the current code of a colleague's authenticator app: for the demo and screenshots only.

`make run` has demo accounts without a phone. This command stands in for the app and refuses to
run unless DEBUG is on (never on a production machine).
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Show the current second-factor code of a demo account (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")

    def handle(self, *args, gebruikersnaam, **options):
        if not settings.DEBUG:
            raise CommandError("Alleen voor de demo (DJANGO_DEBUG=1).")
        try:
            user = User.objects.get(username=gebruikersnaam)
        except User.DoesNotExist as fout:
            raise CommandError(f"Geen medewerker {gebruikersnaam!r}.") from fout
        apparaat = TOTPDevice.objects.filter(user=user).order_by(
            "-confirmed"
        ).first() or TOTPDevice.objects.create(user=user, name="app", confirmed=False)
        self.stdout.write(f"{totp(apparaat.bin_key):06d}")
