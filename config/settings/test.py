"""Tests: DATABASE_URL when given (CI: PostgreSQL), otherwise SQLite in memory."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-0123456789-0123456789-0123456789-0123")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("PARCOURS_REQUIRE_2FA", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache")
os.environ.setdefault("PARCOURS_SMS_BACKEND", "parcours.notifications.sms.LocmemBackend")
os.environ.setdefault("DATABASE_POOL", "false")
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT_MS", "0")
os.environ.setdefault("LOG_FORMAT", "plain")

from config.settings.base import *  # noqa: F403 -- defaults above must be set first

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_AUTOREFRESH = True  # serve from the finders: no collectstatic in tests
