"""``marquee catalog SUBCOMMAND``: look after the film catalog from the command line.

    marquee catalog load-movielens DIR [--ratings] [--dry-run] [--json]
    marquee catalog load-tmdb FILE.csv [--create-missing] [--dry-run] [--json]
    marquee catalog load-imdb DIR [--min-votes N] [--no-tv-movies] [--dry-run] [--json]

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
from marquee.catalog.loaders.imdb import DEFAULT_MIN_VOTES, FILM_TYPES, STAGES, imdb_load
from marquee.catalog.loaders.movielens import movielens_load
from marquee.catalog.loaders.tmdb import tmdb_load
from marquee.errors import InputError
from marquee.journal.page_cache import content_changed
from marquee.related.services import similar_queue_rebuild
from marquee.search.services import index_queue_rebuild


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


def _imdb_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "directory", type=Path, help="a folder with IMDb's six .tsv.gz dataset files"
    )
    parser.add_argument(
        "--min-votes",
        type=int,
        default=DEFAULT_MIN_VOTES,
        metavar="N",
        help=f"only films with at least N votes on IMDb (default {DEFAULT_MIN_VOTES:,})",
    )
    parser.add_argument(
        "--no-tv-movies", action="store_true", help="leave out TV films (titleType tvMovie)"
    )
    _report_arguments(parser)


def _load_imdb(command: Command, options: dict) -> None:
    """One bar counts the steps (six files, then the writing); a second follows each step, by
    bytes of the compressed file, then by rows written."""
    hidden = options["json"] or not sys.stderr.isatty()

    def service(steps: Progress) -> LoadReport:
        bars: list[tqdm] = []

        def step(name: str, total: int, unit: str) -> Progress:
            steps(len(bars), STAGES)
            if bars:
                bars[-1].close()
            bar = tqdm(
                desc=name, total=total, unit=unit, unit_scale=True, leave=False, disable=hidden
            )
            bars.append(bar)
            return lambda done, _total: bar.update(done - bar.n)

        try:
            return imdb_load(
                directory=options["directory"],
                min_votes=options["min_votes"],
                title_types=("movie",) if options["no_tv_movies"] else FILM_TYPES,
                dry_run=options["dry_run"],
                progress=step,
            )
        finally:
            if bars:
                bars[-1].close()
            steps(STAGES, STAGES)

    command.load("Loading IMDb", service, options, unit="step")


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
    "load-imdb": Subcommand(
        "load IMDb's dataset files: films, directors, writers, cast and alternate titles",
        _imdb_arguments,
        _load_imdb,
    ),
}


class Command(BaseCommand):
    help = "Look after the film catalog: load public datasets (MovieLens, TMDB, IMDb)."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        for name, subcommand in SUBCOMMANDS.items():
            subparser = subcommands.add_parser(
                name, help=subcommand.help, description=subcommand.help
            )
            subcommand.add_arguments(subparser)

    def handle(self, *args, **options) -> None:
        SUBCOMMANDS[options["subcommand"]].run(self, options)

    def load(
        self,
        label: str,
        service: Callable[[Progress], LoadReport],
        options: dict,
        *,
        unit: str = "row",
    ) -> None:
        """Run a loader with a progress bar, then print its report (or raise CommandError)."""
        with tqdm(
            desc=label,
            unit=unit,
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
            similar_queue_rebuild()
            index_queue_rebuild()  # the loaders write in bulk, past the search index's signals
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            self._print(report)

    def _print(self, report: LoadReport) -> None:
        self.stdout.write(self.style.SUCCESS(report.summary()))
        for line in report.lines(film_note=lambda film: f"TMDB {film.tmdb_id}; "):
            self.stdout.write(line)
