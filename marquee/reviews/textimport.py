"""Reviews in the plain-text layout: create one from text, and write one back out."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from marquee.accounts.models import User
from marquee.catalog.selectors import film_cast, film_directors
from marquee.catalog.services import film_resolve
from marquee.comments.services import comment_import
from marquee.errors import InputError
from marquee.reviews import permissions
from marquee.reviews.models import Review, Verdict
from marquee.reviews.services import ReviewPermissionError, review_create, verdict_by_name
from marquee.reviews.textformat import ParsedReview, format_review_text, parse_review_text


@transaction.atomic
def review_create_from_text(
    *, author: User, text: str, publish: bool = False, source: str = "<text>"
) -> Review:
    """Create a review, its film when new, and its reader comments from the plain-text layout.

    All or nothing: any error (InputError naming field and line, or ReviewPermissionError)
    leaves the catalog, the reviews and the comments as they were.
    """
    # Checked before parsing so someone who may not write learns that first, not about typos.
    if not permissions.can_write_reviews(author):
        raise ReviewPermissionError(f"{author} may not write reviews")
    verdict_names = list(Verdict.objects.values_list("name", flat=True))
    parsed = parse_review_text(text, verdict_names=verdict_names, source=source)
    try:
        film = film_resolve(
            title=parsed.title, year=parsed.year, director=parsed.director, cast=parsed.cast
        )
        review = review_create(
            author=author,
            film=film,
            verdict=verdict_by_name(parsed.verdict),
            tagline=parsed.tagline,
            setup=parsed.setup,
            body=parsed.body,
            should_watch=parsed.should_watch,
            publish=publish,
        )
        for comment in parsed.comments:
            comment_import(review=review, body=comment)
    except InputError as error:
        # The parser checks what these services check; should one still object, point at
        # the line the field came from rather than at nothing.
        if error.line is not None:
            raise
        raise InputError(
            error.field, error.message, line=parsed.lines.get(error.field), file=source
        ) from error
    return review


def review_as_parsed(review: Review) -> ParsedReview:
    """The review as the plain-text layout holds it: catalog credits, approved comments."""
    film = review.film
    comments = review.comments.approved().order_by("created_at", "id")
    return ParsedReview(
        title=film.title,
        year=film.year,
        verdict=review.verdict.name,
        tagline=review.tagline,
        director=", ".join(person.name for person in film_directors(film)),
        cast=[person.name for person in film_cast(film)],
        setup=review.setup,
        body=review.body,
        should_watch=review.should_watch,
        comments=list(comments.values_list("body", flat=True)),
    )


def review_to_text(review: Review) -> str:
    """The review in the plain-text layout, ready to be imported again."""
    return format_review_text(review_as_parsed(review))


def review_to_dict(review: Review) -> dict[str, Any]:
    """The review's fields as plain data for JSON output, with its absolute URL."""
    parsed = review_as_parsed(review)
    return {
        "title": parsed.title,
        "year": parsed.year,
        "verdict": parsed.verdict,
        "tagline": parsed.tagline,
        "director": parsed.director,
        "cast": parsed.cast,
        "setup": parsed.setup,
        "body": parsed.body,
        "should_watch": parsed.should_watch,
        "comments": parsed.comments,
        "slug": review.slug,
        "status": review.status,
        "author": review.author.public_name,
        "published_at": review.published_at.isoformat() if review.published_at else None,
        "url": settings.SITE_URL + review.get_absolute_url(),
    }
