"""``marquee restore IN``: put a backup back into an empty site and verify every table."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from marquee.ops.backups import backup_restore
from marquee.ops.databases import OperationError


class Command(BaseCommand):
    help = (
        "Restore a backup made by `marquee backup` into an empty site, then check that every "
        "table's row count and checksum, and every media file, match the backup."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="the .tar.gz file `marquee backup` wrote")
        parser.add_argument(
            "--force",
            action="store_true",
            help="restore even though the site has content: everything in it is replaced",
        )
        parser.add_argument("--no-media", action="store_true", help="restore the database only")

    def handle(self, *args, **options) -> None:
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"{archive} does not exist")
        try:
            summary = backup_restore(
                archive_path=archive,
                force=options["force"],
                include_media=not options["no_media"],
            )
        except (OperationError, DatabaseError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {summary.describe()} from {archive}; "
            "every table's row count and checksum matches the backup."
        )
