"""Readers' pages and the film page's widgets.

The widgets are plain forms: without script they post and come back to the film page; with htmx
each answers with its own re-rendered fragment. Readers' pages are public (emails never shown).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.journal.page_cache import cache_public_page
from marquee.journal.views import paginate
from marquee.readers import charts, selectors, services
from marquee.readers.forms import (
    FORM_FIELD_FOR_INPUT,
    HALF_STAR_CHOICES,
    DiaryEntryForm,
    RatingForm,
    ToggleForm,
)
from marquee.readers.models import DiaryEntry

RECENT_DIARY_ON_PROFILE = 8


# The film page's widgets


def widget_context(request: HttpRequest, film: Film, **extra) -> dict:
    """What the widget templates need about ``film`` and the signed-in reader."""
    return {
        "film": film,
        "state": selectors.film_reader_state(request.user, film),
        "diary_form": extra.pop("diary_form", None) or DiaryEntryForm(),
        "half_star_choices": HALF_STAR_CHOICES,
        **extra,
    }


def _widget_response(request: HttpRequest, film: Film, template: str, **extra) -> HttpResponse:
    return render(request, template, widget_context(request, film, **extra))


def _back_to_film(film: Film) -> HttpResponse:
    return redirect(film.get_absolute_url() + "#your-film")


@login_required
@require_POST
def film_rate(request: HttpRequest, slug: str) -> HttpResponse:
    film = get_object_or_404(Film, slug=slug)
    form = RatingForm(request.POST)
    error = ""
    if not form.is_valid():
        error = " ".join(form.errors.get("__all__", [])) or "Choose from ½ to 5 stars."
    elif form.cleaned_data["clear"]:
        services.rating_clear(user=request.user, film=film)
    else:
        try:
            services.rating_set(
                user=request.user, film=film, half_stars=form.cleaned_data["half_stars"]
            )
        except InputError as exc:
            error = exc.message
    if request.htmx:
        return _widget_response(request, film, "readers/_rate_widget.html", rate_error=error)
    if error:
        messages.error(request, f"Your rating was not saved: {error}")
    return _back_to_film(film)


@login_required
@require_POST
def diary_add(request: HttpRequest, slug: str) -> HttpResponse:
    film = get_object_or_404(Film, slug=slug)
    form = DiaryEntryForm(request.POST)
    if form.is_valid():
        try:
            services.diary_entry_add(user=request.user, film=film, **form.cleaned_data)
        except InputError as exc:
            form.add_error(FORM_FIELD_FOR_INPUT.get(exc.field), exc.message)
    saved = form.is_valid()
    if request.htmx:
        # A rating given with the viewing changes the rating widget too.
        return _widget_response(
            request,
            film,
            "readers/_diary_response.html",
            diary_form=None if saved else form,
            diary_saved=saved,
        )
    if saved:
        messages.success(request, f"{film.title} is in your diary.")
    else:
        problems = "; ".join(
            f"{form.fields[name].label if name in form.fields else 'entry'}: {' '.join(errors)}"
            for name, errors in form.errors.items()
        )
        messages.error(request, f"Nothing was added to your diary. {problems}")
    return _back_to_film(film)


@login_required
@require_POST
def diary_delete(request: HttpRequest, pk: int) -> HttpResponse:
    # Another reader's entry is "not found", so ids reveal nothing.
    entry = get_object_or_404(DiaryEntry.objects.select_related("film"), pk=pk, user=request.user)
    film = entry.film
    services.diary_entry_delete(user=request.user, entry=entry)
    if request.htmx:
        if request.POST.get("from") == "film":
            return _widget_response(request, film, "readers/_diary_widget.html")
        return HttpResponse("")  # the diary page's row is swapped for nothing
    messages.success(request, f"Your viewing of {film.title} was deleted.")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return _back_to_film(film)


@login_required
@require_POST
def watchlist_toggle(request: HttpRequest, slug: str) -> HttpResponse:
    film = get_object_or_404(Film, slug=slug)
    services.watchlist_toggle(user=request.user, film=film, on_list=ToggleForm(request.POST).wanted)
    if request.htmx:
        return _widget_response(request, film, "readers/_watchlist_widget.html")
    return _back_to_film(film)


@login_required
@require_POST
def like_toggle(request: HttpRequest, slug: str) -> HttpResponse:
    film = get_object_or_404(Film, slug=slug)
    services.film_like_toggle(user=request.user, film=film, liked=ToggleForm(request.POST).wanted)
    if request.htmx:
        return _widget_response(request, film, "readers/_like_widget.html")
    return _back_to_film(film)


# Readers' pages


def _reader(username: str) -> User:
    return get_object_or_404(User, username=username, is_active=True)


def _reader_page(
    request: HttpRequest, template: str, person: User, tab: str, **context
) -> HttpResponse:
    # Private ratings (and the diary, which carries them) are for their owner and staff only.
    hidden = person.ratings_private and not (request.user == person or request.user.is_staff)
    if hidden and tab in {"diary", "ratings", "stats"}:
        template, context = "readers/private.html", {}
    return render(
        request,
        template,
        {
            "person": person,
            "tab": tab,
            "is_me": request.user == person,
            "ratings_hidden": hidden,
            **context,
        },
    )


@require_safe
@cache_public_page
def profile(request: HttpRequest, username: str) -> HttpResponse:
    person = _reader(username)
    stats_histogram = selectors.reader_ratings_histogram(person)
    return _reader_page(
        request,
        "readers/profile.html",
        person,
        "profile",
        summary=selectors.reader_summary(person),
        recent=selectors.reader_diary(person)[:RECENT_DIARY_ON_PROFILE],
        histogram=stats_histogram,
        histogram_chart=charts.ratings_chart(stats_histogram, chart_id="profile-ratings"),
    )


@require_safe
@cache_public_page
def diary(request: HttpRequest, username: str) -> HttpResponse:
    person = _reader(username)
    return _reader_page(
        request,
        "readers/diary.html",
        person,
        "diary",
        page=paginate(request, selectors.reader_diary(person)),
    )


@require_safe
@cache_public_page
def ratings(request: HttpRequest, username: str) -> HttpResponse:
    person = _reader(username)
    order = "highest" if request.GET.get("order") == "highest" else "recent"
    return _reader_page(
        request,
        "readers/ratings.html",
        person,
        "ratings",
        order=order,
        page=paginate(request, selectors.reader_ratings(person, order=order)),
    )


@require_safe
@cache_public_page
def watchlist(request: HttpRequest, username: str) -> HttpResponse:
    person = _reader(username)
    return _reader_page(
        request,
        "readers/watchlist.html",
        person,
        "watchlist",
        page=paginate(request, selectors.reader_watchlist(person)),
    )


@require_safe
@cache_public_page
def stats(request: HttpRequest, username: str) -> HttpResponse:
    person = _reader(username)
    numbers = selectors.reader_stats(person)
    return _reader_page(
        request,
        "readers/stats.html",
        person,
        "stats",
        stats=numbers,
        charts=charts.stats_charts(
            numbers, you="You" if request.user == person else person.public_name
        ),
    )
