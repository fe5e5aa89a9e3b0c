"""Settings shared by every environment; production reads everything from the environment.

`config.settings.production` is this module with the production safety checks; `dev` and
`test` only change defaults. No setting is read from anywhere but environment variables.
"""

from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.database import parse_database_url
from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "parcours"

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "ninja",
    "parcours.core",  # before django_tasks_db: its `db_worker` command is the leased worker
    "django_tasks",
    "django_tasks_db",
    "parcours.accounts",
    "parcours.territory",
    "parcours.people",
    "parcours.pathways",
    "parcours.appointments",
    "parcours.training",
    "parcours.certificates",
    "parcours.audit",
    "parcours.staff",
    "parcours.casework",
    "parcours.public",
    "parcours.api",
    "parcours.demo",
]

MIDDLEWARE = [
    "parcours.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "parcours.core.middleware.PrivateResponsesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "parcours.core.languages.PortalLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "parcours.audit.middleware.AccessReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "parcours.core.middleware.TextInputMiddleware",
    "axes.middleware.AxesMiddleware",
    "parcours.core.middleware.DomainErrorMiddleware",
]

# Request bodies: forms and JSON up to 2.5 MB in memory; uploads (attestations, CSV lists)
# checked while they stream in, refused past PARCOURS_UPLOAD_MAX_BYTES (parcours.core.uploads).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
PARCOURS_UPLOAD_MAX_BYTES = env_int("PARCOURS_UPLOAD_MAX_BYTES", default=12 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "parcours.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "parcours.core.context_processors.site",
                "parcours.core.context_processors.languages",
            ],
        },
    }
]

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL"),
        pooled=env_bool("DATABASE_POOL", default=True),
        statement_timeout_ms=env_int("DATABASE_STATEMENT_TIMEOUT_MS", default=30_000),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "public:home"

# Staff must confirm a TOTP code after the password (django-otp) unless this is false.
PARCOURS_REQUIRE_2FA = env_bool("PARCOURS_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = "Parcours"

# django-axes: lock the account+address pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", default=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "parcours.accounts.access.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "parcours.core.http.client_ip"
# How many reverse proxies in front of Parcours write X-Forwarded-For (1 behind nginx).
PARCOURS_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0)

LANGUAGE_CODE = "fr"
# The public portal speaks the ten languages of LANGUAGES, from its own catalogue
# (parcours/public/locale, generated from the public sources only: scripts/check_translations.py).
# Staff pages, letters and PDFs stay in STAFF_LANGUAGES (parcours/locale), French first.
LANGUAGES = [
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("de", _("German")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("ps", _("Pashto")),
    ("uk", _("Ukrainian")),
    ("es", _("Spanish")),
    ("tr", _("Turkish")),
]
STAFF_LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LANGUAGES_BIDI = ["ar", "fa", "ps", "he", "ur"]
PORTAL_LOCALE = PACKAGE_DIR / "public" / "locale"
LOCALE_PATHS = [PORTAL_LOCALE, PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "parcours@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker (`parcours db_worker`, parcours.core.worker) holds a lease on the task it runs and
# renews it while the task runs; a task whose lease expired (its worker died) goes back to the
# queue after a back-off (TASK_RETRY_BACKOFF_SECONDS doubling per attempt, at most an hour),
# and fails for good after TASK_MAX_ATTEMPTS attempts. A task that raises is retried the same.
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", default=300)
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", default=5)
TASK_RETRY_BACKOFF_SECONDS = env_int("TASK_RETRY_BACKOFF_SECONDS", default=30)
# Finished task results (their arguments may hold an address) are deleted by the sweep after
# this many days (casework.retention).
TASK_RESULTS_KEPT_DAYS = env_int("TASK_RESULTS_KEPT_DAYS", default=30)

# Security headers. HTTPS settings default to on; the demo turns them off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", default=8 * 3600)
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: every script and stylesheet is a vendored file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Logs carry no personal data: requests are logged by path only, never bodies or parameters.
# Logs: JSON lines in production (LOG_FORMAT=json), plain text in the demo; every line carries
# the request id (X-Request-ID), never personal data.
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "parcours.core.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "parcours.core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every PDF step at INFO; keep its warnings only.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# Cache: rate limits of the public booking must be shared by every web process, so production
# uses the database (run `parcours createcachetable` once); the demo and tests use memory.
CACHES = {
    "default": {
        "BACKEND": env_str("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": env_str("CACHE_LOCATION", "parcours_cache"),
    }
}

# Key of the certificates' HMAC signature. Set it in production: without it the key is derived
# from SECRET_KEY, and rotating SECRET_KEY would then invalidate every issued certificate.
PARCOURS_CERTIFICATE_KEY = env_str("PARCOURS_CERTIFICATE_KEY", "")

# Links in letters, e-mails and SMS point here (no request to read the host from).
PARCOURS_SITE_URL = env_str("PARCOURS_SITE_URL", "http://127.0.0.1:8000")
# SMS backend class: ConsoleBackend (prints), FileBackend (one file per message under
# PARCOURS_SMS_FILE_PATH) or a gateway class with the same interface (notifications/sms.py).
PARCOURS_SMS_BACKEND = env_str("PARCOURS_SMS_BACKEND", "parcours.notifications.sms.ConsoleBackend")
PARCOURS_SMS_FILE_PATH = env_str("PARCOURS_SMS_FILE_PATH", str(BASE_DIR / "var" / "sms"))

NINJA_PAGINATION_PER_PAGE = 50

# Error tracking: only when SENTRY_DSN is set; personal data is removed before sending.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    from parcours.core.sentry import sentry_init

    sentry_init(dsn=SENTRY_DSN, environment=env_str("SENTRY_ENVIRONMENT", "production"))
PARCOURS_DEMO = env_bool("PARCOURS_DEMO", default=False)

# Statistics published outside the centre that owns the data (the Region, a comparison of
# centres) show any count under this threshold as "< N", with secondary suppression.
PARCOURS_STATS_SMALL_CELL = env_int("PARCOURS_STATS_SMALL_CELL", default=5)
