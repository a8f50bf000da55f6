"""``marquee export FORMAT --user NAME OUT``: a reader's history in a portable file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marquee.accounts.models import User
from marquee.imports.journal import journal_export
from marquee.imports.letterboxd_export import letterboxd_export


class Command(BaseCommand):
    help = "Export a reader's ratings, diary, watchlist, likes and lists."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "format",
            choices=["letterboxd", "journal"],
            help="letterboxd: CSV for Letterboxd's importer; journal: Marquee's lossless ZIP",
        )
        parser.add_argument("out", type=Path, help="the file to write")
        parser.add_argument("--user", required=True)

    def handle(self, *args, **options) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f'no user called "{options["user"]}"')
        out: Path = options["out"]
        if not out.parent.is_dir():
            raise CommandError(f"{out.parent} is not a folder")
        if options["format"] == "letterboxd":
            count = letterboxd_export(user=user, out=out)
            self.stdout.write(self.style.SUCCESS(f"Wrote {count} rows to {out}"))
        else:
            summary = journal_export(user=user, out=out)
            counts = ", ".join(
                f"{n} {name.removesuffix('.csv')}" for name, n in summary.counts.items()
            )
            self.stdout.write(self.style.SUCCESS(f"Wrote {out}: {counts}"))
