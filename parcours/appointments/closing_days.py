"""Closing days: Belgian public holidays (the `holidays` package) plus the centre's own."""

from collections.abc import Iterable
from datetime import date
from functools import cache

import holidays
from django.db.models import Q

from parcours.appointments.models import ClosingDay
from parcours.territory.models import Office


@cache
def _belgian_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("BE", years=year, language="fr"))


def public_holiday(day: date) -> str | None:
    return _belgian_holidays(day.year).get(day)


def closed_days(office: Office, start: date, end: date) -> dict[date, str]:
    """Every closed day in [start, end] for this office, with its reason."""
    found: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        found |= {d: n for d, n in _belgian_holidays(year).items() if start <= d <= end}
    own = ClosingDay.objects.filter(
        Q(office__isnull=True) | Q(office=office),
        centre_id=office.centre_id,
        on__gte=start,
        on__lte=end,
    )
    found |= {row.on: row.reason for row in own}
    return found


def closed_for_offices(
    offices: Iterable[Office], start: date, end: date
) -> dict[int, dict[date, str]]:
    return {office.pk: closed_days(office, start, end) for office in offices}
