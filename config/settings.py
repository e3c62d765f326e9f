"""Corridor settings: one file for every deployment.

Demo and development run on the embedded default (SQLite under ``var/``, tasks run
in-process, a generated secret key and master key under ``var/``). Production differs
only through environment variables; see ``docs/production.md``.
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Literal

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str
from config.static_headers import add_static_headers

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CORRIDOR_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)

DATABASE_URL = env_str("DATABASE_URL")
# Demo mode is the embedded default: it is on unless a real database is configured.
DEMO_MODE = env_bool("CORRIDOR_DEMO", default=not DATABASE_URL)
DEBUG = env_bool("DEBUG", default=False)


def _generated_secret(name: str, nbytes: int) -> str:
    """Keep a generated secret in var/ so that demo restarts keep sessions and keys."""
    path = VAR_DIR / name
    if not path.exists():
        # Created owner-only from the first byte (no window in which others may read it).
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(nbytes))
    path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEMO_MODE:
        raise ImproperlyConfigured("SECRET_KEY or SECRET_KEY_FILE must be set outside demo mode.")
    SECRET_KEY = _generated_secret("secret_key", 50)

# Master key-encryption key for field encryption (base64url, 32 bytes). Never in the database.
CORRIDOR_MASTER_KEY = env_str("CORRIDOR_MASTER_KEY")
if not CORRIDOR_MASTER_KEY:
    if not DEMO_MODE:
        raise ImproperlyConfigured(
            "CORRIDOR_MASTER_KEY or CORRIDOR_MASTER_KEY_FILE must be set outside demo mode."
        )
    CORRIDOR_MASTER_KEY = _generated_secret("master_key", 32)
# Retired master keys stay readable during a rotation: "id:key,id:key".
CORRIDOR_RETIRED_MASTER_KEYS = env_list("CORRIDOR_RETIRED_MASTER_KEYS", [])
CORRIDOR_MASTER_KEY_ID = env_str("CORRIDOR_MASTER_KEY_ID", "k1")
# This node's name in signed messages and key ids ("iss" of its JWS); one per deployment.
CORRIDOR_NODE_ID = env_str("CORRIDOR_NODE_ID", "corridor")
# Append-only files outside the database's reach that keep signed checkpoints of the audit
# chain's head (`corridor audit checkpoint`); `corridor audit verify` checks against them.
CORRIDOR_AUDIT_WITNESSES = env_list("CORRIDOR_AUDIT_WITNESSES", [])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "corridor.core",
    "corridor.reference",
    "corridor.accounts",
    "corridor.audit",
    "corridor.crypto",
    "corridor.access",
    "corridor.people",
    "corridor.cases",
    "corridor.portal",
    "corridor.matching",
    "corridor.statistics",
    "corridor.guidance",
    "corridor.registration",
    "corridor.recruitment",
    "corridor.grievances",
    "corridor.recruitment.hiring",
    "corridor.exchange",
    "corridor.services",
    "corridor.readmission",
]

MIDDLEWARE = [
    "corridor.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed when the browser accepts it (static files are compressed by WhiteNoise).
    # Django pads each compressed response with random bytes against BREACH (since 4.2).
    "django.middleware.gzip.GZipMiddleware",
    "corridor.core.middleware.BodyLimitMiddleware",
    "corridor.core.middleware.QueryHygieneMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corridor.core.languages.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "corridor.core.middleware.SecurityHeadersMiddleware",
    "corridor.core.middleware.ApplicationErrorMiddleware",
    "corridor.access.middleware.ActorMiddleware",
    "corridor.access.middleware.DenialAuditMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "corridor.core.context_processors.corridor",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'corridor.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
# Every request runs in a transaction: writes are all-or-nothing and the acting state is
# set transaction-locally for PostgreSQL row-level security (see access/middleware.py).
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The demo database holds the same special-category data as production: owner-only,
    # like the master key beside it (SQLite gives its -wal and -shm files the same mode).
    _sqlite_file = Path(DATABASES["default"]["NAME"])
    if _sqlite_file.parent == VAR_DIR:
        VAR_DIR.chmod(0o700)
        for _file in _sqlite_file.parent.glob(_sqlite_file.name + "*"):
            _file.chmod(0o600)
# A pooled connection the server has dropped is replaced before use instead of failing
# the request with a 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The PostgreSQL role the application uses in production: not the owner, no BYPASSRLS.
CORRIDOR_APP_DB_ROLE = env_str("CORRIDOR_APP_DB_ROLE", "corridor_app")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Staff roles must use a second factor; demo mode may switch that off for a quick look.
CORRIDOR_MFA_REQUIRED = env_bool("CORRIDOR_MFA_REQUIRED", default=not DEMO_MODE)
OTP_TOTP_ISSUER = "Corridor"
# Login throttling (security goal G12): 10 failures within 15 minutes lock the pair
# of username and address for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "corridor.accounts.web.views.lockout_response"
AXES_VERBOSE = False
API_TOKEN_TTL = timedelta(days=env_int("API_TOKEN_TTL_DAYS", 30))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
SECURE = not DEMO_MODE and env_bool("CORRIDOR_HTTPS", default=True)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# Request bodies: a form or JSON body over this is refused with 413 before parsing.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
CORRIDOR_MAX_BODY_BYTES = env_int("CORRIDOR_MAX_BODY_BYTES", 10 * 1024 * 1024)
# File uploads (statistical submissions) may be larger; the module checks its own limit
# and explains it, this one stops anything far beyond before it is read.
CORRIDOR_MAX_UPLOAD_BYTES = env_int("CORRIDOR_MAX_UPLOAD_BYTES", 60 * 1024 * 1024)
CORRIDOR_UPLOAD_PATH_PATTERN = r"^(/[a-z]{2}/statistics/submissions/|/api/v1/statistics/submissions/)"
STATISTICS_MAX_UPLOAD_BYTES = env_int("STATISTICS_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Email ------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEMO_MODE
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "corridor@localhost")

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
    ("kk", _("Kazakh")),
    ("ky", _("Kyrgyz")),
    ("uz", _("Uzbek")),
    ("tg", _("Tajik")),
    ("tk", _("Turkmen")),
    ("az", _("Azerbaijani")),
    ("fa", _("Dari")),
    ("ps", _("Pashto")),
]
# Languages whose catalogue is complete; the others fall back to English string by string.
CORRIDOR_COMPLETE_LANGUAGES = ["en", "ru", "tr"]
LANGUAGES_BIDI = ["fa", "ps", "ar", "he", "ur"]
# A language the browser asks for is used only when its catalogues translate at least this share of
# the messages; otherwise the next language of the browser's preference is tried (corridor.core.languages).
CORRIDOR_LANGUAGE_MIN_SHARE = 0.8
# The switcher's choice is remembered for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE: Literal["Lax"] = "Lax"
LANGUAGE_COOKIE_SECURE = SECURE
# Pages in a language whose catalogues are not all marked reviewed say so, with a link to report a
# wrong translation to this address.
CORRIDOR_TRANSLATION_REPORT_EMAIL = env_str(
    "CORRIDOR_TRANSLATION_REPORT_EMAIL", "translations@corridor.example"
)
LANG_INFO.setdefault("ps", {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"})
LOCALE_PATHS = [BASE_DIR / "corridor" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Production serves hashed, compressed files made by collectstatic; demo and tests
        # serve the app folders directly so that no build step is needed.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("CORRIDOR_MANIFEST_STATIC", default=not DEMO_MODE)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# `corridor serve` in demo mode collects the static files first and sets CORRIDOR_MANIFEST_STATIC,
# so the demo serves hashed, compressed, long-cached files as production does.
WHITENOISE_USE_FINDERS = (DEBUG or DEMO_MODE) and STORAGES["staticfiles"]["BACKEND"].startswith("django.")
WHITENOISE_ADD_HEADERS_FUNCTION = add_static_headers

# --- Cache ------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Background tasks -------------------------------------------------------------------
# Embedded default: tasks run in-process when enqueued. Production: rows in the database
# picked up by ``corridor worker``.
TASK_BACKEND = env_str("CORRIDOR_TASK_BACKEND", "immediate" if DEMO_MODE else "database")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASK_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

# --- Exchange between states (corridor/exchange) -----------------------------------------
# States this node serves. Empty: every state (one shared instance, local delivery). A
# national node lists its own state ("KGZ") and reaches the others as peers over HTTPS.
CORRIDOR_NODE_STATES = [s.upper() for s in env_list("CORRIDOR_NODE_STATES", [])]
# Peers as JSON: {"TUR": {"url": "https://corridor.gov.tr", "keys_url": "…/.well-known/jwks.json"}}
# ("keys_url" defaults to the peer's /.well-known/jwks.json; "keys": {JWKS} pins them instead).
# Several states may share one peer node. From CORRIDOR_EXCHANGE_PEERS or …_PEERS_FILE.
CORRIDOR_EXCHANGE_PEERS = json.loads(env_str("CORRIDOR_EXCHANGE_PEERS") or "{}")
CORRIDOR_EXCHANGE_TIMEOUT = env_int("CORRIDOR_EXCHANGE_TIMEOUT", 10)
# Seconds before the first retry; doubled after each failure up to the ceiling.
CORRIDOR_EXCHANGE_RETRY_BASE = env_int("CORRIDOR_EXCHANGE_RETRY_BASE", 10)
CORRIDOR_EXCHANGE_RETRY_MAX = env_int("CORRIDOR_EXCHANGE_RETRY_MAX", 900)

# --- REST API ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "corridor.accounts.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "corridor.core.api.pagination.CorridorPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "corridor.core.api.schema.CorridorAutoSchema",
    "EXCEPTION_HANDLER": "corridor.core.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": ["corridor.core.api.parsers.CorridorJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "1200/min", "login": "20/min"},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Corridor API",
    "DESCRIPTION": "Migration cooperation platform of the Almaty Process.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name ("purpose", "category"); name them after their meaning.
    "ENUM_NAME_OVERRIDES": {
        "AgreementPurposeEnum": "corridor.access.models.AgreementPurpose",
        "RegistrationPurposeEnum": "corridor.registration.choices.Purpose",
        "ComplaintCategoryEnum": "corridor.grievances.models.Category",
        "FeeCategoryEnum": "corridor.recruitment.models.FeeCategory",
        "ServiceStatusEnum": "corridor.services.models.ServiceStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Service register: entries not re-verified for this many days leave public search
# (annual re-verification, as resource directories of 211 helplines practise it).
SERVICES_VERIFICATION_DAYS = env_int("CORRIDOR_SERVICES_VERIFICATION_DAYS", 365)

PORT = env_int("PORT", 8000)
