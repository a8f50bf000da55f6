"""One search box over films, people and published reviews."""

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from marquee.api.auth import ANYONE
from marquee.api.schemas import SearchResults
from marquee.catalog.models import Film, Person
from marquee.catalog.selectors import films_matching, people_matching, search_text
from marquee.reviews.selectors import published_reviews

router = Router(tags=["search"], auth=ANYONE)


class SearchQuery(Schema):
    q: str = Field(min_length=1, max_length=200, description="Words to look for.")
    limit: int = Field(5, ge=1, le=20, description="At most this many of each kind.")


@router.get(
    "",
    response=SearchResults,
    summary="Search films, people and reviews",
    description="Film titles, names, and published reviews whose film or tagline matches.",
)
def search(request: HttpRequest, params: Query[SearchQuery]) -> dict:
    query = search_text(params.q)
    if not query:
        return {"query": "", "films": [], "people": [], "reviews": []}
    films = films_matching(Film.objects.all(), query).order_by("title", "year", "id")
    people = people_matching(Person.objects.all(), query).order_by("name", "id")
    reviews = published_reviews().filter(
        Q(film__in=films.values("pk")) | Q(tagline__icontains=query)
    )
    return {
        "query": query,
        "films": list(films[: params.limit]),
        "people": list(people[: params.limit]),
        "reviews": list(reviews[: params.limit]),
    }
