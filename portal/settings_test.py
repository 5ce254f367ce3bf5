"""Settings for the test suite: production settings against local PostgreSQL and Redis.

`make test` starts both servers; the variables below can be overridden from the environment.
"""

import os
import secrets
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DATABASE_URL", "postgres://portal:portal@127.0.0.1:5432/portal")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("DJANGO_HTTPS", "0")  # the live test server speaks plain HTTP
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
# The SAML flow is installed too: tests/portal/test_digid_saml.py runs it against a local IdP.
os.environ.setdefault("DIGID_SAML_INSTALLEREN", "1")
# Staff OpenID Connect is on in the tests: a stand-in identity provider (tests/portal/test_oidc.py)
# sets the endpoints; the client signs its id_tokens with the shared secret (HS256).
os.environ.setdefault("OIDC_RP_CLIENT_ID", "snelservice-test")
os.environ.setdefault("OIDC_RP_CLIENT_SECRET", "test-geheim-" + secrets.token_hex(16))
os.environ.setdefault("OIDC_RP_SIGN_ALGO", "HS256")
_BASE = Path(__file__).resolve().parent.parent
os.environ.setdefault("PORTAL_VAR_DIR", str(_BASE / "var" / "test"))

from portal.settings import *  # noqa: E402,F403

# The suite logs inwoners in through the simulator. Production settings refuse it from the
# environment (portal/settings.py); only this module, set after that check, switches it on.
DIGID_BACKEND = "simulator"
DIGID_SIMULATOR_TOEGESTAAN = True

DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker process started by a test may be pointed at a local mail server.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns otherwise
