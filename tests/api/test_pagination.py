"""Every list pages the same way: page and page_size in, count/next/previous/items out."""

import pytest

from marquee.catalog.services import film_create
from tests.api.conftest import fields_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_films(db):
    return [film_create(title=f"Film {n:02}", year=2000 + n) for n in range(25)]


def test_pages_link_to_their_neighbours(api, many_films):
    first = api.get("/films", {"page_size": 10, "q": "film"}).json()
    assert first["count"] == 25 and first["page"] == 1 and first["page_size"] == 10
    assert [f["title"] for f in first["items"]][:2] == ["Film 00", "Film 01"]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/films?page=2&page_size=10&q=film"
    last = api.get("/films", {"page_size": 10, "q": "film", "page": 3}).json()
    assert len(last["items"]) == 5 and last["next"] is None
    assert last["previous"].endswith("page=2&page_size=10&q=film")


def test_a_page_past_the_end_is_empty_and_points_back(api, many_films):
    beyond = api.get("/films", {"page": 9, "page_size": 10}).json()
    assert beyond["items"] == [] and beyond["count"] == 25 and beyond["next"] is None
    assert "page=3" in beyond["previous"]


def test_the_default_page_is_twenty(api, many_films):
    assert len(api.get("/films").json()["items"]) == 20


@pytest.mark.parametrize("params", [{"page": 0}, {"page_size": 101}, {"page_size": 0}])
def test_page_parameters_are_bounded(api, params):
    assert fields_of(api.get("/films", params)) == set(params)
