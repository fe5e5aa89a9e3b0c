"""`parcours retention`: anonymise the closed files past their retention period (the nightly
`parcours sweep` does it too); `--dry-run` lists what would go and changes nothing."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from parcours.casework.retention import RetentionReport, retention_preview, retention_sweep


class Command(BaseCommand):
    help = (
        "Anonymise the people whose files are all closed and past their retention period "
        "(rules parameters retention_after_*). --dry-run lists them without any change."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="the day to judge (YYYY-MM-DD); default: today")
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be anonymised, change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError:
            raise CommandError("--on must be a date like 2026-11-30") from None
        if options["dry_run"]:
            self._write(today, retention_preview(today=today), "would be anonymised")
        else:
            self._write(today, retention_sweep(today=today), "anonymised")

    def _write(self, today: date, report: RetentionReport, verb: str) -> None:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(report.by_status.items())) or "none"
        self.stdout.write(f"{today}: {report.people} person(s) {verb} (last file {statuses})")
        if report.files:
            self.stdout.write("files: " + " ".join(str(pk) for pk in report.files))
        self.stdout.write(f"finished task results past their days: {report.task_results}")
