from django.apps import AppConfig


class BehandelingConfig(AppConfig):
    name = "behandeling"
    verbose_name = "Behandeling"
