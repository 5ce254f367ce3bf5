"""Settings, read from environment variables.

Safe production defaults: DEBUG is off, HTTPS is enforced and a secret key must be given.
`make run` sets DJANGO_DEBUG=1 and uses the embedded defaults (SQLite, filesystem broker).
See README.md for the table of variables.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)


def _secret_key() -> str:
    key = os.environ.get("DJANGO_SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (required when DJANGO_DEBUG is off).")
    # Development only: a random key kept outside version control in var/.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "formtools",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "portal",
    "wegwijzer",
    "aanvragen",
    "behandeling",
    "uitbetaling",
]

MIDDLEWARE = [
    "portal.middleware.KlantAdres",  # first: every later part sees the client's own address
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.BeveiligingsHeaders",
    "portal.middleware.Trace",
    "axes.middleware.AxesMiddleware",  # last: turns a lock-out into the Dutch lock-out page
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves the web server and two worker processes at once: wait for
    # locks instead of failing, take the write lock up front, and let readers run (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "medewerker-inloggen"
LOGIN_REDIRECT_URL = "medewerker-start"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads and generated PDFs: never below STATIC_ROOT or any public path.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_MB", "10")) * 1024 * 1024
# ClamAV: "host:port" or a Unix socket path of clamd; empty means uploads are not scanned.
CLAMD_ADRES = os.environ.get("CLAMD_ADRES", "")

# Sessions. DigiD caps a session at 15 minutes; staff sessions last a working day.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
INWONER_SESSIE_MINUTEN = int(os.environ.get("INWONER_SESSIE_MINUTEN", "15"))
# Unsent aanvragen (drafts) are deleted after this many days without activity.
CONCEPT_BEWAARTERMIJN_DAGEN = int(os.environ.get("CONCEPT_BEWAARTERMIJN_DAGEN", "30"))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# HTTPS and security headers. DJANGO_HTTPS=0 only behind a plain-HTTP test or dev server.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Cache: Redis when REDIS_URL is set, otherwise per-process memory.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.RedisCache",  # one Redis client per pool
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    # Sessions read from Redis, written through to the database: a page view costs no
    # session query, and a Redis restart loses no login.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: the embedded default needs no server (kombu's filesystem transport).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
_broker_dir = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),  # not ./control in the working tree
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "hartslag": {"task": "portal.hartslag", "schedule": 30.0},
    "berichten-bezorgen": {"task": "portal.berichten_bezorgen", "schedule": 60.0},
    "berichten-aflevering": {"task": "portal.berichten_aflevering", "schedule": 60.0},
    "sla-bewaken": {"task": "behandeling.sla_bewaken", "schedule": crontab(minute="*/5")},
    "concepten-opruimen": {
        "task": "aanvragen.concepten_opruimen",
        "schedule": crontab(hour=3, minute=15),
    },
    "ontvangstbevestigingen-inhalen": {
        "task": "aanvragen.ontvangstbevestigingen_inhalen",
        "schedule": crontab(minute="*/5"),
    },
    "beschikkingen-inhalen": {
        "task": "behandeling.beschikkingen_inhalen",
        "schedule": crontab(minute="*/5"),
    },
    "bewaartermijnen": {
        "task": "aanvragen.bewaartermijnen_toepassen",
        "schedule": crontab(hour=2, minute=30),
    },
    "batches-verwerken": {
        "task": "uitbetaling.batches_verwerken",
        "schedule": crontab(minute="*/5"),
    },
    "betaalopdrachten-herstellen": {
        "task": "uitbetaling.ontbrekende_betaalopdrachten_aanmaken",
        "schedule": crontab(minute="*/5"),
    },
}
# SEPA hand-off: pain.001 files go to this outbox (atomic write + .sha256), as the bank import
# expects; BNG executes batches signed before the cut-off on the same bank day.
SEPA_OUTBOX_DIR = Path(os.environ.get("SEPA_OUTBOX_DIR", VAR_DIR / "outbox"))
SEPA_PAIN_VERSIE = os.environ.get("SEPA_PAIN_VERSIE", "pain.001.001.03")
SEPA_CUTOFF = os.environ.get("SEPA_CUTOFF", "14:30")
SEPA_KANAAL = os.environ.get("SEPA_KANAAL", "outbox")  # or "http"
SEPA_HTTP_URL = os.environ.get("SEPA_HTTP_URL", "")
SEPA_HTTP_TOKEN = os.environ.get("SEPA_HTTP_TOKEN", "")
# /healthz reports the worker as down when its last heartbeat is older than this.
WORKER_HARTSLAG_MAX_SECONDEN = int(os.environ.get("WORKER_HARTSLAG_MAX_SECONDEN", "120"))

# DigiD: "simulator" (development and demo, clearly marked) or "saml" (django-digid-eherkenning).
DIGID_BACKEND = os.environ.get("DIGID_BACKEND", "simulator" if DEBUG else "saml")
DIGID_SIMULATOR_TOEGESTAAN = env_bool("DIGID_SIMULATOR_TOEGESTAAN", DEBUG)
if not DEBUG and (DIGID_BACKEND == "simulator" or DIGID_SIMULATOR_TOEGESTAAN):
    # Anyone could log in as any BSN: never with production settings, whatever the environment.
    raise ImproperlyConfigured(
        "The DigiD simulator (DIGID_BACKEND=simulator, DIGID_SIMULATOR_TOEGESTAAN=1) is only "
        "allowed with DJANGO_DEBUG=1."
    )
# The SAML views and their configuration (admin: DigiD-configuratie, certificates) are there when
# DigiD runs over SAML, or when asked for while another backend logs in (the test suite does this
# to run the SAML flow against its own identity provider next to the simulator).
DIGID_SAML = DIGID_BACKEND == "saml" or env_bool("DIGID_SAML_INSTALLEREN", False)
if DIGID_SAML:
    INSTALLED_APPS += ["privates", "simple_certmanager", "solo", "digid_eherkenning"]
    PRIVATE_MEDIA_URL = "/private-media/"  # never served: certificates and IdP metadata only
# BRP: "fixture" (demo persons in aanvragen/brp_fixture.json) or "haalcentraal".
BRP_BACKEND = os.environ.get("BRP_BACKEND", "fixture")
BRP_API_URL = os.environ.get("BRP_API_URL", "")
BRP_API_KEY = os.environ.get("BRP_API_KEY", "")  # proefomgeving: X-API-KEY
# Production over Diginetwerk: a PKIoverheid client certificate (mutual TLS) and an OAuth 2.0
# client-credentials token (token endpoint, client id and secret from RvIG).
BRP_CERTIFICAAT = os.environ.get("BRP_CERTIFICAAT", "")  # PEM file: certificate (and key)
BRP_SLEUTEL = os.environ.get("BRP_SLEUTEL", "")  # PEM file: the key, if not in the above
BRP_CA_BUNDEL = os.environ.get("BRP_CA_BUNDEL", "")  # CAs that sign the BRP's server certificate
BRP_TOKEN_URL = os.environ.get("BRP_TOKEN_URL", "")
BRP_CLIENT_ID = os.environ.get("BRP_CLIENT_ID", "")
BRP_CLIENT_SECRET = os.environ.get("BRP_CLIENT_SECRET", "")
# Fixture backend: a JSON file of BRP persons (Haal Centraal shape); empty = the bundled demo file.
BRP_FIXTURE = os.environ.get("BRP_FIXTURE", "")

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@example.org")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# The portal's public address, for links in e-mails.
PORTAL_BASIS_URL = os.environ.get("PORTAL_BASIS_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # BSNs and IBANs never reach a log line or an error report, whatever a message contains.
    "filters": {"privacy": {"()": "portal.privacy.MaskeerPersoonsgegevens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["privacy"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},  # lock-outs and failures, not every success
}

# Logboek dataverwerkingen: the key that encrypts BSNs in the log (any string; set it apart
# from DJANGO_SECRET_KEY in production, so rotating that key leaves the log readable).
LOGBOEK_SLEUTEL = os.environ.get("LOGBOEK_SLEUTEL", "")
# Encrypts secrets kept in the database (a gemeente's NotifyNL API key; portal/geheimen.py).
GEHEIMEN_SLEUTEL = os.environ.get("GEHEIMEN_SLEUTEL", "")

# --- Security: staff login, two factors, throttling, Content-Security-Policy -----------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",  # counts failed logins and refuses locked-out attempts
    "django.contrib.auth.backends.ModelBackend",
]
# Staff need a second factor (TOTP app) for every role and for the admin. Only a developer
# machine may switch it off (PORTAL_2FA=0 is refused when DEBUG is off).
TWEE_FACTOR_VERPLICHT = env_bool("PORTAL_2FA", True)
if not TWEE_FACTOR_VERPLICHT and not DEBUG:
    raise ImproperlyConfigured("PORTAL_2FA=0 is only allowed with DJANGO_DEBUG=1.")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Snelservice bijzondere bijstand")
# django-axes: 5 failed logins for a username from one address → locked for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTEN", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "portal.limieten.axes_gebruikersnaam"
AXES_LOCKOUT_TEMPLATE = "portal/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True
# Behind reverse proxies: how many trusted hops append to X-Forwarded-For, and (optional) their
# addresses or networks; portal.middleware.KlantAdres puts the client's address in REMOTE_ADDR.
PORTAL_PROXY_AANTAL = int(
    os.environ.get("PORTAL_PROXY_AANTAL", os.environ.get("AXES_PROXY_COUNT", "0"))
)
PORTAL_PROXY_ADRESSEN = [
    a.strip() for a in os.environ.get("PORTAL_PROXY_ADRESSEN", "").split(",") if a.strip()
]
AXES_CLIENT_IP_CALLABLE = "portal.limieten.klant_ip"  # REMOTE_ADDR as KlantAdres set it
AXES_VERBOSE = False
# OpenID Connect for staff (optional): the gemeente's identity provider instead of a password.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
if OIDC_RP_CLIENT_ID:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.insert(1, "portal.oidc.MedewerkerOIDCBackend")
    OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_CREATE_USER = False
    # `amr` values of the id_token that prove the identity provider itself asked a second
    # factor (e.g. "mfa"); then the portal does not ask its own code again. Empty: always ask.
    OIDC_MFA_AMR = env_list("OIDC_MFA_AMR")
    LOGIN_REDIRECT_URL_FAILURE = "/medewerker/inloggen/?oidc=mislukt"

# Rate limits (django-ratelimit) in the shared cache; the limits themselves live in
# portal/limieten.py. A page answers 429 with a Dutch explanation.
RATELIMIT_VIEW = "portal.limieten.te_veel_verzoeken"
RATELIMIT_ENABLE = env_bool("PORTAL_RATELIMIT", True)
# Page contents cached under the version of their rows (portal/fragmenten.py, ADR 0014); off:
# every page renders in full (a kill switch, and make bench's first-view measurement).
PORTAL_PAGINACACHE = env_bool("PORTAL_PAGINACACHE", True)
RATELIMIT_IP_META_KEY = "portal.limieten.klant_ip"
if "locmem" in CACHES["default"]["BACKEND"]:
    # The embedded default runs one web process: its per-process cache is shared enough.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# Content-Security-Policy: nothing inline (no unsafe-inline), nothing from elsewhere, never in
# a frame. CSP_FORM_ACTION may add the DigiD identity provider for the SAML POST binding.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF, *env_list("CSP_FORM_ACTION")],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
