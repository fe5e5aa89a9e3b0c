"""The one instant every test runs at, unless it travels elsewhere (STYLE.md, Tests).

A Monday morning in Brussels, weeks before the appointments the fixtures book. Fixtures that
hand out a `now` return this same instant, so that a service given `now=` and a view reading
the clock agree.
"""

from datetime import UTC, date, datetime

FROZEN_AT = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # 08:00 in Brussels
FROZEN_ON = date(2026, 11, 30)
