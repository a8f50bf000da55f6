"""One film title search behind the site's film list and the API: every title a film goes by."""

import pytest

from marquee.catalog.models import Film
from marquee.catalog.selectors import films_matching, search_text
from marquee.catalog.services import film_add_alternate_title, film_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def amelie():
    amelie = film_create(
        title="Amélie", year=2001, original_title="Le Fabuleux Destin d'Amélie Poulain"
    )
    film_add_alternate_title(film=amelie, title="Die fabelhafte Welt der Amélie")
    film_add_alternate_title(film=amelie, title="Il favoloso mondo di Amélie")
    return amelie


def matching(query: str) -> list[str]:
    return [film.title for film in films_matching(Film.objects.order_by("title"), query)]


def test_a_film_is_found_by_its_title_original_title_or_another_title(film, amelie):
    assert matching("ALI") == ["Alien"]
    assert matching("fabuleux") == ["Amélie"]
    assert matching("fabelhafte") == ["Amélie"]
    assert matching("zzz") == []


def test_a_film_known_by_several_matching_titles_comes_once(film, amelie):
    assert matching("amélie") == ["Amélie"]


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  ali  ", "ali"),
        ("\u200bali\x00", "ali"),
        ("blade\u00a0runner", "blade runner"),
        ("\x00 \x07", ""),
        (None, ""),
        ("x" * 300, "x" * 200),
    ],
)
def test_what_a_visitor_typed_is_cleaned_before_it_is_compared(typed, kept):
    assert search_text(typed) == kept


def page_lists(client, query: str, film: Film) -> bool:
    response = client.get("/films/", {"q": query})
    assert response.status_code == 200
    return film.get_absolute_url() in response.content.decode()


def test_the_film_list_page_searches_alternate_titles_like_the_api(client, film, amelie):
    assert page_lists(client, "fabelhafte", amelie)
    assert not page_lists(client, "fabelhafte", film)


def test_the_film_list_page_ignores_invisible_and_control_characters(client, film, amelie):
    # A NUL reached PostgreSQL before, which refuses it in a query: the page failed.
    assert page_lists(client, "\u200bali\x00", film)
    assert not page_lists(client, "\u200bali\x00", amelie)
    assert page_lists(client, "\x00", amelie) and page_lists(client, "\x00", film)


def test_the_api_and_the_page_find_the_same_films(client, film, amelie):
    for query in ("ali", "fabuleux", "favoloso", "zzz"):
        api = client.get("/api/v1/films", {"q": query}).json()["items"]
        found = {item["title"] for item in api}
        assert page_lists(client, query, amelie) == ("Amélie" in found)
        assert page_lists(client, query, film) == ("Alien" in found)
