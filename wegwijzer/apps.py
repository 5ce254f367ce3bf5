from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class WegwijzerConfig(AppConfig):
    name = "wegwijzer"
    verbose_name = "Wegwijzer"

    def ready(self):
        from wegwijzer.selectors import beleid_gewijzigd

        # Any change to the rules (admin, services, fixtures, data migrations) invalidates
        # cached versions.
        post_migrate.connect(beleid_gewijzigd, sender=self, dispatch_uid="beleid-migrate")
        for naam in (
            "Normbedrag",
            "Vermogensgrens",
            "Kostensoort",
            "Beleidsregel",
            "Draagkrachtband",
            "KostensoortBeleid",
            "AowLeeftijd",
        ):
            model = self.get_model(naam)
            post_save.connect(beleid_gewijzigd, sender=model, dispatch_uid=f"beleid-{naam}")
            post_delete.connect(beleid_gewijzigd, sender=model, dispatch_uid=f"beleid-{naam}-d")
