from django.apps import AppConfig


class UitbetalingConfig(AppConfig):
    name = "uitbetaling"
    verbose_name = "Uitbetaling"
