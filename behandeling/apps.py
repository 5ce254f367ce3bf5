from django.apps import AppConfig


class BehandelingConfig(AppConfig):
    name = "behandeling"
    verbose_name = "Behandeling"

    def ready(self):
        from aanvragen.archief import anonimiseren_signaal
        from behandeling import archief

        anonimiseren_signaal.connect(archief.aanvraag_anonimiseren, dispatch_uid="behandeling")
