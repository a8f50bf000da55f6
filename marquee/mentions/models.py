"""Films and people that reviews and comments name, and critics' decisions about those links."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from marquee.catalog.models import Film, Person
from marquee.comments.models import Comment
from marquee.reviews.models import Review


class Kind(models.TextChoices):
    FILM = "film", "Film"
    PERSON = "person", "Person"


class MentionQuerySet(models.QuerySet):
    def linked(self) -> MentionQuerySet:
        """The mentions shown as links: confirmed by the critic or sure enough on their own."""
        return self.filter(status__in=[Mention.Status.CONFIRMED, Mention.Status.AUTO])


class Mention(models.Model):
    """One place where a review's field or a comment names a film or a person."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        AUTO = "auto", "Linked automatically"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    class Field(models.TextChoices):
        TAGLINE = "tagline", "Tagline"
        SETUP = "setup", "The Setup"
        BODY = "body", "Body"
        SHOULD_WATCH = "should_watch", "Should you watch it?"
        COMMENT = "comment", "Comment"

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    field = models.CharField(max_length=20, choices=Field.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    surface_key = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    confidence = models.FloatField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUGGESTED)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["field", "start", "id"]
        indexes = [
            models.Index(fields=["film", "status"]),
            models.Index(fields=["person", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(review__isnull=False, comment__isnull=True)
                | Q(review__isnull=True, comment__isnull=False),
                name="mention_has_one_source",
            ),
            models.CheckConstraint(
                condition=Q(kind="film", film__isnull=False, person__isnull=True)
                | Q(kind="person", person__isnull=False, film__isnull=True),
                name="mention_target_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f'"{self.text}" → {self.target_label}'

    @property
    def target(self) -> Film | Person:
        return self.film if self.kind == Kind.FILM else self.person

    @property
    def target_label(self) -> str:
        """ "Title (Year)" for a film, the name for a person."""
        return str(self.target)


class MentionDecision(models.Model):
    """A critic's confirm or reject of one link, kept when the text is saved again.

    Keyed by the source (review or comment), the target and the mention's normalised words, so
    rewording elsewhere in the text does not undo it, while naming the target in other words
    asks again.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    key = models.CharField(max_length=400, unique=True)
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    surface_key = models.CharField(max_length=300)
    text = models.CharField(max_length=300, help_text="The words as they were when decided.")
    confidence = models.FloatField(default=1.0)
    status = models.CharField(max_length=12, choices=Status.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.text}"
