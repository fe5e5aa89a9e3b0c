"""`parcours backup FOLDER`: the database (pg_dump custom format, or SQLite's online backup),
the media files and a manifest with checksums (`parcours.core.backup`)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parcours.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the media files into FOLDER, with a manifest of checksums."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="a new or empty folder")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        try:
            manifest = backup_create(folder=folder)
        except BackupError as error:
            raise CommandError(str(error.message)) from None
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"Backup written to {folder}: {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['media'])} media file(s)."
        )
