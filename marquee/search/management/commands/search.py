"""``marquee search "QUERY" [--json] [--limit N]`` and ``marquee search --rebuild``.

Prints the results of one search (JSON: a list of ``{kind, title, year, url, score}``), or
rebuilds the whole index (documents, then the vectors that are missing or stale) with a
progress bar.
"""

from __future__ import annotations

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from marquee.search.keyword import MAX_QUERY_CHARS, MAX_WORDS
from marquee.search.selectors import DEFAULT_LIMIT, MAX_LIMIT, MODES, search
from marquee.search.services import index_rebuild


class Command(BaseCommand):
    help = "Search films, people and reviews, or rebuild the search index (--rebuild)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", nargs="?", default=None, help="what to look for")
        parser.add_argument("--json", action="store_true", help="print the results as JSON")
        parser.add_argument(
            "--limit", type=int, default=DEFAULT_LIMIT, help=f"at most this many (1-{MAX_LIMIT})"
        )
        parser.add_argument(
            "--mode", choices=MODES, default="combined", help="keyword, meaning or both"
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="rebuild every document and vector first"
        )

    def handle(self, *args, **options) -> None:
        if options["query"] is None and not options["rebuild"]:
            raise CommandError('give a query (marquee search "alien") or --rebuild')
        if not 1 <= options["limit"] <= MAX_LIMIT:
            raise CommandError(f"--limit: {options['limit']} is not between 1 and {MAX_LIMIT}")
        if options["rebuild"]:
            self._rebuild(quiet=options["json"])
        if options["query"] is not None:
            self._search(options)

    def _rebuild(self, *, quiet: bool) -> None:
        bars: dict[str, tqdm] = {}

        def progress(step: str, done: int, total: int) -> None:
            if step not in bars:
                for bar in bars.values():
                    bar.close()
                bars[step] = tqdm(desc=step, total=total, disable=quiet, file=sys.stderr)
            bar = bars[step]
            bar.total = total
            bar.update(done - bar.n)

        counts = index_rebuild(progress=progress)
        for bar in bars.values():
            bar.close()
        if not quiet:
            self.stdout.write(
                f"Indexed {counts['documents']} documents;"
                f" computed {counts['vectors_computed']} vectors."
            )

    def _search(self, options: dict) -> None:
        results = search(options["query"], limit=options["limit"], mode=options["mode"])
        rows = [{**hit.as_dict(), "url": settings.SITE_URL + hit.url} for hit in results.hits]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if results.truncated:
            self.stderr.write(
                f"The query was cut to its first {MAX_QUERY_CHARS} characters"
                f" and {MAX_WORDS} words."
            )
        if results.message:
            self.stdout.write(results.message)
        for row in rows:
            year = f" ({row['year']})" if row["year"] else ""
            line = f"{row['score']:.4f}  {row['kind']:<6}  {row['title']}{year}  {row['url']}"
            self.stdout.write(line)
