"""Films: the catalog, read and searched."""

from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from marquee.api.auth import ANYONE
from marquee.api.errors import not_found
from marquee.api.pagination import PagePagination
from marquee.api.schemas import SLUG_PATTERN, FilmDetail, FilmSummary, Slug
from marquee.catalog.models import Film
from marquee.catalog.selectors import films_matching, films_with_credits, search_text

router = Router(tags=["films"], auth=ANYONE)

FilmOrdering = Literal["title", "-title", "year", "-year", "created", "-created"]
ORDERINGS = {
    "title": ("title", "year", "id"),
    "-title": ("-title", "-year", "-id"),
    "year": ("year", "title", "id"),
    "-year": ("-year", "title", "id"),
    "created": ("created_at", "id"),
    "-created": ("-created_at", "-id"),
}


def film_by_slug(slug: str) -> Film:
    film = Film.objects.filter(slug=slug).first()
    if film is None:
        raise not_found("film")
    return film


class FilmFilters(Schema):
    q: str | None = Field(
        None,
        max_length=200,
        description="Part of any title the film goes by; case and accents ignored.",
    )
    year: int | None = Field(None, ge=1800, le=2200, description="Release year.")
    genre: Slug | None = Field(None, description="A genre's slug.")
    person: Slug | None = Field(None, description="A person's slug: films crediting them.")
    ordering: FilmOrdering = "title"


@router.get("", response=list[FilmSummary], summary="List films")
@paginate(PagePagination)
def list_films(request: HttpRequest, filters: Query[FilmFilters]) -> QuerySet[Film]:
    films = films_with_credits()
    query = search_text(filters.q)
    if query:
        films = films_matching(films, query)
    if filters.year is not None:
        films = films.filter(year=filters.year)
    if filters.genre:
        films = films.filter(genres__slug=filters.genre)
    if filters.person:
        films = films.filter(pk__in=Film.objects.filter(credits__person__slug=filters.person))
    return films.order_by(*ORDERINGS[filters.ordering])


@router.get("/{slug}", response=FilmDetail, summary="Get a film")
def get_film(request: HttpRequest, slug: str = Path(..., pattern=SLUG_PATTERN)) -> Film:
    film = films_with_credits().prefetch_related("alternate_titles").filter(slug=slug).first()
    if film is None:
        raise not_found("film")
    return film
