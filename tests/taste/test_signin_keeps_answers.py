"""A visitor who answered and then signs in to an account they have keeps their answers.

As on sign-up, except that the account already holds things: what it holds wins. A film it
rated keeps its rating, a test it answered keeps its response, a film it answered in
onboarding keeps that answer.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from marquee.catalog.models import Film
from marquee.readers.models import Rating
from marquee.readers.services import rating_set
from marquee.taste.models import Onboarding, TasteTestResponse
from marquee.taste.services import taste_test_answer
from marquee.taste.visitors import Visitor, user_key
from tests.conftest import PASSWORD
from tests.taste.conftest import answer_all

pytestmark = pytest.mark.django_db


def sign_in(client, user, password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password})


def ratings_of(user) -> dict[int, int]:
    return dict(Rating.objects.filter(user=user).values_list("film_id", "half_stars"))


def test_taste_test_answers_become_ratings_and_the_response_moves_to_the_account(
    client, reader, taste_test
):
    films = taste_test.ordered_films()
    answer_all(client, taste_test, lambda film: "unseen" if film == films[0] else "loved")
    response = sign_in(client, reader)
    assert response.status_code == 302
    assert ratings_of(reader) == {film.pk: 10 for film in films[1:]}
    kept = TasteTestResponse.objects.get()
    assert kept.user == reader and kept.visitor_key == user_key(reader)
    home = client.get(response["Location"]).content.decode()
    assert "Your answers about 3 films are now your ratings." in home
    assert client.get(reverse("taste:test_result", args=[taste_test.token])).status_code == 200


def test_a_rating_the_account_already_has_wins_over_the_visitors_answer(client, reader, taste_test):
    films = taste_test.ordered_films()
    rating_set(user=reader, film=films[0], half_stars=2)
    answer_all(client, taste_test, lambda film: "loved")
    response = sign_in(client, reader)
    assert ratings_of(reader) == {films[0].pk: 2} | {film.pk: 10 for film in films[1:]}
    home = client.get(response["Location"]).content.decode()
    assert "Your answers about 3 films are now your ratings." in home


def test_a_test_the_account_already_answered_keeps_the_accounts_response(
    client, reader, taste_test
):
    films = taste_test.ordered_films()
    earlier = taste_test_answer(
        test=taste_test,
        visitor=Visitor(reader, user_key(reader), ""),
        answers={film.pk: None for film in films},  # "haven't seen any of them"
        share=False,
    )
    answer_all(client, taste_test, lambda film: "loved")
    sign_in(client, reader)
    assert TasteTestResponse.objects.get(user=reader) == earlier
    earlier.refresh_from_db()
    assert set(earlier.answers.values()) == {None}
    assert ratings_of(reader) == {}
    left_behind = TasteTestResponse.objects.exclude(pk=earlier.pk).get()
    assert left_behind.user is None


def test_signing_in_as_the_tests_owner_does_not_make_them_answer_their_own_test(
    client, horror_fan, taste_test
):
    horror_fan.set_password(PASSWORD)
    horror_fan.save()
    before = ratings_of(horror_fan)
    answer_all(client, taste_test, lambda film: "disliked")
    assert sign_in(client, horror_fan).status_code == 302
    assert ratings_of(horror_fan) == before
    assert TasteTestResponse.objects.get().user is None


def test_a_failed_sign_in_keeps_nothing_and_the_next_one_keeps_the_answers(
    client, reader, taste_test
):
    answer_all(client, taste_test, lambda film: "liked")
    assert sign_in(client, reader, "not the password").status_code == 200
    assert ratings_of(reader) == {}
    sign_in(client, reader)
    assert set(ratings_of(reader).values()) == {8}


def onboard_anonymously(client, answers: list[str]) -> list[int]:
    html = client.get("/taste/start/").content.decode()
    asked = []
    for answer in answers:
        film = int(re.search(r'name="film" value="(\d+)"', html).group(1))
        asked.append(film)
        html = client.post(
            "/taste/start/", {"film": film, "answer": answer}, HTTP_HX_REQUEST="true"
        ).content.decode()
    return asked


def test_onboarding_answers_join_the_accounts_own_which_win(client, reader, trained):
    asked = onboard_anonymously(client, ["loved", "loved", "unseen", "disliked"])
    # Before signing in, the account had already said it had not seen the first film, and
    # had rated the second.
    Onboarding.objects.create(user=reader, answers=[[asked[0], None]])
    rating_set(user=reader, film=Film.objects.get(pk=asked[1]), half_stars=4)
    sign_in(client, reader)
    assert ratings_of(reader) == {asked[1]: 4, asked[3]: 3}
    assert Onboarding.objects.get(user=reader).answers == [
        [asked[0], None],
        [asked[1], 5.0],
        [asked[2], None],
        [asked[3], 1.5],
    ]
    html = client.get("/taste/start/").content.decode()
    assert int(re.search(r'name="film" value="(\d+)"', html).group(1)) not in asked
