"""`parcours statistics_refresh`: bring the statistics' nightly tables up to date now (the sweep
does it every night; run this to see today's figures today). On PostgreSQL only the files
changed since the last refresh are recomputed; `--full` rebuilds both tables whole."""

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from parcours.casework.statistics.facts import facts_refresh
from parcours.casework.statistics.warm import statistics_warm


class Command(BaseCommand):
    help = (
        "Bring the statistics tables up to date (the files changed since the last refresh, "
        "or all of them with --full), then compute the pages opened without a filter."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--full", action="store_true", help="rebuild both tables whole, every file"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        refresh = facts_refresh(now=timezone.now(), full=options["full"])
        how = "rebuilt whole" if refresh.full else f"{refresh.recomputed} file(s) recomputed"
        self.stdout.write(
            f"statistics table: {refresh.rows} file(s), {how}, in {refresh.seconds:.1f} s, "
            f"as of {timezone.localtime(refresh.refreshed_at):%Y-%m-%d %H:%M}"
        )
        began = time.perf_counter()
        pages = statistics_warm(refresh=refresh, today=timezone.localdate())
        self.stdout.write(
            f"statistics pages computed ahead: {pages} in {time.perf_counter() - began:.1f} s"
        )
