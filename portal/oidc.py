"""Staff login through the gemeente's own identity provider (OpenID Connect), as an option.

Switched on by OIDC_RP_CLIENT_ID. The identity provider says who someone is; the portal decides
what they may do: only an existing, active colleague with a role (matched on e-mail address)
gets in, no account is created on the fly. The second factor of the portal still applies.
"""

from django.contrib.auth.models import User
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


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
