"""A visitor who answered before signing up keeps their answers as the new account's ratings."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from marquee.accounts.models import User
from marquee.readers.models import Rating
from marquee.taste.models import Onboarding, TasteTestResponse
from tests.taste.conftest import answer_all, like_a_horror_fan

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-new-password-91"


def sign_up(client, username: str = "nina_newcomer"):
    return client.post(
        reverse("accounts:signup"),
        {
            "username": username,
            "email": f"{username}@example.test",
            "display_name": "",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_taste_test_answers_become_ratings_and_the_response_moves_to_the_account(
    client, taste_test
):
    films = taste_test.ordered_films()
    answer_all(client, taste_test, lambda film: "unseen" if film == films[0] else "loved")
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(username="nina_newcomer")
    ratings = dict(Rating.objects.filter(user=user).values_list("film_id", "half_stars"))
    assert ratings == {film.pk: 10 for film in films[1:]}
    kept = TasteTestResponse.objects.get()
    assert kept.user == user and kept.visitor_key == f"user:{user.pk}"
    home = client.get(response["Location"]).content.decode()
    assert "Your answers about 3 films are now your ratings." in home
    # The result is still theirs, now as a signed-in reader.
    assert client.get(reverse("taste:test_result", args=[taste_test.token])).status_code == 200


def test_onboarding_answers_become_ratings_and_are_not_asked_again(client, trained):
    html = client.get("/taste/start/").content.decode()
    asked = []
    for answer in ["loved", "unseen", "disliked"]:
        film = int(re.search(r'name="film" value="(\d+)"', html).group(1))
        asked.append(film)
        html = client.post(
            "/taste/start/", {"film": film, "answer": answer}, HTTP_HX_REQUEST="true"
        ).content.decode()
    sign_up(client)
    user = User.objects.get(username="nina_newcomer")
    ratings = dict(Rating.objects.filter(user=user).values_list("film_id", "half_stars"))
    assert ratings == {asked[0]: 10, asked[2]: 3}
    assert [pk for pk, _ in Onboarding.objects.get(user=user).answers] == asked
    html = client.get("/taste/start/").content.decode()
    assert int(re.search(r'name="film" value="(\d+)"', html).group(1)) not in asked


def test_signing_up_without_answers_adds_nothing(client, db):
    sign_up(client)
    user = User.objects.get(username="nina_newcomer")
    assert not Rating.objects.filter(user=user).exists()
    assert not Onboarding.objects.filter(user=user).exists()


def test_another_visitors_answers_are_not_taken(client, taste_test):
    stranger = client.__class__()
    answer_all(stranger, taste_test, like_a_horror_fan)
    sign_up(client)
    user = User.objects.get(username="nina_newcomer")
    assert not Rating.objects.filter(user=user).exists()
    assert TasteTestResponse.objects.get().user is None
