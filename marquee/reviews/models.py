"""Structured reviews: verdict, tagline, The Setup, body, and "Should you watch it?"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from marquee.catalog.models import Film


class Verdict(models.Model):
    """A badge from the journal's own ordered vocabulary; position 1 is the best."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=70, unique=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order from best (lowest number) to worst."
    )
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("journal:verdict", args=[self.slug])


class ReviewQuerySet(models.QuerySet):
    def published(self) -> ReviewQuerySet:
        return self.filter(status=Review.Status.PUBLISHED)

    def for_listing(self) -> ReviewQuerySet:
        return self.select_related("film", "verdict", "author").prefetch_related("film__genres")


class Review(models.Model):
    """A critic's review of one film. ``body_html`` is the sanitized rendering of ``body``."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    verdict = models.ForeignKey(Verdict, on_delete=models.PROTECT, related_name="reviews")
    slug = models.SlugField(max_length=340, unique=True)
    tagline = models.CharField(max_length=200)
    setup = models.TextField("The Setup", max_length=2000)
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(editable=False)
    should_watch = models.TextField("Should you watch it?", max_length=5000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self) -> str:
        return f"{self.film}: {self.verdict}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ReviewRevision(models.Model):
    """A snapshot of a review's text as it was saved, kept for its history."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    verdict_name = models.CharField(max_length=60)
    tagline = models.CharField(max_length=200)
    setup = models.TextField()
    body = models.TextField()
    should_watch = models.TextField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="unique_revision_number")
        ]

    def __str__(self) -> str:
        return f"Revision {self.number} of {self.review}"
