from typing import Any

from django.core.management.base import BaseCommand

from parcours.territory.services import reference_load


class Command(BaseCommand):
    help = "Load or update communes, postal localities, centres and the commune → centre table."

    def handle(self, *args: Any, **options: Any) -> None:
        report = reference_load()
        self.stdout.write(
            f"{report.provinces} provinces, {report.communes} communes, "
            f"{report.localities} postal localities, {report.centres} centres loaded; "
            f"{report.assignments_kept} commune assignments corrected by hand kept."
        )
