"""Reader comments on reviews, one level of replies, with moderation."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from marquee.reviews.models import Review


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    """A comment, or a reply to one (``parent``). Imported comments carry only ``author_name``."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Removed"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    author_name = models.CharField(
        max_length=80, blank=True, help_text="Shown for imported comments without an account."
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["review", "status", "created_at"])]

    def __str__(self) -> str:
        return f"Comment by {self.display_name} on {self.review}"

    @property
    def display_name(self) -> str:
        """Who wrote it, as shown to people: never an email address."""
        if self.author_id:
            return self.author.public_name
        return self.author_name or "A reader"
