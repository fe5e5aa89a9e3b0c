"""Production: base settings, read from the environment, with a refusal to run in DEBUG."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403 -- settings modules extend the base one
from config.settings.base import DEBUG, SECRET_KEY

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be false in production.")
MIN_SECRET_KEY_LENGTH = 50  # what `check --deploy` (security.W009) asks for

if len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production.")
