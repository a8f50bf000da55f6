"""Writes for reviews: create, edit (with revision history), publish, and the verdict list."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from marquee.accounts.models import User
from marquee.catalog.matching import unique_slug
from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.related.services import similar_queue_rebuild
from marquee.reviews import permissions
from marquee.reviews.models import Review, ReviewRevision, Verdict
from marquee.sanitize import clean_block, clean_line, render_markdown

TAGLINE_MAX_CHARS = 200
SETUP_MAX_CHARS = 2000
SHOULD_WATCH_MAX_CHARS = 5000
# Review URLs share /reviews/ with these pages, so no review may take their names.
RESERVED_SLUGS = frozenset({"write", "paste", "mine"})


class ReviewPermissionError(PermissionError):
    """The user may not do this to this review."""


@dataclass(frozen=True)
class ReviewText:
    """The written parts of a review, validated and cleaned."""

    tagline: str
    setup: str
    body: str
    should_watch: str

    @classmethod
    def clean(cls, *, tagline: str, setup: str, body: str, should_watch: str) -> ReviewText:
        return cls(
            tagline=clean_line(tagline, field="tagline", max_chars=TAGLINE_MAX_CHARS),
            setup=clean_block(setup, field="setup", max_chars=SETUP_MAX_CHARS),
            body=clean_block(body, field="body", max_chars=settings.MARQUEE_REVIEW_BODY_MAX_CHARS),
            should_watch=clean_block(
                should_watch, field="should_watch", max_chars=SHOULD_WATCH_MAX_CHARS
            ),
        )


def verdict_by_name(name: str) -> Verdict:
    """The verdict called ``name`` (case and spacing ignored), or an error listing them all."""
    wanted = " ".join(name.split()).casefold()
    for verdict in Verdict.objects.all():
        if verdict.name.casefold() == wanted:
            return verdict
    valid = ", ".join(f'"{v.name}"' for v in Verdict.objects.all())
    raise InputError("verdict", f'"{name}" is not one of this journal\'s verdicts: {valid}')


def review_record_revision(*, review: Review, editor: User | None) -> ReviewRevision:
    """Keep the review's current text as its next revision."""
    last = review.revisions.aggregate(last=Max("number"))["last"] or 0
    return ReviewRevision.objects.create(
        review=review,
        number=last + 1,
        edited_by=editor,
        verdict_name=review.verdict.name,
        tagline=review.tagline,
        setup=review.setup,
        body=review.body,
        should_watch=review.should_watch,
    )


@transaction.atomic
def review_create(
    *,
    author: User,
    film: Film,
    verdict: Verdict,
    tagline: str,
    setup: str,
    body: str,
    should_watch: str,
    publish: bool = False,
) -> Review:
    """Create a review (a draft unless ``publish``) and its first revision."""
    if not permissions.can_write_reviews(author):
        raise ReviewPermissionError(f"{author} may not write reviews")
    text = ReviewText.clean(tagline=tagline, setup=setup, body=body, should_watch=should_watch)
    slug_base = f"{film.title} {film.year}" if film.year else film.title
    review = Review.objects.create(
        film=film,
        author=author,
        verdict=verdict,
        slug=unique_slug(Review, slug_base, max_length=320, reserved=RESERVED_SLUGS),
        tagline=text.tagline,
        setup=text.setup,
        body=text.body,
        body_html=render_markdown(text.body),
        should_watch=text.should_watch,
    )
    review_record_revision(review=review, editor=author)
    if publish:
        review_publish(review=review, user=author)
    return review


@transaction.atomic
def review_update(
    *,
    review: Review,
    user: User,
    verdict: Verdict,
    tagline: str,
    setup: str,
    body: str,
    should_watch: str,
) -> Review:
    """Change a review's text and verdict, keeping the new version in its history."""
    if not permissions.can_edit_review(user, review):
        raise ReviewPermissionError(f"{user} may not edit {review}")
    text = ReviewText.clean(tagline=tagline, setup=setup, body=body, should_watch=should_watch)
    review.verdict = verdict
    review.tagline, review.setup, review.should_watch = text.tagline, text.setup, text.should_watch
    review.body, review.body_html = text.body, render_markdown(text.body)
    review.save()
    review_record_revision(review=review, editor=user)
    return review


@transaction.atomic
def review_publish(*, review: Review, user: User) -> Review:
    """Make a review public; the first publication sets its date."""
    if not permissions.can_publish_review(user, review):
        raise ReviewPermissionError(f"{user} may not publish {review}")
    review.status = Review.Status.PUBLISHED
    review.published_at = review.published_at or timezone.now()
    review.save(update_fields=["status", "published_at", "updated_at"])
    similar_queue_rebuild()  # its text now counts towards "more like this"
    return review


@transaction.atomic
def review_unpublish(*, review: Review, user: User) -> Review:
    """Turn a published review back into a draft."""
    if not permissions.can_publish_review(user, review):
        raise ReviewPermissionError(f"{user} may not unpublish {review}")
    review.status = Review.Status.DRAFT
    review.save(update_fields=["status", "updated_at"])
    similar_queue_rebuild()
    return review
