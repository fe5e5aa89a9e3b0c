"""`parcours statistics_refresh`: rebuild the statistics' nightly table now (the sweep does it
every night; run this after a bulk import, or to see today's figures today)."""

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from parcours.casework.statistics.facts import facts_refresh
from parcours.casework.statistics.warm import statistics_warm


class Command(BaseCommand):
    help = (
        "Rebuild the statistics tables (one INSERT … SELECT each), then compute the pages "
        "opened without a filter."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        refresh = facts_refresh(now=timezone.now())
        self.stdout.write(
            f"statistics table: {refresh.rows} file(s) in {refresh.seconds:.1f} s, "
            f"as of {timezone.localtime(refresh.refreshed_at):%Y-%m-%d %H:%M}"
        )
        began = time.perf_counter()
        pages = statistics_warm(refresh=refresh, today=timezone.localdate())
        self.stdout.write(
            f"statistics pages computed ahead: {pages} in {time.perf_counter() - began:.1f} s"
        )
