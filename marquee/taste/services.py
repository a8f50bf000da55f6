"""Writes: onboarding answers, taste tests and their responses, keeping a visitor's answers.

One rule runs through all of them: an answer never replaces a rating the reader already gave
(an answer is one of five steps; a rating is finer), it only adds ratings for films they had
not rated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone

from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.readers.models import Rating
from marquee.readers.services import rating_set
from marquee.sanitize import clean_line
from marquee.taste.answers import MAX_ONBOARDING_ANSWERS
from marquee.taste.models import Onboarding, TasteTest, TasteTestFilm, TasteTestResponse
from marquee.taste.visitors import Visitor, user_key

MIN_TEST_FILMS = 3
MAX_TEST_FILMS = 20
MAX_TITLE_CHARS = 120
MAX_TESTS_PER_OWNER = 50
# Responses one machine (address and browser) may start on one test without a session that
# ties it to an earlier one: clearing cookies a thousand times makes at most this many rows.
MAX_RESPONSES_PER_FINGERPRINT = 5
LOWEST_STARS, HIGHEST_STARS = 0.5, 5.0


class TasteTestClosed(InputError):
    """The test's link was revoked by its owner."""


class TooManyResponses(InputError):
    """This machine has started too many responses to one test."""


def clean_stars(stars: object, *, field: str) -> float | None:
    """Stars on the half-star scale 0.5-5, or None for "haven't seen it"."""
    if stars is None:
        return None
    if isinstance(stars, bool) or not isinstance(stars, int | float):
        raise InputError(field, f"{str(stars)[:40]!r} is not a number of stars")
    if not LOWEST_STARS <= stars <= HIGHEST_STARS or (stars * 2) % 1:
        raise InputError(field, f"{stars} is not on the half-star scale from ½ to 5 stars")
    return float(stars)


def _ratings_add_missing(user: User, stars_by_film: Mapping[int, float | None]) -> int:
    """Rate the films ``user`` has not rated yet; returns how many ratings were added."""
    wanted = {pk: stars for pk, stars in stars_by_film.items() if stars is not None}
    rated = set(Rating.objects.filter(user=user, film_id__in=wanted).values_list("film", flat=True))
    films = Film.objects.in_bulk([pk for pk in wanted if pk not in rated])
    for pk, film in films.items():
        rating_set(user=user, film=film, half_stars=round(wanted[pk] * 2))
    return len(films)


@transaction.atomic
def onboarding_answer(*, user: User, film: Film, stars: float | None) -> Onboarding:
    """Record a signed-in reader's answer about ``film``; a rating becomes their ``Rating``."""
    stars = clean_stars(stars, field="answer")
    Onboarding.objects.get_or_create(user=user)
    onboarding = Onboarding.objects.select_for_update().get(user=user)
    if any(pk == film.pk for pk, _ in onboarding.answers):
        return onboarding  # the same answer sent twice (a double click, a back button)
    if len(onboarding.answers) >= MAX_ONBOARDING_ANSWERS:
        raise InputError("answer", f"you have answered {MAX_ONBOARDING_ANSWERS} films already")
    onboarding.answers.append([film.pk, stars])
    onboarding.save(update_fields=["answers", "updated_at"])
    _ratings_add_missing(user, {film.pk: stars})
    return onboarding


@transaction.atomic
def taste_test_create(*, owner: User, title: str, films: Sequence[Film]) -> TasteTest:
    """A new taste test of ``films`` (in this order), each one rated by ``owner``."""
    title = clean_line(title, field="title", max_chars=MAX_TITLE_CHARS)
    pks = [film.pk for film in films]
    if len(set(pks)) != len(pks):
        raise InputError("films", "a film is picked twice")
    if not MIN_TEST_FILMS <= len(pks) <= MAX_TEST_FILMS:
        raise InputError(
            "films",
            f"{len(pks)} film{'s' if len(pks) != 1 else ''} picked; a taste test needs "
            f"{MIN_TEST_FILMS} to {MAX_TEST_FILMS}",
        )
    rated = set(Rating.objects.filter(user=owner, film_id__in=pks).values_list("film", flat=True))
    unrated = [film for film in films if film.pk not in rated]
    if unrated:
        raise InputError("films", f"you have not rated {unrated[0]}: pick films you rated")
    if TasteTest.objects.filter(owner=owner, revoked_at=None).count() >= MAX_TESTS_PER_OWNER:
        raise InputError(
            "title", f"you have {MAX_TESTS_PER_OWNER} open taste tests; revoke one first"
        )
    test = TasteTest.objects.create(owner=owner, title=title)
    TasteTestFilm.objects.bulk_create(
        TasteTestFilm(test=test, film=film, position=position)
        for position, film in enumerate(films, start=1)
    )
    return test


