"""Films: listed, filtered, ordered, searched and read by anyone."""

import pytest

from marquee.catalog.models import Credit
from marquee.catalog.services import film_add_alternate_title, film_create, film_set_people
from tests.api.conftest import fields_of, problem_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def films(film):
    blade_runner = film_create(title="Blade Runner", year=1982, genres=["Science Fiction"])
    film_set_people(film=blade_runner, role=Credit.Role.DIRECTOR, names=["Ridley Scott"])
    amelie = film_create(
        title="Amélie", year=2001, original_title="Le Fabuleux Destin d'Amélie Poulain"
    )
    film_add_alternate_title(film=amelie, title="Die fabelhafte Welt der Amélie")
    return {"alien": film, "blade": blade_runner, "amelie": amelie}


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_anyone_lists_films_by_title_with_genres_and_directors(api, films):
    response = api.get("/films")
    assert titles(response) == ["Alien", "Amélie", "Blade Runner"]
    alien = response.json()["items"][0]
    assert alien["slug"] == "alien-1979" and alien["year"] == 1979
    assert [g["slug"] for g in alien["genres"]] == ["horror", "science-fiction"]
    assert [d["name"] for d in alien["directors"]] == ["Ridley Scott"]
    assert alien["url"].endswith("/films/alien-1979/")


def test_films_filter_by_year_genre_and_person(api, films):
    assert titles(api.get("/films", {"year": 1982})) == ["Blade Runner"]
    assert titles(api.get("/films", {"genre": "horror"})) == ["Alien"]
    assert titles(api.get("/films", {"person": "ridley-scott"})) == ["Alien", "Blade Runner"]
    assert titles(api.get("/films", {"person": "sigourney-weaver"})) == ["Alien"]


def test_films_search_every_title_a_film_goes_by(api, films):
    assert titles(api.get("/films", {"q": "blade"})) == ["Blade Runner"]
    assert titles(api.get("/films", {"q": "fabuleux"})) == ["Amélie"]
    assert titles(api.get("/films", {"q": "fabelhafte"})) == ["Amélie"]
    assert titles(api.get("/films", {"q": "\x00 \x07"})) == ["Alien", "Amélie", "Blade Runner"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("-title", ["Blade Runner", "Amélie", "Alien"]),
        ("year", ["Alien", "Blade Runner", "Amélie"]),
        ("-year", ["Amélie", "Blade Runner", "Alien"]),
    ],
)
def test_films_are_ordered_as_asked(api, films, ordering, expected):
    assert titles(api.get("/films", {"ordering": ordering})) == expected


def test_bad_filters_are_refused_field_by_field(api, films):
    response = api.get("/films", {"year": "soon", "ordering": "rating", "genre": "no spaces"})
    assert fields_of(response) == {"year", "ordering", "genre"}
    assert {e["location"] for e in problem_of(response)["errors"]} == {"query"}


def test_a_film_in_full(api, films):
    response = api.get("/films/alien-1979")
    assert response.status_code == 200
    film = response.json()
    assert film["title"] == "Alien" and film["imdb_id"] is None
    assert [c["person"]["name"] for c in film["cast"]] == [
        "Sigourney Weaver",
        "Tom Skerritt",
        "John Hurt",
    ]
    assert film["writers"] == []
    amelie = api.get("/films/" + films["amelie"].slug).json()
    assert set(amelie["alternate_titles"]) == {
        "Le Fabuleux Destin d'Amélie Poulain",
        "Die fabelhafte Welt der Amélie",
    }


def test_a_missing_film_is_a_404_problem(api, films):
    response = api.get("/films/no-such-film")
    assert response.status_code == 404
    assert problem_of(response)["code"] == "not_found"
    assert fields_of(api.get("/films/not a slug")) == {"slug"}
