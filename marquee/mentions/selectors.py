"""Reads for mentions: a review's links, the choices its critic sees, and backlinks."""

from __future__ import annotations

from django.db.models import QuerySet

from marquee.catalog.models import Film, Person
from marquee.comments.models import Comment
from marquee.mentions.models import Mention
from marquee.reviews.models import Review


def review_mentions(review: Review, *, with_comments: bool = False) -> QuerySet[Mention]:
    """Every mention in the review's fields (and its comments'), in field and text order."""
    mentions = Mention.objects.filter(review=review)
    if with_comments:
        mentions = mentions | Mention.objects.filter(comment__review=review)
    return mentions.select_related("film", "person").order_by("comment_id", "field", "start")


def mention_choices(review: Review) -> list[Mention]:
    """What the critic decides on: one row per target and wording, first occurrence, most sure
    first among the undecided."""
    seen: set[tuple] = set()
    choices = []
    for mention in review_mentions(review):
        key = (mention.kind, mention.film_id, mention.person_id, mention.surface_key)
        if key not in seen:
            seen.add(key)
            choices.append(mention)
    order = {"suggested": 0, "auto": 1, "confirmed": 2, "rejected": 3}
    return sorted(choices, key=lambda m: (order[m.status], -m.confidence, m.field, m.start))


def linked_mentions(review: Review, field: str) -> list[Mention]:
    """The mentions in one field of the review that are shown as links.

    A page shows four fields: all their links are read in one query and kept on the review
    instance, which lives as long as the request.
    """
    by_field = review.__dict__.get("_linked_mentions_by_field")
    if by_field is None:
        by_field = {}
        for mention in review_mentions(review).linked():
            by_field.setdefault(mention.field, []).append(mention)
        review.__dict__["_linked_mentions_by_field"] = by_field
    return by_field.get(field, [])


def comment_linked_mentions(comment: Comment) -> list[Mention]:
    return list(Mention.objects.linked().filter(comment=comment).select_related("film", "person"))


def comments_linked_mentions(review: Review) -> dict[int, list[Mention]]:
    """The linked mentions of every comment on ``review``, by comment id: one query a thread."""
    by_comment: dict[int, list[Mention]] = {}
    mentions = Mention.objects.linked().filter(comment__review=review)
    for mention in mentions.select_related("film", "person").order_by("start"):
        by_comment.setdefault(mention.comment_id, []).append(mention)
    return by_comment


def reviews_mentioning(target: Film | Person) -> QuerySet[Review]:
    """Published reviews whose text links to ``target`` (a film's own reviews left out)."""
    mentioned = Mention.objects.linked().filter(review__isnull=False)
    if isinstance(target, Film):
        mentioned = mentioned.filter(film=target)
    else:
        mentioned = mentioned.filter(person=target)
    reviews = Review.objects.published().filter(pk__in=mentioned.values("review_id"))
    if isinstance(target, Film):
        reviews = reviews.exclude(film=target)
    return reviews.for_listing()
