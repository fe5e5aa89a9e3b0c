"""`parcours statistics_refresh`: rebuild the statistics' nightly table now (the sweep does it
every night; run this after a bulk import, or to see today's figures today)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from parcours.casework.statistics.facts import facts_refresh


class Command(BaseCommand):
    help = "Rebuild the statistics table of the files referred (one INSERT … SELECT)."

    def handle(self, *args: Any, **options: Any) -> None:
        refresh = facts_refresh(now=timezone.now())
        self.stdout.write(
            f"statistics table: {refresh.rows} file(s) in {refresh.seconds:.1f} s, "
            f"as of {timezone.localtime(refresh.refreshed_at):%Y-%m-%d %H:%M}"
        )
