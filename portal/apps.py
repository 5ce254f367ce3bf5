from django.apps import AppConfig
from django.db.models.signals import post_save


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_migrate

        from portal.generatie import bij_wijziging
        from portal.selectors import regeling_gewijzigd
        from portal.tweefactor import wachtwoord_gegeven

        user_logged_in.connect(wachtwoord_gegeven, dispatch_uid="wachtwoord-gegeven")
        from portal import gezondheid, kanalen

        gezondheid.registreren("notifynl", kanalen.stand_get)
        saml_standaarden_sha256()
        post_save.connect(
            regeling_gewijzigd, sender=self.get_model("Regeling"), dispatch_uid="regeling"
        )
        from django.contrib.auth.models import Group, User
        from django.db.models.signals import m2m_changed

        from portal.rollen import MEDEWERKERS

        medewerkers_gewijzigd = bij_wijziging(MEDEWERKERS)
        for tussen in (User.groups.through, self.get_model("Gemeente").medewerkers.through):
            m2m_changed.connect(
                medewerkers_gewijzigd, sender=tussen, weak=False, dispatch_uid=f"mw-{tussen}"
            )
        for signaal in (post_save, post_delete):
            signaal.connect(
                medewerkers_gewijzigd,
                sender=Group,
                weak=False,
                dispatch_uid=f"mw-groep-{signaal is post_save}",
            )
        # portal.selectors.GEMEENTEN (with their NotifyNL settings) and REGELINGEN
        for naam, model in (
            ("gemeenten", "Gemeente"),
            ("gemeenten", "NotifyInstelling"),
            ("gemeenten", "NotifySjabloon"),
            ("regelingen", "Regeling"),
        ):
            gewijzigd = bij_wijziging(naam)
            for signaal in (post_save, post_delete, post_migrate):
                signaal.connect(
                    gewijzigd,
                    sender=self.get_model(model) if signaal is not post_migrate else self,
                    weak=False,
                    dispatch_uid=f"{naam}-{model}-{signaal}",
                )
        kalender_gewijzigd = bij_wijziging("kalender")  # portal.selectors.KALENDER
        # A data migration writes through historical models (no post_save): new keys after it.
        post_migrate.connect(kalender_gewijzigd, sender=self, weak=False, dispatch_uid="kalender")
        for naam in ("GelijkgesteldeDag", "Sluitingsdag"):
            for signaal in (post_save, post_delete):
                signaal.connect(
                    kalender_gewijzigd,
                    sender=self.get_model(naam),
                    weak=False,
                    dispatch_uid=f"kalender-{naam}-{signaal is post_save}",
                )


def saml_standaarden_sha256() -> None:
    """DigiD over SAML signs and digests with SHA-256 by default, as Logius' own metadata and the
    eToegang rules do. The package's defaults are the SAML standard's SHA-1 (signature *and*
    digest); a new configuration here starts from SHA-256 for both, and beheer can only choose
    SHA-256 or stronger in the admin (the package offers nothing weaker for new values)."""
    from django.apps import apps

    if not apps.is_installed("digid_eherkenning"):
        return
    from digid_eherkenning.choices import DigestAlgorithms, SignatureAlgorithms
    from digid_eherkenning.models import DigidConfiguration

    velden = DigidConfiguration._meta
    velden.get_field("signature_algorithm").default = SignatureAlgorithms.rsa_sha256
    velden.get_field("digest_algorithm").default = DigestAlgorithms.sha256
