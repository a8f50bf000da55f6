"""``marquee backup OUT``: the database and media files in one archive, while the site serves."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from marquee.ops.backups import backup_create, backup_file_name
from marquee.ops.databases import OperationError


class Command(BaseCommand):
    help = (
        "Back up the database and media files into one .tar.gz archive, safely while the site "
        "serves. OUT is the archive, or a folder to put a dated archive in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="the .tar.gz file to write, or an existing folder")
        parser.add_argument(
            "--no-media", action="store_true", help="leave the uploaded media files out"
        )

    def handle(self, *args, **options) -> None:
        out = Path(options["out"])
        if out.is_dir():
            out = out / backup_file_name()
        try:
            summary = backup_create(out=out, include_media=not options["no_media"])
        except (OperationError, DatabaseError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up {summary.describe()} to {summary.path}")
