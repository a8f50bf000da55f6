"""Onboarding, taste tests (the owner's pages and the public link), comparing two readers.

Forms work as plain posts with a redirect; onboarding also answers htmx with its next card.
Bad input is answered 400 with what was wrong, a spent rate limit 429, a revoked link 410.
"""

from __future__ import annotations

import numpy as np
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.predictions import store
from marquee.ratelimits import TASTE_ANSWER, client_address, wait_in_words
from marquee.taste import selectors, services
from marquee.taste.answers import ANSWERS, MAX_ONBOARDING_ANSWERS, stars_for
from marquee.taste.forms import OnboardingAnswerForm, TasteTestAnswersForm, TasteTestCreateForm
from marquee.taste.models import TasteTest
from marquee.taste.visitors import (
    ONBOARDING_ANSWERS,
    session_onboarding_answers,
    visitor_for,
)

# An answer form is a few hundred bytes per film; anything far bigger is not a person.
MAX_ANSWER_BYTES = 20_000


def _bad_request(request: HttpRequest, message: str, *, status: int = 400) -> HttpResponse:
    return render(request, "taste/problem.html", {"message": message}, status=status)


# -- onboarding ------------------------------------------------------------------------------


def _onboarding_answers(request: HttpRequest) -> list[tuple[int, float | None]]:
    if request.user.is_authenticated:
        return selectors.stored_onboarding_answers(request.user)
    return session_onboarding_answers(request)


def _onboarding_context(request: HttpRequest) -> dict:
    user = request.user if request.user.is_authenticated else None
    state = selectors.onboarding_state(user, _onboarding_answers(request))
    return {
        "state": state,
        "answers": ANSWERS,
        "trained": store.current() is not None,
        "max_answers": MAX_ONBOARDING_ANSWERS,
    }


def _record_onboarding_answer(request: HttpRequest, film: Film, stars: float | None) -> None:
    if request.user.is_authenticated:
        services.onboarding_answer(user=request.user, film=film, stars=stars)
        return
    answers = session_onboarding_answers(request)
    if any(pk == film.pk for pk, _ in answers):
        return  # sent twice
    if len(answers) >= MAX_ONBOARDING_ANSWERS:
        raise InputError("answer", f"you have answered {MAX_ONBOARDING_ANSWERS} films already")
    request.session[ONBOARDING_ANSWERS] = [[pk, s] for pk, s in answers] + [[film.pk, stars]]


@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """One film at a time: loved it, liked it, so-so, disliked it, or haven't seen it."""
    if request.method == "POST":
        form = OnboardingAnswerForm(request.POST)
        if not form.is_valid():
            return _bad_request(request, "That answer could not be read: pick one of the buttons.")
        models = store.current()
        film = Film.objects.filter(pk=form.cleaned_data["film"]).first()
        known = models is not None and film is not None
        if not known or models.columns_for(np.array([film.pk]))[0] < 0:
            return _bad_request(request, "That film is not one of the test films.")
        try:
            _record_onboarding_answer(request, film, stars_for(form.cleaned_data["answer"]))
        except InputError as error:
            return _bad_request(request, f"Your answer was not saved: {error.message}.")
        if not request.htmx:
            return redirect("taste:start")
    template = "taste/_onboarding.html" if request.htmx else "taste/start.html"
    return render(request, template, _onboarding_context(request))


# -- taste tests: the owner's pages ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def taste_tests(request: HttpRequest) -> HttpResponse:
    """The reader's taste tests, and a form to make one from their rated films."""
    choices = selectors.taste_test_film_choices(request.user)
    suggested = [choice.film.pk for choice in choices if choice.suggested]
    form = TasteTestCreateForm(request.POST or None, choices=choices, initial={"films": suggested})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            films = Film.objects.in_bulk(form.cleaned_data["films"])
            try:
                test = services.taste_test_create(
                    owner=request.user,
                    title=form.cleaned_data["title"],
                    films=[films[pk] for pk in form.cleaned_data["films"] if pk in films],
                )
            except InputError as error:
                form.add_error("films" if error.field == "films" else "title", error.message)
            else:
                messages.success(request, "Your taste test is ready: send its link to anyone.")
                return redirect("taste:test_detail", pk=test.pk)
        status = 400
    context = {
        "form": form,
        "choices": choices,
        "checked": set(form["films"].value() or []) if form.is_bound else set(suggested),
        "tests": TasteTest.objects.filter(owner=request.user).prefetch_related("items"),
    }
    return render(request, "taste/tests.html", context, status=status)


def _own_test(request: HttpRequest, pk: int) -> TasteTest:
    # Another reader's test is "not found", so ids reveal nothing.
    return get_object_or_404(TasteTest, pk=pk, owner=request.user)


@login_required
def taste_test_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner's view: the link, the films, and the results visitors shared."""
    test = _own_test(request, pk)
    return render(
        request,
        "taste/test_detail.html",
        {
            "test": test,
            "films": test.ordered_films(),
            "link": request.build_absolute_uri(test.get_absolute_url()),
            "shared": selectors.shared_responses(test),
        },
    )


@login_required
@require_POST
def taste_test_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    test = services.taste_test_revoke(test=_own_test(request, pk))
    messages.success(request, f"The link to “{test.title}” no longer works.")
    return redirect("taste:test_detail", pk=test.pk)


# -- taste tests: the public link ------------------------------------------------------------


def _open_test(request: HttpRequest, token: str) -> TasteTest | HttpResponse:
    test = get_object_or_404(TasteTest.objects.select_related("owner"), token=token)
    if test.is_revoked or not test.owner.is_active:
        return render(request, "taste/gone.html", {"test": test}, status=410)
    return test


