"""The journal's public pages: the home page and the archives."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from marquee.catalog.models import Genre, Person
from marquee.journal.page_cache import cache_public_page
from marquee.reviews import selectors
from marquee.reviews.models import Verdict


def paginate(request: HttpRequest, queryset: QuerySet) -> Page:
    """The page of ``queryset`` the request asks for; bad page numbers give the nearest page."""
    return Paginator(queryset, settings.MARQUEE_PAGE_SIZE).get_page(request.GET.get("page"))


def _archive(request: HttpRequest, *, heading: str, reviews: QuerySet, feed_url: str = ""):
    return render(
        request,
        "journal/archive.html",
        {"heading": heading, "page": paginate(request, reviews), "feed_url": feed_url},
    )


@require_safe
@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "journal/home.html", {"page": paginate(request, selectors.published_reviews())}
    )


@require_safe
@cache_public_page
def verdict_archive(request: HttpRequest, slug: str) -> HttpResponse:
    verdict = get_object_or_404(Verdict, slug=slug)
    return _archive(
        request,
        heading=f"Reviews marked “{verdict.name}”",
        reviews=selectors.reviews_by_verdict(verdict),
        feed_url=f"/feed/{verdict.slug}/",
    )


@require_safe
@cache_public_page
def year_archive(request: HttpRequest, year: int) -> HttpResponse:
    return _archive(
        request, heading=f"Films of {year}", reviews=selectors.reviews_by_film_year(year)
    )


@require_safe
@cache_public_page
def genre_archive(request: HttpRequest, slug: str) -> HttpResponse:
    genre = get_object_or_404(Genre, slug=slug)
    return _archive(request, heading=genre.name, reviews=selectors.reviews_by_genre(slug))


@require_safe
@cache_public_page
def director_archive(request: HttpRequest, slug: str) -> HttpResponse:
    director = get_object_or_404(Person, slug=slug)
    return _archive(
        request,
        heading=f"Films directed by {director.name}",
        reviews=selectors.reviews_by_director(slug),
    )


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