@transaction.atomic
def taste_test_revoke(*, test: TasteTest) -> TasteTest:
    """Close the test's link for good; its answers stay for the owner."""
    if test.revoked_at is None:
        test.revoked_at = timezone.now()
        test.save(update_fields=["revoked_at"])
    return test


def _clean_answers(test: TasteTest, answers: Mapping[object, object]) -> dict[str, float | None]:
    films = {str(pk) for pk in test.items.values_list("film", flat=True)}
    cleaned: dict[str, float | None] = {}
    for pk, stars in answers.items():
        if str(pk) not in films:
            raise InputError("answers", f"film {str(pk)[:20]!r} is not in this taste test")
        cleaned[str(pk)] = clean_stars(stars, field=f"answer for film {pk}")
    if not cleaned:
        raise InputError("answers", "no film was answered")
    return cleaned


@transaction.atomic
def taste_test_answer(
    *, test: TasteTest, visitor: Visitor, answers: Mapping[object, object], share: bool
) -> TasteTestResponse:
    """Keep ``visitor``'s answers to ``test``: one response per visitor, updated on each try.

    A signed-in visitor's answers also rate the films they had not rated yet.
    """
    if test.is_revoked:
        raise TasteTestClosed("test", "this taste test was closed by its owner")
    if visitor.user is not None and visitor.user.pk == test.owner_id:
        raise InputError("test", "this is your own taste test; share its link instead")
    cleaned = _clean_answers(test, answers)
    response = (
        TasteTestResponse.objects.select_for_update()
        .filter(test=test, visitor_key=visitor.key)
        .first()
    )
    if response is None:
        if visitor.user is None and (
            TasteTestResponse.objects.filter(
                test=test, user=None, fingerprint=visitor.fingerprint
            ).count()
            >= MAX_RESPONSES_PER_FINGERPRINT
        ):
            raise TooManyResponses(
                "answers", "too many people answered this test from your address and browser"
            )
        response = TasteTestResponse(test=test, user=visitor.user, visitor_key=visitor.key)
    response.answers = cleaned
    response.share_with_owner = share
    response.fingerprint = visitor.fingerprint
    response.save()
    if visitor.user is not None:
        _ratings_add_missing(visitor.user, response.stars_by_film())
    return response


@transaction.atomic
def taste_test_share(*, response: TasteTestResponse, share: bool) -> TasteTestResponse:
    """Show (or stop showing) this response to the test's owner."""
    response.share_with_owner = share
    response.save(update_fields=["share_with_owner", "updated_at"])
    return response


@transaction.atomic
def visitor_answers_keep(
    *, user: User, visitor_key: str, onboarding: Sequence[tuple[int, float | None]]
) -> int:
    """An account takes over what its visitor answered; returns how many ratings it adds.

    Runs when a visitor signs up, and when they sign in to an account they already have; what
    the account already holds always wins. Taste-test responses move to the account, unless it
    already answered that test or the test is its own; onboarding answers join its onboarding
    (no film is asked about again), except for films it already answered there. The answers
    then rate only films the account has not rated: a rating it has is never replaced.
    """
    stars_by_film: dict[int, float | None] = {}
    if visitor_key:
        answered = set(
            TasteTestResponse.objects.filter(user=user).values_list("test_id", flat=True)
        )
        for response in (
            TasteTestResponse.objects.select_for_update()
            .filter(visitor_key=visitor_key, user=None)
            .exclude(test__owner=user)
        ):
            if response.test_id in answered:
                continue
            response.user, response.visitor_key = user, user_key(user)
            response.save(update_fields=["user", "visitor_key", "updated_at"])
            stars_by_film.update(response.stars_by_film())
    if onboarding:
        record, _ = Onboarding.objects.get_or_create(user=user)
        known = {pk for pk, _ in record.answers}
        for pk, stars in onboarding[:MAX_ONBOARDING_ANSWERS]:
            if pk in known:
                continue  # the account's own answer about this film stands
            if len(record.answers) >= MAX_ONBOARDING_ANSWERS:
                break
            record.answers.append([pk, stars])
            known.add(pk)
            stars_by_film[pk] = stars
        record.save(update_fields=["answers", "updated_at"])
    return _ratings_add_missing(user, stars_by_film)


@transaction.atomic
def ratings_privacy_set(*, user: User, private: bool) -> User:
    """Hide (or show) the reader's ratings and diary from other people."""
    user.ratings_private = private
    user.save(update_fields=["ratings_private"])
    return user
