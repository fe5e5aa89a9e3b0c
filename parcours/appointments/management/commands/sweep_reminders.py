"""`parcours sweep_reminders`: enqueue the reminders of appointments in two days (run daily,
e.g. from the nightly sweep or cron). Safe to run twice: sending is idempotent."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from parcours.appointments.services.outbox import reminders_enqueue


class Command(BaseCommand):
    help = "Enqueue appointment reminders (e-mail and SMS) for appointments in two days."

    def handle(self, *args: Any, **options: Any) -> None:
        count = reminders_enqueue(today=timezone.localdate())
        self.stdout.write(f"{count} reminder task(s) enqueued")
