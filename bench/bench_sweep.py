"""The nightly sweep on the synthetic region (`bench/common.py`: `BENCH_PEOPLE`, default
50,000): the first sweep after the seed (every file's clock, the cases to open, the
reminders, the pace, the worklist, retention, the statistics tables; then, as the task
worker does, the statistics pages computed ahead), then the next night's, each in a
transaction rolled back (the database stays as seeded). Each step's seconds come from the
sweep's own report (`SweepReport.seconds`). The reminders are enqueued for the task worker,
as in production, not sent.

Run: `DATABASE_URL=postgres://… .venv/bin/python bench/bench_sweep.py` (or `make bench`).
Nothing is asserted."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from common import PEOPLE, database
from django.db import connection, transaction
from django.test import override_settings

# As in production (config/settings/base.py): the sweep enqueues the reminders for the task
# worker; the test settings' immediate backend would send each one inside the night's run.
PRODUCTION_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

FIRST_NIGHT = date(2026, 12, 1)  # the night after the seed's day (`parcours.demo.region`)


def _counted(queries: list[int]) -> Callable[..., Any]:
    """Count the statements without keeping them (a sweep's bulk updates are large)."""

    def wrapper(execute: Callable[..., Any], *args: Any) -> Any:
        queries.append(1)
        return execute(*args)

    return wrapper


def main() -> None:
    from parcours.casework.statistics.facts import last_refresh  # noqa: PLC0415
    from parcours.casework.sweep import sweep_run  # noqa: PLC0415
    from parcours.casework.tasks import statistics_pages_warm  # noqa: PLC0415
    from parcours.pathways.models import Pathway  # noqa: PLC0415

    database()
    files = Pathway.objects.count()
    print(f"sweep at {PEOPLE:,} people, {files:,} files", flush=True)
    nights = (("first night", FIRST_NIGHT), ("next night", FIRST_NIGHT + timedelta(days=1)))
    with override_settings(TASKS=PRODUCTION_TASKS), transaction.atomic():
        for label, day in nights:
            queries: list[int] = []
            with connection.execute_wrapper(_counted(queries)):
                began = time.perf_counter()
                report = sweep_run(today=day)
                seconds = time.perf_counter() - began
            steps = ", ".join(f"{name} {spent:.1f} s" for name, spent in report.seconds.items())
            # What the task worker does next with the night's refresh: the pages ahead.
            refresh = last_refresh()
            began = time.perf_counter()
            pages = statistics_pages_warm.call(refresh.pk if refresh else 0, day.isoformat())
            worker = time.perf_counter() - began
            steps += f"; then the worker: {pages} statistics pages {worker:.1f} s"
            print(
                f"sweep, {label:<12} {seconds:8.1f} s  queries {len(queries):>6,}  "
                f"{report.refreshed:,} clocks refreshed, {sum(report.opened.values()):,} cases "
                f"opened, {report.reminders:,} reminders, {report.statistics_rows:,} statistics "
                f"rows ({report.statistics_recomputed:,} recomputed)  | {steps}",
                flush=True,
            )
        transaction.set_rollback(True)
    if connection.vendor == "postgresql":
        # The nights rolled back leave a dead copy of every file row: the next bench's
        # floors doubled until the region was vacuumed.
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        print(
            f"region vacuumed after the nights in {time.perf_counter() - began:.1f} s", flush=True
        )


if __name__ == "__main__":
    main()
