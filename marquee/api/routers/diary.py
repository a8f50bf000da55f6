"""The caller's diary: one entry per viewing, logged and deleted."""

from datetime import date
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from marquee.api.auth import SIGNED_IN, signed_in_caller
from marquee.api.errors import field_problem, input_problem, not_found
from marquee.api.pagination import PagePagination
from marquee.api.schemas import (
    MAX_ID,
    DiaryEntryIn,
    DiaryEntryOut,
    Slug,
    half_stars_from_stars,
)
from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.readers.models import DiaryEntry
from marquee.readers.selectors import reader_diary
from marquee.readers.services import diary_entry_add, diary_entry_delete

router = Router(tags=["diary"], auth=SIGNED_IN)

DiaryOrdering = Literal["-watched_on", "watched_on"]
ORDERINGS = {"-watched_on": ("-watched_on", "-id"), "watched_on": ("watched_on", "id")}
# The services name fields as the site's forms do.
FIELDS = {"rating": "stars", "date": "watched_on"}


class DiaryFilters(Schema):
    film: Slug | None = Field(None, description="A film's slug.")
    watched_after: date | None = Field(None, description="On or after this day.")
    watched_before: date | None = Field(None, description="On or before this day.")
    rewatch: bool | None = Field(None, description="Only rewatches, or only first viewings.")
    tag: str | None = Field(None, max_length=50, description="Entries with this tag.")
    ordering: DiaryOrdering = "-watched_on"


def _own_entry(request: HttpRequest, entry_id: int) -> DiaryEntry:
    # Another reader's entry is answered exactly like a missing one.
    entry = reader_diary(signed_in_caller(request)).filter(pk=entry_id).first()
    if entry is None:
        raise not_found("diary entry")
    return entry


@router.get("", response=list[DiaryEntryOut], summary="List your diary")
@paginate(PagePagination)
def list_diary(request: HttpRequest, filters: Query[DiaryFilters]) -> QuerySet[DiaryEntry] | list:
    entries = reader_diary(signed_in_caller(request))
    if filters.film:
        entries = entries.filter(film__slug=filters.film)
    if filters.watched_after:
        entries = entries.filter(watched_on__gte=filters.watched_after)
    if filters.watched_before:
        entries = entries.filter(watched_on__lte=filters.watched_before)
    if filters.rewatch is not None:
        entries = entries.filter(rewatch=filters.rewatch)
    entries = entries.order_by(*ORDERINGS[filters.ordering])
    if filters.tag:
        # Tags are a JSON list; matching one exactly works the same on SQLite and PostgreSQL
        # when done here, and a reader's diary is small enough for that.
        wanted = filters.tag.strip().casefold()
        return [e for e in entries if wanted in {t.casefold() for t in e.tags}]
    return entries


@router.post(
    "",
    response={201: DiaryEntryOut},
    summary="Log a viewing",
    description="A rating given with it also becomes your current rating of the film.",
)
def add_diary_entry(request: HttpRequest, response: HttpResponse, payload: DiaryEntryIn) -> Status:
    film = Film.objects.filter(slug=payload.film).first()
    if film is None:
        raise field_problem("film", f'no film has the slug "{payload.film}"')
    try:
        entry = diary_entry_add(
            user=signed_in_caller(request),
            film=film,
            watched_on=payload.watched_on,
            rewatch=payload.rewatch,
            half_stars=None if payload.stars is None else half_stars_from_stars(payload.stars),
            tags=payload.tags,
            note=payload.note,
        )
    except InputError as error:
        raise input_problem(error, fields=FIELDS) from None
    response["Location"] = f"{request.path.rstrip('/')}/{entry.pk}"
    return Status(201, entry)


@router.get("/{entry_id}", response=DiaryEntryOut, summary="Get a diary entry")
def get_diary_entry(request: HttpRequest, entry_id: int = Path(..., ge=1, le=MAX_ID)) -> DiaryEntry:
    return _own_entry(request, entry_id)


@router.delete("/{entry_id}", response={204: None}, summary="Delete a diary entry")
def delete_diary_entry(request: HttpRequest, entry_id: int = Path(..., ge=1, le=MAX_ID)) -> Status:
    diary_entry_delete(user=signed_in_caller(request), entry=_own_entry(request, entry_id))
    return Status(204, None)
