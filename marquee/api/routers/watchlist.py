"""The caller's watchlist: films they mean to watch, added and removed."""

from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from marquee.api.auth import SIGNED_IN, signed_in_caller
from marquee.api.errors import not_found
from marquee.api.pagination import PagePagination
from marquee.api.routers.films import film_by_slug
from marquee.api.schemas import SLUG_PATTERN, WatchlistEntryOut
from marquee.catalog.models import Film
from marquee.catalog.selectors import films_matching, search_text
from marquee.readers.models import WatchlistEntry
from marquee.readers.selectors import reader_watchlist
from marquee.readers.services import watchlist_toggle

router = Router(tags=["watchlist"], auth=SIGNED_IN)

WatchlistOrdering = Literal["-added_at", "added_at", "title"]
ORDERINGS = {
    "-added_at": ("-added_at", "-id"),
    "added_at": ("added_at", "id"),
    "title": ("film__title", "film__year", "id"),
}


class WatchlistFilters(Schema):
    q: str | None = Field(
        None, max_length=200, description="Part of any title of the film; case and accents ignored."
    )
    ordering: WatchlistOrdering = "-added_at"


def _own_entry(request: HttpRequest, film: str) -> WatchlistEntry:
    entry = reader_watchlist(signed_in_caller(request)).filter(film__slug=film).first()
    if entry is None:
        raise not_found("watchlist entry")
    return entry


@router.get("", response=list[WatchlistEntryOut], summary="List your watchlist")
@paginate(PagePagination)
def list_watchlist(
    request: HttpRequest, filters: Query[WatchlistFilters]
) -> QuerySet[WatchlistEntry]:
    entries = reader_watchlist(signed_in_caller(request))
    query = search_text(filters.q)
    if query:
        entries = entries.filter(film__in=films_matching(Film.objects.all(), query))
    return entries.order_by(*ORDERINGS[filters.ordering])


@router.get("/{film}", response=WatchlistEntryOut, summary="Is a film on your watchlist")
def get_watchlist_entry(
    request: HttpRequest, film: str = Path(..., pattern=SLUG_PATTERN)
) -> WatchlistEntry:
    return _own_entry(request, film)


@router.put(
    "/{film}",
    response=WatchlistEntryOut,
    summary="Put a film on your watchlist",
    description="Putting a film there twice changes nothing.",
)
def add_to_watchlist(
    request: HttpRequest, film: str = Path(..., pattern=SLUG_PATTERN)
) -> WatchlistEntry:
    watchlist_toggle(user=signed_in_caller(request), film=film_by_slug(film), on_list=True)
    return _own_entry(request, film)


@router.delete("/{film}", response={204: None}, summary="Take a film off your watchlist")
def remove_from_watchlist(
    request: HttpRequest, film: str = Path(..., pattern=SLUG_PATTERN)
) -> Status:
    entry = _own_entry(request, film)
    watchlist_toggle(user=signed_in_caller(request), film=entry.film, on_list=False)
    return Status(204, None)
