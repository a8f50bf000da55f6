"""``marquee links SLUG [--json]``: the films and people a review names.
``marquee links --rebuild``: link every review and comment again (after a catalog load)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from marquee.journal.page_cache import content_changed
from marquee.mentions import selectors, services
from marquee.mentions.models import Mention
from marquee.reviews.models import Review


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    return {
        "field": mention.field,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "kind": mention.kind,
        "target": mention.target_label,
        "confidence": mention.confidence,
        "status": mention.status,
        **({"comment": mention.comment_id} if mention.comment_id else {}),
    }


class Command(BaseCommand):
    help = "List the films and people a review mentions, or link every review again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="?", help="The review's slug, as in its URL.")
        parser.add_argument("--json", action="store_true", help="Print a JSON list.")
        parser.add_argument(
            "--relink", action="store_true", help="Link this review again before listing."
        )
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Link every review and comment again, e.g. after loading the catalog.",
        )
        parser.add_argument(
            "--no-comments", action="store_true", help="With --rebuild: reviews only."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            if options["slug"]:
                raise CommandError("give a review's slug or --rebuild, not both")
            self.rebuild(comments=not options["no_comments"], as_json=options["json"])
            return
        if not options["slug"]:
            raise CommandError("give a review's slug (as in its URL), or --rebuild")
        review = Review.objects.select_related("film").filter(slug=options["slug"]).first()
        if review is None:
            raise CommandError(f'no review with the slug "{options["slug"]}"')
        if options["relink"]:
            services.mentions_relink(source=review)
            for comment in review.comments.all():
                services.mentions_relink(source=comment)
            content_changed()
        mentions = [
            mention_to_dict(m) for m in selectors.review_mentions(review, with_comments=True)
        ]
        if options["json"]:
            self.stdout.write(json.dumps(mentions, ensure_ascii=False, indent=2))
            return
        if not mentions:
            self.stdout.write(f"{review.film}: no films or people found in this review.")
            return
        for m in mentions:
            where = f"comment {m['comment']}" if "comment" in m else m["field"]
            self.stdout.write(
                f"{where:<13} {m['start']:>6}-{m['end']:<6} {m['kind']:<6} "
                f"{m['confidence']:.2f} {m['status']:<9} {m['text']!r} → {m['target']}"
            )

    def rebuild(self, *, comments: bool, as_json: bool) -> None:
        with tqdm(total=0, unit="text", disable=as_json, desc="linking") as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            count = services.mentions_relink_all(comments=comments, progress=progress)
        content_changed()
        if as_json:
            self.stdout.write(json.dumps({"linked": count}))
        else:
            self.stdout.write(f"Linked {count} reviews and comments again.")