def _render_test(
    request: HttpRequest, test: TasteTest, form: TasteTestAnswersForm, *, status: int = 200
) -> HttpResponse:
    is_owner = request.user.is_authenticated and request.user.pk == test.owner_id
    return render(
        request,
        "taste/test.html",
        {"test": test, "form": form, "is_owner": is_owner, "answers": ANSWERS},
        status=status,
    )


def _initial_answers(request: HttpRequest, test: TasteTest, films: list[Film]) -> dict:
    """The visitor's earlier answers, or their ratings, so answering again starts from them."""
    from marquee.taste.answers import key_for

    visitor = visitor_for(request, create=False)
    response = selectors.visitor_response(test, visitor.key if visitor else None)
    if response is not None:
        stars = response.stars_by_film()
        initial = {f"film-{pk}": key_for(value) for pk, value in stars.items()}
        return {**initial, "share": response.share_with_owner}
    if request.user.is_authenticated:
        ratings = selectors.ratings_of(request.user)
        return {f"film-{f.pk}": key_for(ratings[f.pk]) for f in films if f.pk in ratings}
    return {}


@require_http_methods(["GET", "HEAD", "POST"])
def taste_test(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link answers the owner's films and sees how alike they are."""
    test = _open_test(request, token)
    if isinstance(test, HttpResponse):
        return test
    if request.method != "POST":
        films = test.ordered_films()
        initial = _initial_answers(request, test, films)
        return _render_test(request, test, TasteTestAnswersForm(films=films, initial=initial))
    return _answer(request, test)


def _answer(request: HttpRequest, test: TasteTest) -> HttpResponse:
    # Counted before any work, so a flood costs as little as possible.
    who = f"{client_address(request)}|{test.pk}"
    if not TASTE_ANSWER.hit(who):
        wait = wait_in_words(TASTE_ANSWER.retry_after(who))
        message = f"Too many answers to this test from your address; please try again in {wait}."
        return render(request, "taste/rate_limited.html", {"message": message}, status=429)
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_ANSWER_BYTES:
        return _bad_request(request, "Those answers are far too large to be a person's.")
    films = test.ordered_films()
    form = TasteTestAnswersForm(request.POST, films=films)
    unexpected = form.unexpected_fields()
    if unexpected:
        return _bad_request(request, f"“{unexpected[0][:40]}” is not a film of this test.")
    if not form.is_valid():
        return _render_test(request, test, form, status=400)
    if form.cleaned_data["website"]:
        return _bad_request(request, "Your answers were not saved: leave the last field empty.")
    if not films:
        return _bad_request(request, "This taste test has no films left to answer.")
    try:
        answers = {pk: stars_for(key) for pk, key in form.answers().items()}
        services.taste_test_answer(
            test=test,
            visitor=visitor_for(request, create=True),
            answers=answers,
            share=form.cleaned_data["share"],
        )
    except services.TooManyResponses as error:
        return _bad_request(request, f"Your answers were not saved: {error.message}.", status=429)
    except InputError as error:
        return _bad_request(request, f"Your answers were not saved: {error.message}.")
    return redirect("taste:test_result", token=test.token)


@require_http_methods(["GET", "HEAD"])
def taste_test_result(request: HttpRequest, token: str) -> HttpResponse:
    """The visitor's compatibility with the owner, films they agree and disagree on, and picks."""
    test = _open_test(request, token)
    if isinstance(test, HttpResponse):
        return test
    visitor = visitor_for(request, create=False)
    response = selectors.visitor_response(test, visitor.key if visitor else None)
    if response is None:
        return redirect(test.get_absolute_url())
    return render(
        request, "taste/result.html", {"result": selectors.taste_test_result(test, response)}
    )


@require_POST
def taste_test_share(request: HttpRequest, token: str) -> HttpResponse:
    """Share (or stop sharing) the visitor's result with the test's owner."""
    test = _open_test(request, token)
    if isinstance(test, HttpResponse):
        return test
    visitor = visitor_for(request, create=False)
    response = selectors.visitor_response(test, visitor.key if visitor else None)
    if response is None:
        return _bad_request(request, "Answer the test first; then you can share your result.")
    share = request.POST.get("share") == "on"
    services.taste_test_share(response=response, share=share)
    owner = test.owner.public_name
    if share:
        messages.success(request, f"{owner} can now see your result.")
    else:
        messages.success(request, f"Your result is no longer shared with {owner}.")
    return redirect("taste:test_result", token=test.token)


# -- comparing -------------------------------------------------------------------------------


@login_required
def compare(request: HttpRequest, username: str) -> HttpResponse:
    """You and another reader (or critic): how alike, on which films, and what to swap."""
    them = get_object_or_404(User, username=username, is_active=True)
    try:
        result = selectors.comparison(request.user, them)
    except selectors.CompareRefused as refusal:
        status = 200 if them.pk == request.user.pk else 403
        return render(
            request, "taste/compare.html", {"them": them, "refusal": refusal.message}, status=status
        )
    return render(request, "taste/compare.html", {"them": them, "comparison": result})


@login_required
@require_POST
def privacy(request: HttpRequest) -> HttpResponse:
    """Keep the reader's ratings and diary to themselves (or open them again)."""
    private = request.POST.get("ratings_private") == "on"
    services.ratings_privacy_set(user=request.user, private=private)
    if private:
        messages.success(request, "Your ratings and diary are now private.")
    else:
        messages.success(request, "Your ratings and diary are public again.")
    return redirect("accounts:profile", username=request.user.username)
