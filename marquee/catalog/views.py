"""Film and person pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from marquee.catalog import selectors
from marquee.catalog.models import Film, Person
from marquee.journal.page_cache import cache_public_page
from marquee.journal.views import paginate
from marquee.reviews.selectors import published_reviews


@require_safe
@cache_public_page
def film_list(request: HttpRequest) -> HttpResponse:
    films = selectors.films_with_credits().order_by("title", "year")
    query = selectors.search_text(request.GET.get("q"))
    if query:
        films = selectors.films_matching(films, query)
    return render(request, "catalog/film_list.html", {"page": paginate(request, films), "q": query})


@require_safe
@cache_public_page
def film_detail(request: HttpRequest, slug: str) -> HttpResponse:
    film = get_object_or_404(
        Film.objects.prefetch_related("genres", "alternate_titles", "sources__author"), slug=slug
    )
    return render(
        request,
        "catalog/film_detail.html",
        {
            "film": film,
            "directors": selectors.film_directors(film),
            "writers": selectors.people_in_role(film, "writer"),
            "cast": selectors.film_cast(film),
            "other_titles": [
                alt for alt in film.alternate_titles.all() if alt.title != film.original_title
            ],
            "reviews": published_reviews().filter(film=film),
        },
    )


@require_safe
@cache_public_page
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.prefetch_related("aliases"), slug=slug)
    return render(
        request,
        "catalog/person_detail.html",
        {
            "person": person,
            "credits": selectors.person_filmography(person),
            "source_works": person.source_works.select_related("film"),
        },
    )
