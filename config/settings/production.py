"""Production: base settings, read from the environment, with a refusal to run in DEBUG."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403 -- settings modules extend the base one
from config.settings.base import DEBUG, PARCOURS_SMS_BACKEND, SECRET_KEY

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be false in production.")
MIN_SECRET_KEY_LENGTH = 50  # what `check --deploy` (security.W009) asks for

if len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production.")
# The console and in-memory backends would put phone numbers and manage links in the logs.
if PARCOURS_SMS_BACKEND.endswith(("ConsoleBackend", "LocmemBackend")):
    raise ImproperlyConfigured("PARCOURS_SMS_BACKEND must name a real SMS gateway in production.")
