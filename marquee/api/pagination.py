"""Page-number pagination, the same on every list: ``?page=2&page_size=50``.

Each list answers ``{"count", "page", "page_size", "next", "previous", "items"}``; ``next`` and
``previous`` are full URLs (or null), so a client can follow them without building URLs.
A page past the end is an empty list, not an error.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Which page, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items on each page."
    )


class PagePagination(PaginationBase):
    Input = PageParams

    class Output(Schema):
        count: int = Field(description="Items on all pages together.")
        page: int
        page_size: int
        next: str | None = Field(description="The next page's URL; null on the last page.")
        previous: str | None = Field(description="The previous page's URL; null on the first.")
        items: list[Any]

    items_attribute = "items"

    def paginate_queryset(
        self, queryset: QuerySet, pagination: PageParams, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        page, size = pagination.page, pagination.page_size
        count = self._items_count(queryset)
        offset = (page - 1) * size
        return {
            "count": count,
            "page": page,
            "page_size": size,
            "next": _page_url(request, page + 1) if offset + size < count else None,
            "previous": _page_url(request, min(page - 1, _last_page(count, size)))
            if page > 1
            else None,
            "items": list(queryset[offset : offset + size]),
        }


def _last_page(count: int, size: int) -> int:
    return max(1, -(-count // size))


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(
        f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}"
    )
