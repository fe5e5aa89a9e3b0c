from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parcours.demo.region import SEED, region_seed
from parcours.pathways.models import Pathway
from parcours.territory.models import Centre


class Command(BaseCommand):
    help = (
        "Fill an empty database with a synthetic region for measuring: N people over the eight "
        "centres, their files, enrolments, attendance and appointments (reproducible)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=50_000, help="how many people")
        parser.add_argument("--seed", type=int, default=SEED, help="the random seed")

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        if not Centre.objects.exists():
            raise CommandError("Load the reference data first: parcours load_reference")
        if Pathway.objects.exists():
            raise CommandError("seed_region fills an empty database: this one has files.")
        if options["people"] < 1:
            raise CommandError("--people must be at least 1.")
        report = region_seed(people=options["people"], seed=options["seed"], say=self._say)
        total = sum(report.seconds.values())
        self.stdout.write(
            f"Region: {report.people:,} people, {report.enrolments:,} enrolments, "
            f"{report.attendance:,} attendance rows, {report.appointments:,} appointments "
            f"in {total:.0f} s."
        )
