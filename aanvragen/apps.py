from django.apps import AppConfig


class AanvragenConfig(AppConfig):
    name = "aanvragen"
    verbose_name = "Aanvragen"

    def ready(self):
        from aanvragen.brp import stand_get
        from portal import gezondheid

        # "configuratie": the BRP refuses our key, certificate or token.
        gezondheid.registreren("brp", stand_get)

        from aanvragen.keuzes import terugvallen
        from portal.berichten import niet_aangekomen

        # A message that did not arrive goes another way (e-mail, else a letter).
        niet_aangekomen.connect(terugvallen, dispatch_uid="berichten-terugvallen")
