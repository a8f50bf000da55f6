"""``marquee catalog SUBCOMMAND``: look after the film catalog from the command line.

    marquee catalog load-movielens DIR [--ratings] [--dry-run] [--json]
    marquee catalog load-tmdb FILE.csv [--create-missing] [--dry-run] [--json]

Each subcommand is one entry in ``SUBCOMMANDS``: a help line, a function adding its arguments
and a function running it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from marquee.catalog.loaders import LoadReport, Progress
from marquee.catalog.loaders.movielens import movielens_load
from marquee.catalog.loaders.tmdb import tmdb_load
from marquee.errors import InputError
from marquee.journal.page_cache import content_changed


@dataclass(frozen=True)
class Subcommand:
    help: str
    add_arguments: Callable[[CommandParser], None]
    run: Callable[[Command, dict], None]


def _report_arguments(parser: CommandParser) -> None:
    parser.add_argument("--dry-run", action="store_true", help="report without writing")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def _movielens_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "directory", type=Path, help="a MovieLens folder (ml-latest-small, ml-25m, ml-100k...)"
    )
    parser.add_argument(
        "--ratings",
        action="store_true",
        help="also load every rating, each MovieLens user becoming a reader named ml-<id>",
    )
    _report_arguments(parser)


def _tmdb_arguments(parser: CommandParser) -> None:
    parser.add_argument("path", type=Path, help="a CSV laid out like tmdb_5000_movies.csv")
    parser.add_argument(
        "--create-missing",
        action="store_true",
        help="add films the catalog lacks, instead of listing them as unmatched",
    )
    _report_arguments(parser)


def _load_movielens(command: Command, options: dict) -> None:
    command.load(
        "Loading MovieLens",
        lambda progress: movielens_load(
            directory=options["directory"],
            with_ratings=options["ratings"],
            dry_run=options["dry_run"],
            progress=progress,
        ),
        options,
    )


def _load_tmdb(command: Command, options: dict) -> None:
    command.load(
        "Loading TMDB",
        lambda progress: tmdb_load(
            path=options["path"],
            create_missing=options["create_missing"],
            dry_run=options["dry_run"],
            progress=progress,
        ),
        options,
    )


SUBCOMMANDS: dict[str, Subcommand] = {
    "load-movielens": Subcommand(
        "load a MovieLens folder's films, and with --ratings its ratings",
        _movielens_arguments,
        _load_movielens,
    ),
    "load-tmdb": Subcommand(
        "attach TMDB synopses, taglines, genres, keywords and runtimes to films",
        _tmdb_arguments,
        _load_tmdb,
    ),
}


class Command(BaseCommand):
    help = "Look after the film catalog: load public datasets (MovieLens, TMDB)."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        for name, subcommand in SUBCOMMANDS.items():
            subparser = subcommands.add_parser(
                name, help=subcommand.help, description=subcommand.help
            )
            subcommand.add_arguments(subparser)

    def handle(self, *args, **options) -> None:
        SUBCOMMANDS[options["subcommand"]].run(self, options)

    def load(self, label: str, service: Callable[[Progress], LoadReport], options: dict) -> None:
        """Run a loader with a progress bar, then print its report (or raise CommandError)."""
        with tqdm(
            desc=label,
            unit="row",
            unit_scale=True,
            disable=options["json"] or not sys.stderr.isatty(),
        ) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            try:
                report = service(progress)
            except InputError as error:
                raise CommandError(error.describe()) from error
        if report.changed_anything and not report.dry_run:
            content_changed()
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            self._print(report)

    def _print(self, report: LoadReport) -> None:
        self.stdout.write(self.style.SUCCESS(report.summary()))
        for line in report.lines(film_note=lambda film: f"TMDB {film.tmdb_id}; "):
            self.stdout.write(line)
