"""Writes for comments: posting (with first-comment moderation) and moderating."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from marquee.accounts.models import User
from marquee.comments.models import Comment
from marquee.errors import InputError, RateLimitedError
from marquee.ratelimits import COMMENT, wait_in_words
from marquee.reviews import permissions
from marquee.reviews.models import Review
from marquee.sanitize import clean_block, clean_line

MAX_LINKS_PER_COMMENT = 3


def _needs_moderation(author: User) -> bool:
    """A reader's first comment waits for staff; once one is approved, later ones appear at once."""
    if author.is_staff or author.is_superuser or author.is_critic:
        return False
    return not Comment.objects.filter(author=author, status=Comment.Status.APPROVED).exists()


def clean_comment_body(body: str) -> str:
    """Plain text within the length limit and with few enough links to not be spam."""
    cleaned = clean_block(body, field="comment", max_chars=settings.MARQUEE_COMMENT_MAX_CHARS)
    links = cleaned.count("http://") + cleaned.count("https://") + cleaned.count("www.")
    if links > MAX_LINKS_PER_COMMENT:
        raise InputError("comment", f"has {links} links; at most {MAX_LINKS_PER_COMMENT} allowed")
    return cleaned


def _check_comment_rate(author: User) -> None:
    """Readers post at most MARQUEE_COMMENTS_PER_HOUR comments an hour; staff and critics any."""
    if author.is_staff or author.is_superuser or author.is_critic:
        return
    who = f"user:{author.pk}"
    if not COMMENT.hit(who):
        wait = COMMENT.retry_after(who)
        raise RateLimitedError(
            "comment",
            f"you have posted {COMMENT.limit} comments within the hour; "
            f"please wait {wait_in_words(wait)} before posting again",
            retry_after=wait,
        )


@transaction.atomic
def comment_post(
    *, review: Review, author: User, body: str, parent: Comment | None = None
) -> Comment:
    """Post a comment or a reply on a published review. Replies to replies attach to the top."""
    if not review.is_published:
        raise InputError("review", "comments are open only on published reviews")
    if not author.is_active:
        raise InputError("author", "this account cannot comment")
    _check_comment_rate(author)
    if parent is not None:
        if parent.review_id != review.pk:
            raise InputError("parent", "the comment replied to is on another review")
        parent = parent.parent or parent  # one level of replies only
        if parent.status != Comment.Status.APPROVED:
            # A pending or removed comment is invisible to the replier: say nothing more.
            raise InputError("parent", "there is no such comment to reply to")
    status = Comment.Status.PENDING if _needs_moderation(author) else Comment.Status.APPROVED
    return Comment.objects.create(
        review=review, author=author, parent=parent, body=clean_comment_body(body), status=status
    )


@transaction.atomic
def comment_import(*, review: Review, body: str, author_name: str = "") -> Comment:
    """Attach a comment that came with an imported review; it has no account behind it."""
    return Comment.objects.create(
        review=review,
        author_name=clean_line(author_name, field="comment author", max_chars=80, required=False),
        body=clean_block(body, field="comment", max_chars=settings.MARQUEE_COMMENT_MAX_CHARS),
        status=Comment.Status.APPROVED,
    )


@transaction.atomic
def comment_moderate(*, comment: Comment, moderator: User, status: str) -> Comment:
    """Approve a comment, mark it as spam, or remove it."""
    if not permissions.can_moderate_comments(moderator):
        raise PermissionError(f"{moderator} may not moderate comments")
    if status not in {Comment.Status.APPROVED, Comment.Status.SPAM, Comment.Status.REMOVED}:
        raise InputError("status", f'"{status}" is not a moderation decision')
    comment.status = status
    comment.moderated_by = moderator
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    return comment
