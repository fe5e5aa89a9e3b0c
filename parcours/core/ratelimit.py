"""Atomic counters for the public rate limits (bookings, one-time codes)."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from parcours.core.models import RateCounter

# Rows of windows older than this are removed when their key is counted again.
_KEEP_WINDOWS = 24


@transaction.atomic
def rate_hit(key: str, *, window_seconds: int) -> int:
    """Counts one hit of `key` in the current window and returns the count, this hit included;
    exact under concurrency (the row's lock orders the increments)."""
    window = int(timezone.now().timestamp()) // window_seconds
    rows = RateCounter.objects.filter(key=key, window=window)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RateCounter.objects.create(key=key, window=window, count=1)
        except IntegrityError:  # another request created it first: count on its row
            rows.update(count=F("count") + 1)
        RateCounter.objects.filter(key=key, window__lt=window - _KEEP_WINDOWS).delete()
    return rows.values_list("count", flat=True).get()


def rate_count(key: str, *, window_seconds: int) -> int:
    """How many hits `key` has in the current window, without counting one."""
    window = int(timezone.now().timestamp()) // window_seconds
    found = RateCounter.objects.filter(key=key, window=window).values_list("count", flat=True)
    return found.first() or 0
