"""Taste: a new reader's onboarding answers, and taste tests readers share with a link.

A *taste test* is a reader's own short list of films; anyone with its link answers them and
learns how alike their taste is to the owner's. One response is kept per visitor per test
(answering again updates it), and the owner sees only the responses shared with them.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from marquee.catalog.models import Film


def new_token() -> str:
    """An unguessable link token (128 random bits, URL-safe)."""
    return secrets.token_urlsafe(16)


class Onboarding(models.Model):
    """A signed-in reader's answers to the test films, including "haven't seen it".

    Ratings given here also become the reader's ``Rating`` rows; the list is kept so that the
    films they have not seen are not asked again and the questions resume where they stopped.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="onboarding"
    )
    # [[film pk, stars or null], ...] in the order answered.
    answers = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user}'s onboarding ({len(self.answers)} answers)"


class TasteTest(models.Model):
    """A reader's own test films, answered by visitors who have the link."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="taste_tests"
    )
    title = models.CharField(max_length=120)
    token = models.CharField(max_length=43, unique=True, default=new_token, editable=False)
    films = models.ManyToManyField(Film, through="TasteTestFilm", related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("taste:test", args=[self.token])

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def ordered_films(self) -> list[Film]:
        return [item.film for item in self.items.select_related("film").order_by("position")]


class TasteTestFilm(models.Model):
    test = models.ForeignKey(TasteTest, on_delete=models.CASCADE, related_name="items")
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["test", "film"], name="taste_test_film_once"),
            models.UniqueConstraint(fields=["test", "position"], name="taste_test_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.film}"


class TasteTestResponse(models.Model):
    """One visitor's answers to one test; answering again updates the same row.

    ``visitor_key`` is ``user:<pk>`` for a signed-in visitor and a random id kept in the
    session for everyone else. ``fingerprint`` is a keyed hash of the address and browser,
    never the address itself: it only caps how many responses one machine can start.
    """

    test = models.ForeignKey(TasteTest, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="taste_test_responses",
    )
    visitor_key = models.CharField(max_length=64)
    # {"<film pk>": stars or null ("haven't seen it")}
    answers = models.JSONField(default=dict)
    share_with_owner = models.BooleanField(default=False)
    fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["test", "visitor_key"], name="one_taste_response_per_visitor"
            ),
            models.UniqueConstraint(
                fields=["test", "user"],
                condition=Q(user__isnull=False),
                name="one_taste_response_per_user",
            ),
        ]
        indexes = [models.Index(fields=["test", "fingerprint"])]

    def __str__(self) -> str:
        return f"response to {self.test} by {self.user or 'a visitor'}"

    def stars_by_film(self) -> dict[int, float | None]:
        return {int(pk): stars for pk, stars in self.answers.items()}
