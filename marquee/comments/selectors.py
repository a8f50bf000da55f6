"""Reads for comments: what each viewer of a review may see."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from marquee.comments.models import Comment
from marquee.reviews.models import Review
from marquee.reviews.permissions import AnyUser, can_moderate_comments


def visible_comments(review: Review, viewer: AnyUser) -> QuerySet[Comment]:
    """Top-level comments with their replies, as ``viewer`` may see them.

    Everyone sees approved comments. Staff and the review's author also see those awaiting
    moderation; a commenter sees their own pending ones, so nothing seems lost.
    """
    visible = Q(status=Comment.Status.APPROVED)
    if can_moderate_comments(viewer) or (viewer.is_authenticated and review.author_id == viewer.pk):
        visible |= Q(status=Comment.Status.PENDING)
    elif viewer.is_authenticated:
        visible |= Q(status=Comment.Status.PENDING, author=viewer)
    replies = Comment.objects.filter(visible).select_related("author")
    return (
        review.comments.filter(visible, parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )


def moderation_queue() -> QuerySet[Comment]:
    """Comments waiting for a decision, oldest first."""
    return Comment.objects.pending().select_related("author", "review__film").order_by("created_at")
