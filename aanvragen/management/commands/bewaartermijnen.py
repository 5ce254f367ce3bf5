"""Show (default) or apply (--uitvoeren) the retention terms of the Selectielijst."""

from collections import Counter

from django.core.management.base import BaseCommand
from django.utils import timezone

from aanvragen.archief import (
    bewaartermijnen_toepassen,
    vervallen_list,
    vervallen_terugbelverzoeken,
)


class Command(BaseCommand):
    help = "Bewaartermijnen: laat zien wat weg moet (proefdraaien) of voer het uit."

    def add_arguments(self, parser):
        parser.add_argument("--uitvoeren", action="store_true", help="echt vernietigen")
        parser.add_argument("--lijst", type=int, default=20, help="zoveel referenties tonen")

    def handle(self, *args, uitvoeren, lijst, **options):
        vandaag = timezone.localdate()
        if uitvoeren:
            uitkomst = bewaartermijnen_toepassen(vandaag=vandaag)
            self.stdout.write(f"Vernietigd op {vandaag}: {uitkomst}")
            return
        vervallen = vervallen_list(vandaag=vandaag)
        self.stdout.write(f"Proefdraaien op {vandaag}: {len(vervallen)} aanvragen zouden nu")
        self.stdout.write("hun persoonsgegevens verliezen (niets is gewijzigd).")
        for status, aantal in sorted(Counter(v.status for v in vervallen).items()):
            self.stdout.write(f"  {status:<20} {aantal}")
        terugbellen = vervallen_terugbelverzoeken(vandaag=vandaag).count()
        self.stdout.write(f"  {'terugbelverzoeken':<20} {terugbellen} (ouder dan 3 maanden)")
        for v in vervallen[:lijst]:
            self.stdout.write(
                f"  {v.referentie:<16} {v.status:<20} besloten {v.besloten}"
                f" → weg vanaf {v.vernietigen_vanaf}"
            )
