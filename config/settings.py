"""InScope settings: one module, every deployment decision read from the environment.

With nothing set you get the embedded default: SQLite, the database search backend,
an in-process cache and e-mail printed to the console. Production sets DATABASE_URL,
ELASTICSEARCH_URL, REDIS_URL, SECRET_KEY and DEBUG=0; see README "Configuration".
"""

import re
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)


def _local_secret_key():
    """A random key kept beside the code, so a fresh checkout is safe without configuration."""
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or _local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "directory",
    "search",
    "reviews",
    "onboarding",
    "security",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "security.headers.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite beside the code unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while a request writes; the timeout waits out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: compiling a search's plan cost more than running it (0.5 s of 1 s at 100k; docs/BENCHMARKS.md).
    # work_mem: a common word's candidates (~70k listings at 100k) are sorted to pick each page's best
    # listing; at PostgreSQL's default 4 MB that sort spilled to disk.
    work_mem = env_str("DATABASE_WORK_MEM", "16MB")
    if not re.fullmatch(r"\d+(kB|MB|GB)", work_mem):
        raise ImproperlyConfigured(f"DATABASE_WORK_MEM must look like 16MB or 512kB, not {work_mem!r}.")
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c jit=off -c work_mem={work_mem}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every worker, so rate limits hold),
# otherwise an in-process cache that is fine for one developer.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "inscope"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Directory search: Elasticsearch when its URL is set, the database otherwise.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
INSCOPE_SEARCH = {
    "BACKEND": (
        "search.backends.elasticsearch.ElasticsearchBackend"
        if ELASTICSEARCH_URL
        else "search.backends.database.DatabaseBackend"
    ),
    "URL": ELASTICSEARCH_URL,
    "INDEX_PREFIX": env_str("ELASTICSEARCH_INDEX_PREFIX", "inscope"),
    "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 5),
    # Answers cached until the index changes (search/cache.py); needs a shared cache.
    "CACHE_SECONDS": env_int("SEARCH_CACHE_SECONDS", 300 if REDIS_URL else 0),
    # The database backend answers filter, place and concept searches from a copy of the listings
    # in each process, reloaded after every write (search/columns.py); off: every answer in SQL.
    "LISTING_COLUMNS": env_bool("SEARCH_LISTING_COLUMNS", True),
}

# Wagtail's own search serves the admin's page and image pickers only.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# E-mail: SMTP when EMAIL_HOST is set, printed to the console otherwise.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=bool(EMAIL_HOST))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "InScope <no-reply@inscope.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now: a bare "example.org" means https

# Security. Production (DEBUG=0) gets the full Django deployment checklist by default;
# a deployment behind a TLS-terminating proxy sets SECURE_PROXY_SSL_HEADER=1.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads it; forms carry the token
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# An admin session lasts a working day ("remember me") or until the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)
# Content-Security-Policy and Permissions-Policy: security.headers (strict for the public
# site, Wagtail's needs for /admin/). CSP_REPORT_ONLY=1 sends the policy as report-only.
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", default=False)
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG and not SECURE_HSTS_PRELOAD:
    # Preloading is a one-way commitment for the whole domain; the operator opts in.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Logs never hold personal data; a traceback quoting an address or a phone number is masked (home.logs).
    "formatters": {
        "plain": {"()": "home.logs.RedactingFormatter", "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console and mail_admins handlers would bypass the masking: everything goes to root.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        # Wagtail queues a reference-index task on every save; one INFO line each is noise.
        "django_tasks": {"level": "WARNING"},
        # One line per Elasticsearch request; failures are logged by search itself.
        "elastic_transport": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "InScope"
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_BYTES", 8 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_COMMENTS_ENABLED = False

# Clinic onboarding: how long an invitation link works, and how many "List your clinic"
# submissions one address may make per hour (shared across workers when REDIS_URL is set).
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)
CLINIC_APPLICATIONS_PER_HOUR = env_int("CLINIC_APPLICATIONS_PER_HOUR", 10)
# Moderators approve a clinic's first publication without holding publish rights on listings.
WAGTAIL_FINISH_WORKFLOW_ACTION = "onboarding.workflow_actions.publish_approved_workflow"

# Images: every upload is checked and re-saved without EXIF (home.images); longest side in pixels.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.SafeImageForm"
IMAGE_MAX_DIMENSION = env_int("IMAGE_MAX_DIMENSION", 12_000)

# Appointment requests: how long they are kept (purge_appointment_requests) and how often one
# client address or e-mail address may send one. Behind proxies, RATE_LIMIT_TRUSTED_PROXIES says
# how many X-Forwarded-For hops to trust when finding the client's address.
APPOINTMENT_RETENTION_DAYS = env_int("APPOINTMENT_RETENTION_DAYS", 180)
APPOINTMENT_REQUESTS_PER_IP_PER_HOUR = env_int("APPOINTMENT_REQUESTS_PER_IP_PER_HOUR", 5)
APPOINTMENT_REQUESTS_PER_EMAIL_PER_DAY = env_int("APPOINTMENT_REQUESTS_PER_EMAIL_PER_DAY", 3)
RATE_LIMIT_TRUSTED_PROXIES = env_int("RATE_LIMIT_TRUSTED_PROXIES", 0)

# Admin sign-in: failed attempts counted per user name and per client address (home.ratelimit,
# shared across workers with REDIS_URL); past either limit sign-in is refused until the window
# ends. See security/login.py.
WAGTAILADMIN_USER_LOGIN_FORM = "security.login.RateLimitedLoginForm"
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 900)

# Two-factor authentication (TOTP, django-otp): anyone may turn it on; the roles listed here
# ("moderators", "managers", "superusers") must. See security/two_factor.py.
TWO_FACTOR_REQUIRED_FOR = env_list("TWO_FACTOR_REQUIRED_FOR")
OTP_TOTP_ISSUER = "InScope"
