"""Staff login through the gemeente's own identity provider (OpenID Connect), as an option.

Switched on by OIDC_RP_CLIENT_ID. The identity provider says who someone is; the portal decides
what they may do: only an existing, active colleague with a role (matched on e-mail address)
gets in, no account is created on the fly. The second factor of the portal still applies,
unless the gemeente trusts its identity provider's own second factor: when the id_token's `amr`
claim names one of OIDC_MFA_AMR, this login counts as verified (`portal.tweefactor`). The admin
always asks the portal's own code.
"""

from django.conf import settings
from django.contrib.auth.models import User
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

# Session key: the pk of the user whose OIDC login carried a trusted second factor.
TWEEDE_FACTOR_IDP = "tweede_factor_idp"


class MedewerkerOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return User.objects.none()
        return User.objects.filter(
            email__iexact=email, is_active=True, groups__isnull=False
        ).distinct()

    def create_user(self, claims):
        return None  # accounts and roles are managed in the portal, not by the IdP

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        vertrouwd = set(getattr(settings, "OIDC_MFA_AMR", []))
        amr = payload.get("amr") or []
        if user is not None and vertrouwd and isinstance(amr, list) and vertrouwd & set(amr):
            self.request.session[TWEEDE_FACTOR_IDP] = user.pk
        return user
