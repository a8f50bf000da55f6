"""``marquee review import FILE`` and ``marquee review export SLUG``: the plain-text layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marquee.accounts.models import User
from marquee.errors import InputError
from marquee.journal.page_cache import content_changed
from marquee.reviews.models import Review
from marquee.reviews.permissions import can_write_reviews
from marquee.reviews.services import ReviewPermissionError
from marquee.reviews.textimport import review_create_from_text, review_to_dict, review_to_text

# Checked on the file's size before it is read; the parser's own cap is in characters.
MAX_FILE_BYTES = 1_000_000

_LABELS = [
    ("title", "Title"),
    ("year", "Year"),
    ("verdict", "Verdict"),
    ("tagline", "Tagline"),
    ("director", "Director"),
    ("cast", "Cast"),
    ("setup", "The Setup"),
    ("body", "Body"),
    ("should_watch", "Should you watch it"),
]


def read_review_file(path: Path) -> str:
    """The file's text: UTF-8 with or without a BOM, refused when over ``MAX_FILE_BYTES``."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise CommandError(f"{path}: cannot read: {error.strerror or error}") from error
    if not path.is_file():
        raise CommandError(f"{path}: not a file")
    if size > MAX_FILE_BYTES:
        raise CommandError(
            f"{path}: is {size:,} bytes; review files are limited to 1 MB "
            f"({MAX_FILE_BYTES:,} bytes)"
        )
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CommandError(f"{path}:{line}: text: not UTF-8 (byte {error.start})") from error


class Command(BaseCommand):
    help = "Import a review from the plain-text layout, or export one to it."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{import,export}")
        importing = actions.add_parser("import", help="Create a review from a plain-text file.")
        importing.add_argument("file", type=Path, help="UTF-8 text file in the review layout.")
        importing.add_argument("--author", required=True, help="Username of the critic.")
        importing.add_argument("--publish", action="store_true", help="Publish it at once.")
        importing.add_argument("--json", action="store_true", help="Print one JSON object.")
        exporting = actions.add_parser("export", help="Print a review in the plain-text layout.")
        exporting.add_argument("slug", help="The review's slug, as in its URL.")
        exporting.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self.import_review(options["file"], options["author"], options["publish"], options)
        else:
            self.export_review(options["slug"], options)

    def import_review(self, path: Path, username: str, publish: bool, options: dict) -> None:
        """Create the review in ``path`` as ``username``; any error leaves nothing written."""
        author = User.objects.filter(username=username).first()
        if author is None:
            raise CommandError(f'no user called "{username}"')
        if not can_write_reviews(author):
            raise CommandError(f'"{username}" may not write reviews: not an active critic or staff')
        text = read_review_file(path)
        try:
            review = review_create_from_text(
                author=author, text=text, publish=publish, source=str(path)
            )
        except InputError as error:
            raise CommandError(error.describe()) from error
        except ReviewPermissionError as error:
            raise CommandError(str(error)) from error
        content_changed()  # cached public pages may now be out of date
        data = review_to_dict(review)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        state = "Published" if review.is_published else "Saved draft"
        self.stdout.write(self.style.SUCCESS(f"{state}: {data['url']}"))
        for key, label in _LABELS:
            self.stdout.write(_labelled(label, data[key]))
        self.stdout.write(f"Comments: {len(data['comments'])}")
        for number, comment in enumerate(data["comments"], start=1):
            self.stdout.write(_labelled(f"  {number}", comment))

    def export_review(self, slug: str, options: dict) -> None:
        """Print the review at ``slug``, drafts included: this is the site operator's tool."""
        review = (
            Review.objects.select_related("film", "verdict", "author").filter(slug=slug).first()
        )
        if review is None:
            raise CommandError(f'no review with the slug "{slug}"')
        if options["json"]:
            self.stdout.write(json.dumps(review_to_dict(review), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(review_to_text(review), ending="")


def _labelled(label: str, value: object) -> str:
    """``Label: value``, with later lines of a long value indented under the first."""
    if isinstance(value, list):
        value = ", ".join(value)
    text = "" if value is None else str(value)
    return f"{label}: " + text.replace("\n", "\n    ")
