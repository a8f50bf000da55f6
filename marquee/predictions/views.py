"""The "For you" page and "not interested"; the staff's page of the models and their training."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

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


def _staff_only(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied("Only staff train the models.")


@login_required
@require_http_methods(["GET", "POST"])
def training(request: HttpRequest) -> HttpResponse:
    """The models in use, the latest training and its progress; "Train now" queues one."""
    _staff_only(request)
    if request.method == "POST":
        services.training_request(user=request.user)
        return redirect("training:models")
    return render(request, "predictions/training.html", {"state": selectors.training_state()})


@login_required
@require_safe
def training_status(request: HttpRequest) -> HttpResponse:
    """The progress fragment the models page polls with htmx while a training is under way."""
    _staff_only(request)
    return render(
        request, "predictions/_training_status.html", {"state": selectors.training_state()}
    )
