"""People credited on films, read and searched."""

from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from marquee.api.auth import ANYONE
from marquee.api.errors import not_found
from marquee.api.pagination import PagePagination
from marquee.api.schemas import SLUG_PATTERN, PersonDetail, PersonSummary
from marquee.catalog.models import Person
from marquee.catalog.selectors import people_matching, search_text

router = Router(tags=["people"], auth=ANYONE)

PersonOrdering = Literal["name", "-name"]
ORDERINGS = {"name": ("name", "id"), "-name": ("-name", "-id")}


class PersonFilters(Schema):
    q: str | None = Field(
        None, max_length=200, description="Part of the name or an alias; case and accents ignored."
    )
    ordering: PersonOrdering = "name"


@router.get("", response=list[PersonSummary], summary="List people")
@paginate(PagePagination)
def list_people(request: HttpRequest, filters: Query[PersonFilters]) -> QuerySet[Person]:
    people = Person.objects.all()
    query = search_text(filters.q)
    if query:
        people = people_matching(people, query)
    return people.order_by(*ORDERINGS[filters.ordering])


@router.get("/{slug}", response=PersonDetail, summary="Get a person and their films")
def get_person(request: HttpRequest, slug: str = Path(..., pattern=SLUG_PATTERN)) -> Person:
    person = Person.objects.prefetch_related("aliases").filter(slug=slug).first()
    if person is None:
        raise not_found("person")
    return person
