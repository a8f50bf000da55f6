"""The caller's recommendations and "Should you watch it?" predictions."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from marquee.api.auth import SIGNED_IN, signed_in_caller
from marquee.api.routers.films import film_by_slug
from marquee.api.schemas import SLUG_PATTERN, FilmRef
from marquee.predictions.selectors import recommendations_for, should_watch_for
from marquee.reviews.models import Review

router = Router(tags=["predictions"], auth=SIGNED_IN)


class RecommendationOut(Schema):
    film: FilmRef
    score: float = Field(description="The ranker's score; only the order means something.")
    reason: str


class RecommendationFilters(Schema):
    n: int = Field(20, ge=1, le=100, description="How many films.")
    genre: str | None = Field(
        None, max_length=70, pattern=SLUG_PATTERN, description="A genre's slug."
    )
    decade: int | None = Field(None, ge=1880, le=2100, multiple_of=10, description="e.g. 1970")


class BecauseOut(Schema):
    title: str
    year: int | None
    your_rating: float
    effect: float = Field(description="Stars this rating adds to (or takes from) the prediction.")


class CriticAgreementOut(Schema):
    critic: str
    agreed: int
    shared: int


class ShouldWatchOut(Schema):
    film: FilmRef
    available: bool = Field(
        description="False when there is nothing honest to say yet: no ratings of yours, "
        "or no trained models."
    )
    predicted: float | None = Field(None, description="Stars, in half steps.")
    low: float | None = None
    high: float | None = None
    verdict: str | None = Field(None, description="The journal's badge closest to the prediction.")
    ratings_count: int = 0
    because: list[BecauseOut] = []
    critic_agreement: CriticAgreementOut | None = None


@router.get("/recommendations", response=list[RecommendationOut], summary="Films for you")
def list_recommendations(request: HttpRequest, filters: Query[RecommendationFilters]) -> list:
    """Your top films not yet seen or hidden, best first, each with its reason."""
    items = recommendations_for(
        signed_in_caller(request), n=filters.n, genre=filters.genre or "", decade=filters.decade
    )
    return [{"film": r.film, "score": r.score, "reason": r.reason} for r in items]


@router.get("/should-watch/{film}", response=ShouldWatchOut, summary="Should you watch it?")
def get_should_watch(request: HttpRequest, film: str = Path(..., pattern=SLUG_PATTERN)) -> dict:
    """Your predicted rating of a film, its likely range, and which of your ratings drive it."""
    target = film_by_slug(film)
    review = Review.objects.published().filter(film=target).select_related("author").first()
    prediction = should_watch_for(
        signed_in_caller(request), target, critic=review.author if review else None
    )
    if prediction is None:
        return {"film": target, "available": False}
    data = prediction.to_dict()
    return {**data, "film": target, "available": True}
