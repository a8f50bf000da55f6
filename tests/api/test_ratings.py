"""The caller's ratings, in stars: set, read, list, clear; nobody else's."""

import pytest

from marquee.readers.models import Rating
from marquee.readers.services import rating_set
from tests.api.conftest import fields_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def blade_runner(db):
    from marquee.catalog.services import film_create

    return film_create(title="Blade Runner", year=1982)


def test_rating_a_film_in_half_stars(api, reader, film):
    caller = api.as_user(reader)
    response = caller.put(f"/me/ratings/{film.slug}", {"stars": 3.5})
    assert response.status_code == 200, response.content
    assert response.json()["stars"] == 3.5 and response.json()["film"]["slug"] == film.slug
    assert Rating.objects.get(user=reader).half_stars == 7
    caller.put(f"/me/ratings/{film.slug}", {"stars": 5})
    assert Rating.objects.get(user=reader).half_stars == 10
    assert caller.get(f"/me/ratings/{film.slug}").json()["stars"] == 5


@pytest.mark.parametrize("stars", [0, 0.25, 5.5, 3.3, -1, "four", None, True])
def test_a_rating_is_half_stars_from_half_to_five(api, reader, film, stars):
    assert fields_of(api.as_user(reader).put(f"/me/ratings/{film.slug}", {"stars": stars})) == {
        "stars"
    }
    assert not Rating.objects.exists()


def test_rating_a_missing_film_is_a_404(api, reader):
    assert api.as_user(reader).put("/me/ratings/no-such-film", {"stars": 3}).status_code == 404


def test_ratings_list_filters_and_orders(api, reader, other_reader, film, blade_runner):
    rating_set(user=reader, film=film, half_stars=6)
    rating_set(user=reader, film=blade_runner, half_stars=9)
    rating_set(user=other_reader, film=film, half_stars=1)
    caller = api.as_user(reader)

    def films(**params):
        response = caller.get("/me/ratings", params)
        assert response.status_code == 200, response.content
        return [r["film"]["slug"] for r in response.json()["items"]]

    assert films() == [blade_runner.slug, film.slug]
    assert films(ordering="stars") == [film.slug, blade_runner.slug]
    assert films(ordering="-stars") == [blade_runner.slug, film.slug]
    assert films(min_stars=4) == [blade_runner.slug]
    assert films(max_stars=3) == [film.slug]
    assert films(film=film.slug) == [film.slug]
    assert fields_of(caller.get("/me/ratings", {"min_stars": 1.3})) == {"min_stars"}


def test_nobody_sees_or_clears_someone_elses_rating(api, reader, other_reader, film):
    rating_set(user=other_reader, film=film, half_stars=4)
    caller = api.as_user(reader)
    assert caller.get("/me/ratings").json()["count"] == 0
    assert caller.get(f"/me/ratings/{film.slug}").status_code == 404
    assert caller.delete(f"/me/ratings/{film.slug}").status_code == 404
    assert Rating.objects.get().user == other_reader


def test_clearing_a_rating(api, reader, film):
    rating_set(user=reader, film=film, half_stars=4)
    caller = api.as_user(reader)
    response = caller.delete(f"/me/ratings/{film.slug}")
    assert response.status_code == 204 and response.content == b""
    assert not Rating.objects.exists()
    assert caller.delete(f"/me/ratings/{film.slug}").status_code == 404
