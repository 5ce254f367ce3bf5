from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class WegwijzerConfig(AppConfig):
    name = "wegwijzer"
    verbose_name = "Wegwijzer"

    def ready(self):
        from wegwijzer.selectors import beleid_gewijzigd

        # Any change to the rules (admin, services, fixtures) invalidates cached versions.
        for naam in (
            "Normbedrag",
            "Vermogensgrens",
            "Kostensoort",
            "Beleidsregel",
            "Draagkrachtband",
            "KostensoortBeleid",
        ):
            model = self.get_model(naam)
            post_save.connect(beleid_gewijzigd, sender=model, dispatch_uid=f"beleid-{naam}")
            post_delete.connect(beleid_gewijzigd, sender=model, dispatch_uid=f"beleid-{naam}-d")
