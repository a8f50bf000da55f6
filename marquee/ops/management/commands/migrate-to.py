"""``marquee migrate-to DATABASE_URL``: copy the whole site into another, empty database."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from marquee.ops.databases import OperationError
from marquee.ops.transfer import database_copy_to


class Command(BaseCommand):
    help = (
        "Copy this site's database into an empty database (migrated first), e.g. from SQLite to "
        "PostgreSQL, and verify every table's row count and checksum. Stop the app servers and "
        "workers first; afterwards point DATABASE_URL at the new database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "url",
            metavar="DATABASE_URL",
            help="the target, e.g. postgres://marquee@db.internal:5432/marquee "
            "(keep the password in ~/.pgpass rather than on the command line)",
        )

    def handle(self, *args, **options) -> None:
        try:
            summary = database_copy_to(url=options["url"])
        except (OperationError, DatabaseError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Copied {summary.rows:,} rows in {summary.tables} tables to {summary.target}; "
            "every table's row count and checksum matches."
        )
        if summary.not_copied:
            self.stdout.write(
                "Not copied (no Marquee model uses them): " + ", ".join(summary.not_copied)
            )
        self.stdout.write("Now set DATABASE_URL to the new database and restart Marquee.")
