"""The related-films page, and critics confirming or dismissing suggested influences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.journal.page_cache import cache_public_page
from marquee.related import selectors, services
from marquee.related.forms import InfluenceConfirmForm
from marquee.related.permissions import can_curate_relations


@require_safe
@cache_public_page
def related_page(request: HttpRequest, slug: str) -> HttpResponse:
    film = get_object_or_404(Film.objects.prefetch_related("sources__author"), slug=slug)
    curator = can_curate_relations(request.user)
    return render(
        request,
        "related/film.html",
        {
            "film": film,
            "relations": selectors.relations_of(film),
            "similar": selectors.more_like_this(film, limit=services.NEIGHBOURS),
            "influences": (
                selectors.possible_influences(film, limit=services.INFLUENCES) if curator else []
            ),
            "curator": curator,
            "build": selectors.latest_build() if curator else None,
        },
    )


def _curated_pair(request: HttpRequest, slug: str, pk: int) -> tuple[Film, Film]:
    if not can_curate_relations(request.user):
        raise PermissionDenied("Only critics and staff record influences.")
    return get_object_or_404(Film, slug=slug), get_object_or_404(Film, pk=pk)


def _answer(
    request: HttpRequest, film: Film, earlier: Film, outcome: str, message: str
) -> HttpResponse:
    if request.htmx:
        context = {"film": film, "earlier": earlier, "outcome": outcome}
        return render(request, "related/_influence_done.html", context)
    messages.success(request, message)
    return redirect(film.get_absolute_url() + "#possible-influences")


@login_required
@require_POST
def influence_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    film, earlier = _curated_pair(request, slug, pk)
    form = InfluenceConfirmForm(request.POST)
    if not form.is_valid():
        return HttpResponse("; ".join(e for errs in form.errors.values() for e in errs), status=400)
    try:
        services.influence_confirm(
            film=film,
            earlier=earlier,
            user=request.user,
            source=form.cleaned_data["source"],
            note=form.cleaned_data["note"],
        )
    except InputError as error:
        if request.htmx:
            return HttpResponse(error.message, status=400)
        messages.error(request, f"Not recorded: {error.message}")
        return redirect(film.get_absolute_url() + "#possible-influences")
    message = f"Recorded: {film.title} was inspired by {earlier}."
    return _answer(request, film, earlier, "confirmed", message)


@login_required
@require_POST
def influence_dismiss(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    film, earlier = _curated_pair(request, slug, pk)
    services.influence_dismiss(film=film, earlier=earlier, user=request.user)
    message = f"{earlier} will not be suggested for {film.title} again."
    return _answer(request, film, earlier, "dismissed", message)
