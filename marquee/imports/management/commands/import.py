"""``marquee import FORMAT PATH --user NAME``: bring a reader's history in from another service."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from marquee.accounts.models import User
from marquee.errors import InputError
from marquee.imports.formats import FORMATS
from marquee.imports.report import ImportReport
from marquee.imports.services import import_apply
from marquee.journal.page_cache import content_changed


class Command(BaseCommand):
    help = "Import ratings, diary, watchlist, likes and lists from an export file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=sorted(FORMATS), help="where the export is from")
        parser.add_argument("path", type=Path, help="the export file or folder")
        parser.add_argument("--user", required=True, help="the reader whose history this is")
        parser.add_argument("--strict", action="store_true", help="stop at the first bad row")
        parser.add_argument("--dry-run", action="store_true", help="report without writing")
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="add films the catalog lacks, from the export's own title and year",
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, **options) -> None:
        export_format = FORMATS[options["format"]]
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f'no user called "{options["user"]}"')
        try:
            parsed = export_format.parser()(options["path"])
            with tqdm(
                total=len(parsed.records),
                desc=f"Importing {export_format.label}",
                unit="item",
                disable=options["json"] or not sys.stderr.isatty(),
            ) as bar:
                report = import_apply(
                    user=user,
                    source=export_format.source,
                    parsed=parsed,
                    dry_run=options["dry_run"],
                    strict=options["strict"],
                    create_missing=options["create_missing"] or export_format.creates_films,
                    progress=lambda done, total: bar.update(done - bar.n),
                )
        except InputError as error:
            raise CommandError(error.describe()) from error
        if report.changed_anything and not report.dry_run:
            content_changed()
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            self._print(report)

    def _print(self, report: ImportReport) -> None:
        self.stdout.write(self.style.SUCCESS(report.summary()))
        for line in report.lines():
            self.stdout.write(line)
