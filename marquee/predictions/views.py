"""The "For you" page and "not interested"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from marquee.catalog.models import Film, Genre
from marquee.predictions import selectors, services, store

DECADES = list(range(1920, 2030, 10))


def _decade(value: str) -> int | None:
    return int(value) if value.isdigit() and int(value) in DECADES else None


@login_required
@require_safe
def for_you(request: HttpRequest) -> HttpResponse:
    """Top recommendations not yet watched, filterable by genre and decade."""
    genre = request.GET.get("genre", "")[:70]
    decade = _decade(request.GET.get("decade", ""))
    recommendations = selectors.recommendations_for(request.user, n=30, genre=genre, decade=decade)
    context = {
        "recommendations": recommendations,
        "genres": Genre.objects.all(),
        "decades": DECADES,
        "genre": genre,
        "decade": decade,
        "trained": store.current() is not None,
        "has_ratings": request.user.ratings.exists(),
    }
    template = "predictions/_list.html" if request.htmx else "predictions/for_you.html"
    return render(request, template, context)


@login_required
@require_POST
def hide(request: HttpRequest, slug: str) -> HttpResponse:
    """Not interested: the film leaves the list for good, and the list closes the gap."""
    film = get_object_or_404(Film, slug=slug)
    services.film_hide(user=request.user, film=film)
    if request.htmx:
        return HttpResponse("")
    return redirect("predictions:for_you")
