"""Reads for reviews: listings, archives and what a review page shows."""

from __future__ import annotations

from django.db.models import QuerySet

from marquee.catalog.models import Credit
from marquee.reviews.models import Review, Verdict


def published_reviews() -> QuerySet[Review]:
    """Published reviews, newest first, with what a listing shows."""
    return Review.objects.published().for_listing().order_by("-published_at", "-id")


def reviews_by_verdict(verdict: Verdict) -> QuerySet[Review]:
    return published_reviews().filter(verdict=verdict)


def reviews_by_film_year(year: int) -> QuerySet[Review]:
    return published_reviews().filter(film__year=year)


def reviews_by_genre(slug: str) -> QuerySet[Review]:
    return published_reviews().filter(film__genres__slug=slug)


def reviews_by_director(slug: str) -> QuerySet[Review]:
    return published_reviews().filter(
        film__credits__role=Credit.Role.DIRECTOR, film__credits__person__slug=slug
    )


def verdict_rating(verdict: Verdict) -> tuple[int, int]:
    """The verdict as a (rating, best) pair for schema.org: the best badge rates highest.

    With the five default badges, "essential" is 5 of 5 and "skip it" 1 of 5; a journal with
    more or fewer badges gets a scale of that many steps.
    """
    ordered = list(Verdict.objects.values_list("pk", flat=True))
    best = len(ordered)
    return best - ordered.index(verdict.pk), best
