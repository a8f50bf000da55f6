"""Taste tests train into their own models folder; helpers to make taste tests and answer them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from marquee.taste.models import TasteTest
from marquee.taste.services import taste_test_create


@pytest.fixture(autouse=True)
def _own_models_folder(models_folder):
    return models_folder


@pytest.fixture
def horror_fan(trained):
    return trained["readers"][0]  # even readers love horror


@pytest.fixture
def romantic(trained):
    return trained["readers"][1]


@pytest.fixture
def taste_test(horror_fan, trained) -> TasteTest:
    """A horror fan's test of four films they rated: two horror, two romance."""
    rated = horror_fan.ratings.values_list("film_id", flat=True)
    films = [f for f in trained["horror"] if f.pk in rated][:2]
    films += [f for f in trained["romance"] if f.pk in rated][:2]
    return taste_test_create(owner=horror_fan, title="Do you like being scared?", films=films)


def answer_all(client, test: TasteTest, answer_by_film, *, share: bool = False, **extra):
    """Post answers to a taste test: ``answer_by_film(film) -> "loved" | ... | "unseen"``."""
    data = {f"film-{film.pk}": answer_by_film(film) for film in test.ordered_films()}
    if share:
        data["share"] = "on"
    data.update(extra)
    return client.post(reverse("taste:test", args=[test.token]), data)


def like_a_horror_fan(film) -> str:
    return "loved" if film.title.startswith("Horror") else "disliked"


def like_a_romantic(film) -> str:
    return "disliked" if film.title.startswith("Horror") else "loved"
