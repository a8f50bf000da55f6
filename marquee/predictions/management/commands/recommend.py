"""``marquee recommend USER [--n 10]``: a reader's top films not yet seen."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marquee.predictions.management.commands._lookup import reader_named
from marquee.predictions.selectors import recommendations_for


class Command(BaseCommand):
    help = "List a reader's top recommendations, each with its reason."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("user")
        parser.add_argument("--n", type=int, default=10)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options) -> None:
        if not 1 <= options["n"] <= 500:
            raise CommandError("--n must be between 1 and 500")
        reader = reader_named(options["user"])
        items = recommendations_for(reader, n=options["n"])
        rows = [
            {
                "title": r.film.title,
                "year": r.film.year,
                "score": round(r.score, 4),
                "why": r.reason,
            }
            for r in items
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(
                "No recommendations: the reader has no ratings or no model is trained."
            )
        for rank, row in enumerate(rows, start=1):
            self.stdout.write(f"{rank:>3}. {row['title']} ({row['year']}) — {row['why']}")
