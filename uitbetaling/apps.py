from django.apps import AppConfig


class UitbetalingConfig(AppConfig):
    name = "uitbetaling"
    verbose_name = "Uitbetaling"

    def ready(self):
        from aanvragen.archief import anonimiseren_signaal, bewaartermijnen_signaal
        from uitbetaling import archief

        anonimiseren_signaal.connect(archief.aanvraag_anonimiseren, dispatch_uid="uitbetaling")
        bewaartermijnen_signaal.connect(
            archief.bewaartermijnen_toepassen, dispatch_uid="uitbetaling"
        )
