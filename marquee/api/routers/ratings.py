"""The caller's own ratings: one current rating per film, set, read and cleared."""

from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from marquee.api.auth import SIGNED_IN, signed_in_caller
from marquee.api.errors import input_problem, not_found
from marquee.api.pagination import PagePagination
from marquee.api.routers.films import film_by_slug
from marquee.api.schemas import SLUG_PATTERN, RatingIn, RatingOut, Slug, half_stars_from_stars
from marquee.errors import InputError
from marquee.readers.models import Rating
from marquee.readers.selectors import reader_ratings
from marquee.readers.services import rating_clear, rating_set

router = Router(tags=["ratings"], auth=SIGNED_IN)

RatingOrdering = Literal["-rated_at", "rated_at", "-stars", "stars"]
ORDERINGS = {
    "-rated_at": ("-rated_at", "-id"),
    "rated_at": ("rated_at", "id"),
    "-stars": ("-half_stars", "-rated_at", "-id"),
    "stars": ("half_stars", "-rated_at", "-id"),
}


class RatingFilters(Schema):
    film: Slug | None = Field(None, description="A film's slug.")
    min_stars: float | None = Field(
        None, ge=0.5, le=5, multiple_of=0.5, description="At least this many stars."
    )
    max_stars: float | None = Field(
        None, ge=0.5, le=5, multiple_of=0.5, description="At most this many stars."
    )
    ordering: RatingOrdering = "-rated_at"


@router.get("", response=list[RatingOut], summary="List your ratings")
@paginate(PagePagination)
def list_ratings(request: HttpRequest, filters: Query[RatingFilters]) -> QuerySet[Rating]:
    ratings = reader_ratings(signed_in_caller(request))
    if filters.film:
        ratings = ratings.filter(film__slug=filters.film)
    if filters.min_stars is not None:
        ratings = ratings.filter(half_stars__gte=half_stars_from_stars(filters.min_stars))
    if filters.max_stars is not None:
        ratings = ratings.filter(half_stars__lte=half_stars_from_stars(filters.max_stars))
    return ratings.order_by(*ORDERINGS[filters.ordering])


@router.get("/{film}", response=RatingOut, summary="Get your rating of a film")
def get_rating(request: HttpRequest, film: str = Path(..., pattern=SLUG_PATTERN)) -> Rating:
    rating = reader_ratings(signed_in_caller(request)).filter(film__slug=film).first()
    if rating is None:
        raise not_found("rating")
    return rating


@router.put(
    "/{film}",
    response=RatingOut,
    summary="Rate a film",
    description="Replaces any earlier rating of the film.",
)
def set_rating(
    request: HttpRequest, payload: RatingIn, film: str = Path(..., pattern=SLUG_PATTERN)
) -> Rating:
    try:
        return rating_set(
            user=signed_in_caller(request),
            film=film_by_slug(film),
            half_stars=half_stars_from_stars(payload.stars),
        )
    except InputError as error:
        raise input_problem(error, fields={"rating": "stars"}) from None


@router.delete("/{film}", response={204: None}, summary="Clear your rating of a film")
def clear_rating(request: HttpRequest, film: str = Path(..., pattern=SLUG_PATTERN)) -> Status:
    if not rating_clear(user=signed_in_caller(request), film=film_by_slug(film)):
        raise not_found("rating")
    return Status(204, None)
