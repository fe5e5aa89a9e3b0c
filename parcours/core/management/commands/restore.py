"""`parcours restore FOLDER --yes`: replace the database and the media files with a backup's,
after checking its checksums; then check every table against the manifest."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parcours.core.backup import BackupError, backup_restore, manifest_read


class Command(BaseCommand):
    help = (
        "Restore a backup made by `parcours backup`: REPLACES the database and the media "
        "files. Checks the backup's checksums first and every table's rows afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="a folder written by `parcours backup`")
        parser.add_argument(
            "--yes", action="store_true", help="confirm that the current data is replaced"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        try:
            if not options["yes"]:
                manifest = manifest_read(folder)
                raise CommandError(
                    f"The backup of {manifest['created_at']} is sound. Restoring it replaces "
                    "the database and the media files: run again with --yes."
                )
            manifest = backup_restore(folder=folder)
        except BackupError as error:
            raise CommandError(str(error.message)) from None
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: {len(manifest['tables'])} "
            "tables, each with the same rows and checksum as when it was taken."
        )
