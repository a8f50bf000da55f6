"""``marquee should-watch USER "TITLE (YEAR)"``: one reader's prediction for one film."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marquee.predictions.management.commands._lookup import film_named, reader_named
from marquee.predictions.selectors import should_watch_for
from marquee.reviews.models import Review


class Command(BaseCommand):
    help = "Predict how a reader will rate a film, and why."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("user")
        parser.add_argument("film", help='"Title (Year)" or a title')
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options) -> None:
        reader = reader_named(options["user"])
        film = film_named(options["film"])
        review = Review.objects.published().filter(film=film).select_related("author").first()
        prediction = should_watch_for(reader, film, critic=review.author if review else None)
        if prediction is None:
            raise CommandError(
                f"no prediction for {reader.username}: they have no ratings yet, "
                "or the models are not trained (marquee train)"
            )
        data = prediction.to_dict()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        verdict = f" ({data['verdict']})" if data["verdict"] else ""
        self.stdout.write(
            f"{film}: {data['predicted']} stars{verdict}, likely {data['low']}-{data['high']}"
        )
        for reason in data["because"]:
            self.stdout.write(
                f"  because you rated {reason['title']} {reason['your_rating']} "
                f"({reason['effect']:+.2f})"
            )
        agreement = data["critic_agreement"]
        if agreement and agreement["shared"]:
            self.stdout.write(
                f"  you agree with {agreement['critic']} on {agreement['agreed']} of "
                f"{agreement['shared']} films"
            )
