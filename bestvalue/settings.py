"""The one settings module. Everything that differs between machines comes from the environment.

Three ways to run (bestvalue/core/env.py says how a local install is recognised):

- development (DEBUG=true): development defaults, SQLite under var/;
- a local install (DEBUG off, var/ holds the marker `local-install` written by ./scripts/serve or
  `bestvalue setup --local`): as production, but the secrets it generated under var/ and the local
  host names stand in for settings that are not given, and cookies are secure only when SITE_URL
  is https;
- production (DEBUG off, no marker): SECRET_KEY and ALLOWED_HOSTS must be set; secure cookies, HSTS
  and the HTTPS redirect are on.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE

from bestvalue.audit.keys import configured_audit_key
from bestvalue.core.env import (
    LOCAL_HOSTS,
    ConfigurationError,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    is_local_install,
    local_secret,
)
from bestvalue.core.object_storage import object_storage_settings

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("BESTVALUE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
LOCAL_INSTALL = not DEBUG and is_local_install(VAR_DIR)
_PRODUCTION_HINT = "or run ./scripts/serve once for a local install, or DEBUG=true for development"

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-" + "x" * 40)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [*LOCAL_HOSTS, "testserver"])
else:
    if LOCAL_INSTALL:
        # Generated once into var/secret.key; another generated secret is one more local_secret.
        SECRET_KEY = env_str("SECRET_KEY", "") or local_secret(VAR_DIR, "secret.key")
        ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOCAL_HOSTS)
    else:
        SECRET_KEY = env_str("SECRET_KEY", "")
        ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
        if not SECRET_KEY:
            raise ConfigurationError(
                "SECRET_KEY",
                "not set, and DEBUG is off",
                f"set it to 50 or more random characters, {_PRODUCTION_HINT}",
            )
    if not ALLOWED_HOSTS:
        raise ConfigurationError(
            "ALLOWED_HOSTS",
            "not set, and DEBUG is off",
            f"set the comma-separated host names the service answers to, {_PRODUCTION_HINT}",
        )
    if len(SECRET_KEY) < 50:
        raise ConfigurationError(
            "SECRET_KEY",
            f"only {len(SECRET_KEY)} characters long",
            "set it to 50 or more random characters",
        )

# Every audit event's hash is keyed with this secret, held outside the database so that whoever
# can write to the database cannot recompute the hashes (bestvalue/audit/README.md). Required when
# DEBUG is off (unless this is a local install, which generates its own in var/audit.key).
AUDIT_KEY = configured_audit_key(debug=DEBUG or LOCAL_INSTALL, var_dir=VAR_DIR)

SERVICE_NAME = "Best value oversight"
# The department's short name on new notices. Departments are renamed (DLUHC became MHCLG in
# July 2024), so this is configuration, not code.
DEPARTMENT = env_str("DEPARTMENT", "MHCLG")
if DEPARTMENT not in ("DLUHC", "MHCLG"):
    raise ConfigurationError(
        "DEPARTMENT", f"{DEPARTMENT!r} is not DLUHC or MHCLG", "set DLUHC or MHCLG"
    )
# A revised notice's usual period. Practice so far (six months, DESIGN.md section 1), not law.
REVISED_NOTICE_PERIOD_MONTHS = env_int("REVISED_NOTICE_PERIOD_MONTHS", 6, minimum=1)
# How far from today a date of issue, decision or report may be: letters are dated when sent and
# reports when received. No rule of law fixes it; this is a guard against typed years.
RECORD_DATE_MARGIN_DAYS = env_int("RECORD_DATE_MARGIN_DAYS", 90, minimum=0)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ConfigurationError(
        "SITE_URL", f"{SITE_URL!r} is not an http:// or https:// address", "set the full address"
    )
# The module that turns the keys domain apps hand over into links to pages (bestvalue/links.py):
# domain apps never reverse interface URL names themselves.
RECORD_LINKS = "bestvalue.links"

# Secure-only cookies, HSTS and the HTTPS redirect: on whenever DEBUG is off, except on a local
# install whose SITE_URL is plain http (so signing in works on http://127.0.0.1:8000 there).
HTTPS_ONLY = not DEBUG and (not LOCAL_INSTALL or SITE_URL.startswith("https://"))

INSTALLED_APPS = [
    "bestvalue.admin_site.BestValueAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "bestvalue.core",
    "bestvalue.audit",
    "bestvalue.guidance",
    "bestvalue.accounts",
    "bestvalue.records",
    "bestvalue.authorities",
    "bestvalue.notices",
    "bestvalue.interventions",
    "bestvalue.improvement",
    "bestvalue.letters",
    "bestvalue.reminders",
    "bestvalue.alerts",
    "bestvalue.register",
    "bestvalue.api",
    "bestvalue.staff",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "bestvalue.core.middleware.ResponseHeaders",
    "bestvalue.core.middleware.ApiJsonErrors",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "bestvalue.core.middleware.SessionIdleTimeout",
    # Two-factor sign-in: whether this session gave a code, and the pages that need one.
    "django_otp.middleware.OTPMiddleware",
    "bestvalue.accounts.middleware.TwoFactorRequired",
    # Every page needs a signed-in user unless its view is marked public (login_not_required).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that it sees the outcome of authentication (login throttling).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bestvalue.urls"
WSGI_APPLICATION = "bestvalue.wsgi.application"

TEMPLATES = [
    {
        # Our pages: Jinja, so the GOV.UK Frontend macros (govuk-frontend-jinja) render as
        # published. See docs/adr/0001-govuk-frontend-jinja.md.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "bestvalue" / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "bestvalue.core.jinja.environment"},
    },
    {
        # Django's own templates: the admin and built-in error pages.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'bestvalue.sqlite3'}")
_DATABASE_REMEDY = "set a sqlite:/// or postgres:// URL, for example postgres://user@host:5432/name"
try:
    _DATABASE = dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
except ValueError:
    raise ConfigurationError("DATABASE_URL", "not a database URL", _DATABASE_REMEDY) from None
if _DATABASE.get("ENGINE") not in (
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
):
    raise ConfigurationError(
        "DATABASE_URL", "the service runs on SQLite or PostgreSQL only", _DATABASE_REMEDY
    )
DATABASES = {"default": _DATABASE}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one request writes; IMMEDIATE takes the write lock at
    # the start of a transaction so two writers queue instead of failing half-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
    # Tests use a file, not memory, so that concurrent transactions from several threads queue
    # on SQLite's write lock as they do in production, instead of failing on a shared cache.
    # One file per process, so that two test runs on one machine do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "bestvalue.accounts.validators.CharacterVarietyValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "core:home"

# Two-factor sign-in (django-otp): the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = "Best value oversight"

# Login throttling (django-axes): lock a username after repeated failures.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
# Two counts, either of which locks: a username at one address, and a username from every address
# together (so moving address gives no fresh tries). Unknown usernames are counted and locked
# the same way, so the lock says nothing about which accounts exist.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_LOCKOUT_CALLABLE = "bestvalue.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "bestvalue" / "static",
    # GOV.UK Frontend, installed from npm by scripts/serve (never copied into the repository).
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
# Evidence files and issued letters: in an S3-compatible object store when OBJECT_STORAGE_BUCKET
# is set (bestvalue/core/object_storage.py, docs/operations.md), so that several app servers share
# them; otherwise on the local disk under var/media.
_FILE_STORAGE = object_storage_settings() or {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": VAR_DIR / "media"},
}
STORAGES = {
    "default": _FILE_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# GOV.UK Frontend's compiled CSS asks for its fonts and images at /assets/ (its default
# $govuk-assets-path), so whitenoise also serves the package's dist folder from the site root.
WHITENOISE_ROOT = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
# In development whitenoise serves straight from the finders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Security headers. HTTPS settings apply when DEBUG is off; behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER_ENABLED so Django trusts X-Forwarded-Proto.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60, minimum=60)
# A session unused for this many seconds ends (bestvalue.core.middleware.SessionIdleTimeout),
# whatever is left of SESSION_COOKIE_AGE.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60, minimum=60)
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS_ONLY)
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS_ONLY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = HTTPS_ONLY
if env_bool("SECURE_PROXY_SSL_HEADER_ENABLED", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Content Security Policy (django-csp): only our own scripts and styles, plus the one inline
# script of the GOV.UK page template, which carries a per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Anonymous public pages, feeds and API reads are cached in each process for up to this many
# seconds (0 turns it off). Every published change recorded in the audit log moves the cache
# version on, and the key carries today's date, so a cached page is never older than the record:
# the timeout is a day because a key is useless after midnight anyway. Memory is bounded by the
# number of entries (MAX_ENTRIES, Django's default 300, the oldest third dropped when full; the
# largest page is about 100 KB). A shorter timeout only makes pages be rebuilt more often: at 60
# seconds one request in ten missed the cache in bench/interleaved.py. Signed-in users are never
# served from it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "bestvalue",
        "OPTIONS": {"MAX_ENTRIES": 300},
    }
}
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 86_400, minimum=0)

# Email. Reminders go through Django's email framework: printed to the console in development,
# sent by SMTP when EMAIL_HOST is set (and always when DEBUG is off). When NOTIFY_API_KEY and
# NOTIFY_REMINDER_TEMPLATE_ID are both set they go through GOV.UK Notify instead; that template
# needs two placeholders, ((subject)) as its subject and ((body)) as its message.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if "EMAIL_HOST" in os.environ or not DEBUG
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# A mail server that stops answering must not hold up the reminder run for ever.
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SERVICE_NAME} <no-reply@localhost>")
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
NOTIFY_REMINDER_TEMPLATE_ID = env_str("NOTIFY_REMINDER_TEMPLATE_ID", "")
if bool(NOTIFY_API_KEY) != bool(NOTIFY_REMINDER_TEMPLATE_ID):
    raise ConfigurationError(
        "NOTIFY_REMINDER_TEMPLATE_ID" if NOTIFY_API_KEY else "NOTIFY_API_KEY",
        "set without its partner",
        "set both NOTIFY_API_KEY and NOTIFY_REMINDER_TEMPLATE_ID to send through GOV.UK Notify, "
        "or neither to send by email",
    )


def _lead_days(raw: str) -> tuple[int, ...]:
    """ "30,14,3" -> (30, 14, 3): days before a date on which to remind, largest first."""
    try:
        days = sorted({int(part) for part in raw.split(",") if part.strip()}, reverse=True)
    except ValueError:
        raise ConfigurationError(
            "REMINDER_LEAD_DAYS",
            f"must be whole numbers of days separated by commas, not {raw!r}",
            "set for example 30,14,3",
        ) from None
    if not days or days[-1] < 0:
        raise ConfigurationError(
            "REMINDER_LEAD_DAYS",
            f"needs at least one number of days, none below 0, not {raw!r}",
            "set for example 30,14,3",
        )
    return tuple(days)


# Reminders go out this many days before each date (0 is the day itself), and once when it is
# overdue.
REMINDER_LEAD_DAYS = _lead_days(env_str("REMINDER_LEAD_DAYS", "30,14,3"))

# Evidence uploads: the largest file accepted, in bytes (20 MB by default). Set a request body
# limit at the proxy too: Django reads the whole upload before this check.
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024, minimum=1)

_LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _LOG_LEVEL},
    # Django's own loggers print through the root handler only, so nothing is printed twice.
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": [], "propagate": True},
        # gunicorn's access log has one line for every request; Django adds lines for 5xx only.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}
