"""Demo and development: SQLite, plain HTTP, 2FA optional. Environment variables still win."""

import os

os.environ.setdefault("SECRET_KEY", "demo-only-insecure-key-never-use-in-production-0123456789")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
os.environ.setdefault("PARCOURS_REQUIRE_2FA", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("SECURE_HSTS_PRELOAD", "false")
os.environ.setdefault("PARCOURS_DEMO", "true")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
os.environ.setdefault("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache")
_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DATABASE_URL", "sqlite:///" + os.path.join(_root, "var", "demo.sqlite3"))
os.environ.setdefault("DATABASE_POOL", "false")
os.environ.setdefault("LOG_FORMAT", "plain")

from config.settings.base import *  # noqa: E402, F403 -- defaults above must be set first

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True  # serve from the finders: no collectstatic in the demo

# The demo runs on SQLite, which cannot enforce ClosingDay's "one closing day per office or
# centre" constraint with NULLS NOT DISTINCT, nor the covering index of the pathways' person
# (INCLUDE columns are ignored there); PostgreSQL (production, CI) has both.
SILENCED_SYSTEM_CHECKS = ["models.W047", "models.W040"]
