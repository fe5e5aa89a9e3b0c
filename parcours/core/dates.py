"""The clock, read in one place by the interfaces (rules and services are given their dates)."""

from datetime import date, datetime

from django.utils import timezone


def today() -> date:
    """Today in Brussels (TIME_ZONE)."""
    return timezone.localdate()


def now() -> datetime:
    return timezone.now()
