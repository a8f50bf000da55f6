"""Onboarding: one film at a time, adaptive, resumable; answers become ratings; picks after ~10."""

from __future__ import annotations

import re

import numpy as np
import pytest
from django.urls import reverse

from marquee.predictions import store
from marquee.readers.models import Rating
from marquee.taste.models import Onboarding
from marquee.taste.selectors import ANSWERS_BEFORE_PICKS

pytestmark = pytest.mark.django_db
START = "/taste/start/"


def asked_film(html: str) -> int | None:
    match = re.search(r'name="film" value="(\d+)"', html)
    return int(match.group(1)) if match else None


def answer_questions(client, count: int, answer_for) -> list[int]:
    """Answer ``count`` questions the way ``answer_for(film pk) -> answer`` says; the films."""
    asked = []
    html = client.get(START).content.decode()
    for _ in range(count):
        film = asked_film(html)
        assert film is not None, "onboarding ran out of questions"
        asked.append(film)
        response = client.post(
            START, {"film": film, "answer": answer_for(film)}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        html = response.content.decode()
    return asked


def test_the_page_names_the_onboarding_url():
    assert reverse("taste:start") == START


def test_a_visitor_is_asked_about_one_film_with_five_answers(client, trained):
    html = client.get(START).content.decode()
    assert asked_film(html) is not None
    for label in ["Loved it", "Liked it", "So-so", "Disliked it", "Haven’t seen it"]:
        assert label in html


def _engine_next(answers: list[tuple[int, float | None]]) -> int | None:
    """The film the trained engine asks about after these (film pk, stars) answers."""
    models = store.current()
    columns = models.columns_for(np.array([pk for pk, _ in answers], dtype=np.int64))
    session = models.elicitor.start(
        answers=[(int(c), s) for c, (_, s) in zip(columns, answers, strict=True)]
    )
    column = session.next_item()
    return None if column is None else int(models.film_ids[column])


@pytest.mark.parametrize("path", [["loved", "disliked", "loved"], ["disliked", "unseen", "so-so"]])
def test_each_next_question_is_the_engines_choice_given_every_answer_so_far(client, trained, path):
    stars = {"loved": 5.0, "disliked": 1.5, "so-so": 3.0, "unseen": None}
    answers: list[tuple[int, float | None]] = []
    html = client.get(START).content.decode()
    for answer in path:
        film = asked_film(html)
        assert film == _engine_next(answers)
        answers.append((film, stars[answer]))
        html = client.post(START, {"film": film, "answer": answer}, HTTP_HX_REQUEST="true")
        html = html.content.decode()
    assert asked_film(html) == _engine_next(answers)


def test_a_film_answered_is_never_asked_again_and_progress_resumes(client, trained):
    asked = answer_questions(client, 5, lambda film: "unseen")
    assert len(set(asked)) == 5
    html = client.get(START).content.decode()  # a fresh page load resumes from the session
    assert asked_film(html) not in asked
    assert "5 films answered or rated so far" in html


def test_without_javascript_an_answer_redirects_back(client, trained):
    film = asked_film(client.get(START).content.decode())
    response = client.post(START, {"film": film, "answer": "liked"})
    assert response.status_code == 302 and response["Location"] == START
    assert asked_film(client.get(START).content.decode()) != film


def test_a_signed_in_readers_answers_become_ratings_but_not_the_unseen_ones(
    client, trained, reader
):
    client.force_login(reader)
    answers = {}

    def answer_for(film: int) -> str:
        answers[film] = ["loved", "unseen", "disliked", "so-so", "liked"][len(answers) % 5]
        return answers[film]

    answer_questions(client, 5, answer_for)
    ratings = dict(Rating.objects.filter(user=reader).values_list("film_id", "half_stars"))
    expected = {"loved": 10, "liked": 8, "so-so": 6, "disliked": 3}
    assert ratings == {film: expected[a] for film, a in answers.items() if a != "unseen"}
    stored = Onboarding.objects.get(user=reader).answers
    assert [pk for pk, _ in stored] == list(answers)  # the skips are kept too


def test_a_signed_in_reader_is_not_asked_about_films_they_rated(client, trained):
    fan = trained["readers"][0]
    rated = set(Rating.objects.filter(user=fan).values_list("film_id", flat=True))
    client.force_login(fan)
    html = client.get(START).content.decode()
    film = asked_film(html)
    assert film is None or film not in rated


def test_after_about_ten_answers_a_reader_sees_picks_and_predictions(client, trained, reader):
    client.force_login(reader)
    horror = {f.pk for f in trained["horror"]}

    def horror_fan(film: int) -> str:
        return "loved" if film in horror else "disliked"

    answer_questions(client, ANSWERS_BEFORE_PICKS - 1, horror_fan)
    assert "Your first suggestions" not in client.get(START).content.decode()
    answer_questions(client, 1, horror_fan)
    html = client.get(START).content.decode()
    assert "Your first suggestions" in html
    assert "stars predicted for you" in html
    assert "Keep going to sharpen them" in html
    assert asked_film(html) is not None or "no more films" in html


def test_an_anonymous_visitor_gets_picks_from_their_answers(client, trained):
    horror = {f.pk for f in trained["horror"]}
    answer_questions(client, ANSWERS_BEFORE_PICKS, lambda f: "loved" if f in horror else "disliked")
    html = client.get(START).content.decode()
    picks = html.split("Your first suggestions", 1)[1]
    assert "stars predicted for you" in picks
    assert "Create an account" in picks
    first_pick = re.search(r'href="/films/([a-z]+)-', picks).group(1)
    assert first_pick == "horror"


def test_skipping_everything_shows_no_picks_but_says_why(client, trained):
    answer_questions(client, ANSWERS_BEFORE_PICKS, lambda f: "unseen")
    html = client.get(START).content.decode()
    assert "Your first suggestions" not in html
    assert "at least one film you have seen" in html


def test_without_trained_models_the_page_says_so(client, taste_site, reader):
    for who in [None, reader]:
        if who:
            client.force_login(who)
        response = client.get(START)
        assert response.status_code == 200
        assert "trained" in response.content.decode()
        assert asked_film(response.content.decode()) is None


def test_an_answer_without_models_is_refused_clearly(client, taste_site):
    film = taste_site["horror"][0]
    response = client.post(START, {"film": film.pk, "answer": "loved"})
    assert response.status_code == 400
    assert "not one of the test films" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"film": "abc", "answer": "loved"},
        {"film": "1", "answer": "adored"},
        {"film": "", "answer": ""},
        {},
        {"film": "99999999", "answer": "loved"},
        {"film": "-4", "answer": "loved"},
        {"film": "1" * 400, "answer": "loved"},
    ],
)
def test_absurd_answers_are_refused_with_400(client, trained, data):
    response = client.post(START, data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_the_same_answer_twice_counts_once(client, trained, reader):
    client.force_login(reader)
    film = asked_film(client.get(START).content.decode())
    for _ in range(3):
        client.post(START, {"film": film, "answer": "loved"})
    assert Onboarding.objects.get(user=reader).answers == [[film, 5.0]]
    assert Rating.objects.filter(user=reader).count() == 1


def test_picks_leave_out_the_film_being_asked_and_films_the_reader_would_dislike(
    client, trained, reader
):
    client.force_login(reader)
    horror = {f.pk for f in trained["horror"]}
    answer_questions(client, ANSWERS_BEFORE_PICKS, lambda f: "loved" if f in horror else "disliked")
    html = client.get(START).content.decode()
    asked = asked_film(html)
    picks = html.split("Your first suggestions", 1)[1]
    if asked is not None:
        slug = re.search(r'<h2 id="question-title"[^>]*><a href="([^"]+)"', html).group(1)
        assert slug not in picks
    stars = [float(s) for s in re.findall(r"Should you watch it\? ([\d.]+) stars", picks)]
    assert stars and min(stars) >= 3.0


def test_models_saved_before_test_films_existed_still_load_and_say_retrain(client, trained):
    import pickle

    models = store.current()
    del models.__dict__["elicitor"]  # as pickled by the code before this feature
    old = pickle.loads(pickle.dumps(models))
    assert old.elicitor is None
    store._loaded[old.version] = old
    html = client.get(START).content.decode()
    assert "trained before test films existed" in html
    assert asked_film(html) is None
