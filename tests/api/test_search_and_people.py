"""People, and the one search box over films, people and published reviews."""

import pytest

from marquee.catalog.services import person_add_alias, person_get_or_create
from tests.api.conftest import fields_of

pytestmark = pytest.mark.django_db


def test_people_are_listed_searched_and_read_with_their_films(api, film):
    person_add_alias(person=person_get_or_create(name="Sigourney Weaver"), name="Susan Weaver")
    names = [p["name"] for p in api.get("/people").json()["items"]]
    assert names == ["John Hurt", "Ridley Scott", "Sigourney Weaver", "Tom Skerritt"]
    assert [p["name"] for p in api.get("/people", {"q": "susan"}).json()["items"]] == [
        "Sigourney Weaver"
    ]
    last_first = api.get("/people", {"ordering": "-name"}).json()["items"]
    assert last_first[0]["name"] == "Tom Skerritt"
    weaver = api.get("/people/sigourney-weaver").json()
    assert weaver["aliases"] == ["Susan Weaver"]
    assert [(c["film"]["slug"], c["role"]) for c in weaver["credits"]] == [("alien-1979", "cast")]
    assert api.get("/people/nobody").status_code == 404


@pytest.mark.parametrize("query", ["almodovar", "ALMODÓVAR", "Almodóvar", "pedro alm", "Pedro A."])
def test_people_are_found_whatever_the_case_and_accents(api, db, query):
    person_get_or_create(name="Pedro Almodóvar")
    person_add_alias(person=person_get_or_create(name="Ang Lee"), name="Lǐ Ān")
    found = [p["name"] for p in api.get("/people", {"q": query}).json()["items"]]
    assert found == ["Pedro Almodóvar"]
    assert [p["name"] for p in api.get("/people", {"q": "li an"}).json()["items"]] == ["Ang Lee"]


def test_search_finds_films_people_and_published_reviews(api, review, draft_review):
    results = api.get("/search", {"q": "alien"}).json()
    assert [f["slug"] for f in results["films"]] == ["alien-1979"]
    assert [r["slug"] for r in results["reviews"]] == [review.slug]  # never the draft
    assert results["people"] == []
    by_name = api.get("/search", {"q": "weaver"}).json()
    assert [p["slug"] for p in by_name["people"]] == ["sigourney-weaver"]
    by_tagline = api.get("/search", {"q": "hear you scream"}).json()
    assert [r["slug"] for r in by_tagline["reviews"]] == [review.slug]


def test_search_needs_words_and_a_sane_limit(api, film):
    assert fields_of(api.get("/search")) == {"q"}
    assert fields_of(api.get("/search", {"q": "a", "limit": 500})) == {"limit"}
    assert api.get("/search", {"q": "\x00"}).json() == {
        "query": "",
        "films": [],
        "people": [],
        "reviews": [],
    }
