"""``marquee taste test-films`` and ``marquee taste compare USER1 USER2``."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marquee.catalog.models import Film
from marquee.predictions import store
from marquee.predictions.management.commands._lookup import reader_named
from marquee.taste.selectors import CompareRefused, comparison, elicitor_of

MAX_TEST_FILMS = 100


def _film_label(film: Film) -> str:
    return str(film)  # "Title (Year)"


class Command(BaseCommand):
    help = "Test films that reveal a new reader's taste, and how alike two readers are."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{test-films,compare}"
        )
        films = actions.add_parser(
            "test-films", help="The best fixed set of films to ask a new reader about."
        )
        films.add_argument("--n", type=int, default=10, help="How many films (default 10).")
        films.add_argument("--json", action="store_true", help="Print one JSON list.")
        compare = actions.add_parser("compare", help="How alike two readers' tastes are.")
        compare.add_argument("user1")
        compare.add_argument("user2")
        compare.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "test-films":
            self.test_films(options["n"], as_json=options["json"])
        else:
            self.compare(options["user1"], options["user2"], as_json=options["json"])

    def test_films(self, n: int, *, as_json: bool) -> None:
        if not 1 <= n <= MAX_TEST_FILMS:
            raise CommandError(f"--n {n}: choose between 1 and {MAX_TEST_FILMS} films")
        models = store.current()
        if models is None:
            raise CommandError("no trained models yet: run marquee train first")
        elicitor = elicitor_of(models)
        if elicitor is None:
            raise CommandError(
                "the models were trained before test films existed: run marquee train again"
            )
        columns = elicitor.fixed_items(n)
        films = Film.objects.in_bulk([int(models.film_ids[c]) for c in columns])
        rows = [
            {"title": film.title, "year": film.year, "why": elicitor.why(column)}
            for column in columns
            if (film := films.get(int(models.film_ids[column]))) is not None
        ]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for number, row in enumerate(rows, start=1):
            year = f" ({row['year']})" if row["year"] else ""
            self.stdout.write(f"{number:>3}. {row['title']}{year}: {row['why']}")

    def compare(self, first: str, second: str, *, as_json: bool) -> None:
        you, them = reader_named(first), reader_named(second)
        try:
            if you.ratings_private:
                raise CompareRefused(
                    f"{you.username} keeps their ratings private, so their taste cannot be compared"
                )
            result = comparison(you, them)
        except CompareRefused as refusal:
            raise CommandError(refusal.message.rstrip(".")) from None
        match = result.match
        data = {
            "score": match.score if match.has_evidence else None,
            "low": match.low if match.has_evidence else None,
            "high": match.high if match.has_evidence else None,
            "shared": match.shared,
            "agree": [_film_label(pair.film) for pair in match.agree],
            "disagree": [_film_label(pair.film) for pair in match.disagree],
        }
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        if not match.has_evidence:
            self.stdout.write(f"{you.username} and {them.username} have no rated films in common.")
            return
        self.stdout.write(
            f"{you.username} and {them.username}: {match.score}% alike "
            f"({match.low}-{match.high}%), from {match.shared} films both rated"
        )
        for label, films in (("agree on", data["agree"]), ("disagree on", data["disagree"])):
            if films:
                self.stdout.write(f"  {label}: {'; '.join(films)}")
