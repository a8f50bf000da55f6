"""``marquee similar "TITLE (YEAR)" [--json] [--earlier]`` and ``marquee similar --rebuild``.

Lists a film's closest films ("more like this") or, with ``--earlier``, the earlier films with
the closest stories (possible influences), from the precomputed tables; ``--rebuild`` recomputes
them with a progress bar. The first listing on a site that never built them builds them first.
"""

from __future__ import annotations

import json
import re
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from tqdm import tqdm

from marquee.catalog.matching import title_match_key
from marquee.catalog.models import Film
from marquee.catalog.selectors import film_find
from marquee.related import selectors
from marquee.related.services import INFLUENCES, NEIGHBOURS, similar_rebuild

TITLE_WITH_YEAR = re.compile(r"^(?P<title>.+?)\s*\((?P<year>\d{4})\)\s*$")
MAX_CANDIDATES = 10


def _candidates(title: str) -> list[Film]:
    """Films a title could mean: same match key (or alternate title), else titles containing it."""
    key = title_match_key(title)
    films = Film.objects.filter(Q(match_key=key) | Q(alternate_titles__match_key=key)).distinct()
    if not key or not films.exists():
        films = Film.objects.filter(title__icontains=title.strip())
    return list(films.order_by("year", "title")[: MAX_CANDIDATES + 1])


def film_named(text: str) -> Film:
    """The one film "Title (Year)" or "Title" names; a CommandError listing candidates if not."""
    match = TITLE_WITH_YEAR.match(text.strip())
    title, year = (match["title"], int(match["year"])) if match else (text.strip(), None)
    if not title:
        raise CommandError('give a film as "TITLE (YEAR)"')
    film = film_find(title=title, year=year)
    if film is not None:
        return film
    candidates = _candidates(title)
    if not candidates:
        raise CommandError(f'no film in the catalog matches "{text}"')
    listed = "\n".join(f"  {film}" for film in candidates[:MAX_CANDIDATES])
    more = "\n  ..." if len(candidates) > MAX_CANDIDATES else ""
    problem = "matches several films" if len(candidates) > 1 else "names no film with that year"
    raise CommandError(
        f'"{text}" {problem}; name one as "TITLE (YEAR)". Candidates:\n{listed}{more}'
    )


class Command(BaseCommand):
    help = "List a film's most similar films (or possible influences), or rebuild them all."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("film", nargs="?", help='the film, as "TITLE (YEAR)"')
        parser.add_argument("--json", action="store_true", help="print a JSON list")
        parser.add_argument(
            "--earlier",
            action="store_true",
            help="earlier films with the closest stories (possible influences) instead",
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="recompute every film's neighbours first"
        )

    def handle(self, *args, **options) -> None:
        if not options["film"] and not options["rebuild"]:
            raise CommandError('give a film as "TITLE (YEAR)", or --rebuild')
        film = film_named(options["film"]) if options["film"] else None
        if options["rebuild"]:
            self.rebuild(listing=film is not None)
        elif selectors.latest_build() is None:
            self.stderr.write("Similar films were never computed on this site: computing them.")
            self.rebuild(listing=True)
        if film is None:
            return
        if options["earlier"]:
            items = selectors.possible_influences(film, limit=INFLUENCES)
        else:
            items = selectors.more_like_this(film, limit=NEIGHBOURS)
        rows = [item.to_dict() for item in items]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            what = "earlier films with a close story" if options["earlier"] else "similar films"
            self.stdout.write(
                f"No {what} for {film}: it needs a synopsis, keywords, reviews or ratings."
            )
        for rank, row in enumerate(rows, start=1):
            self.stdout.write(
                f"{rank:>3}. {row['title']} ({row['year']}) {row['score']:.3f} — {row['why']}"
            )

    def rebuild(self, *, listing: bool) -> None:
        """Rebuild with a progress bar; the report goes to stderr when a listing follows, so
        ``--json`` output stays pure JSON."""
        with tqdm(desc="Similar films", unit="film", disable=not sys.stderr.isatty()) as bar:

            def progress(stage: str, done: int, total: int) -> None:
                bar.set_description(stage)
                if bar.total != total:
                    bar.reset(total=total)
                bar.n = done
                bar.refresh()

            build = similar_rebuild(progress=progress)
        message = (
            f"Rebuilt similar films for {build.films:,} films ({build.films_with_story:,} with a "
            f"story): {build.similar_rows:,} neighbours, {build.influence_rows:,} possible "
            f"influences in {build.seconds:.1f} s."
        )
        (self.stderr if listing else self.stdout).write(self.style.SUCCESS(message))
