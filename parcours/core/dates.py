"""The clock, read in one place by the interfaces (rules and services are given their dates)."""

import re
from datetime import date, datetime

from django.utils import timezone


def today() -> date:
    """Today in Brussels (TIME_ZONE)."""
    return timezone.localdate()


def now() -> datetime:
    return timezone.now()


_DATE_FR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(text: str) -> date | None:
    """dd/mm/yyyy (or with . or -) or yyyy-mm-dd; anything else is None."""
    text = text.strip()
    match = _DATE_FR.match(text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(text)
    except ValueError:
        return None
