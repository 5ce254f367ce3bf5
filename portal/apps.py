from django.apps import AppConfig
from django.db.models.signals import post_save


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from portal.selectors import regeling_gewijzigd
        from portal.tweefactor import wachtwoord_gegeven

        user_logged_in.connect(wachtwoord_gegeven, dispatch_uid="wachtwoord-gegeven")
        post_save.connect(
            regeling_gewijzigd, sender=self.get_model("Regeling"), dispatch_uid="regeling"
        )
