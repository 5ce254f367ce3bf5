from django.apps import AppConfig
from django.db.models.signals import post_save


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self):
        from portal.selectors import regeling_gewijzigd

        post_save.connect(
            regeling_gewijzigd, sender=self.get_model("Regeling"), dispatch_uid="regeling"
        )
