"""`parcours sweep`: the nightly check (run it once a day, e.g. from cron at 02:00)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from parcours.casework.sweep import sweep_run


class Command(BaseCommand):
    help = (
        "Refresh stale deadlines, open non-compliance cases for obliged people who do not "
        "follow the pathway, enqueue appointment reminders, and anonymise the closed files "
        "past their retention period. Safe to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="the day to judge (YYYY-MM-DD); default: today")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError:
            raise CommandError("--on must be a date like 2026-11-30") from None
        report = sweep_run(today=today)
        opened = ", ".join(f"{k}: {v}" for k, v in sorted(report.opened.items())) or "none"
        self.stdout.write(
            f"{today}: {report.refreshed} clock(s) refreshed; cases opened: {opened}; "
            f"{report.failed} failed; {report.reminders} reminder task(s) enqueued; "
            f"{report.anonymised} person(s) anonymised (retention); "
            f"statistics table: {report.statistics_rows} file(s), "
            f"{report.statistics_recomputed} recomputed"
        )
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items())
        self.stdout.write(f"took: {steps}")
