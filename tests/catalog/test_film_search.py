"""One film title search behind the site's film list and the API: every title a film goes by."""

import pytest

from marquee.api.services import token_create
from marquee.catalog.models import Film
from marquee.catalog.selectors import films_matching, search_text
from marquee.catalog.services import film_add_alternate_title, film_create
from marquee.readers.services import watchlist_toggle

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


@pytest.mark.parametrize("typed", ["amelie", "AMÉLIE", "Amelie", "AMELIE", "amÉlie", "méli"])
def test_accents_and_case_do_not_matter(film, amelie, typed):
    # SQLite's LIKE folds ASCII letters only, PostgreSQL's UPPER() no accents: the stored match
    # keys do it on every database.
    assert matching(typed) == ["Amélie"]


def test_a_film_is_found_by_an_alternate_title_typed_without_accents(film):
    professional = film_create(title="The Professional", year=1994)
    film_add_alternate_title(film=professional, title="Léon")
    assert matching("LEON") == ["The Professional"]
    assert matching("leon") == ["The Professional"]


def test_typed_titles_that_start_with_an_article_still_match_their_keys(film, amelie):
    # Keys drop a leading article ("fabelhafte welt der amelie"), the typed text keeps it.
    matrix = film_create(title="Matrix, The", year=1999)
    film_create(title="Something Wild", year=1986)
    film_create(title="8½", year=1963)
    assert matching("Die fabelhafte Welt der Amelie") == ["Amélie"]
    assert matching("le fabuleux destin d'amelie") == ["Amélie"]
    assert matching("The Matrix") == [matrix.title]
    assert matching("the matr") == [matrix.title]
    assert matching("The Thing") == []
    assert matching("8 1/2") == ["8½"]


def test_punctuation_alone_only_finds_titles_with_that_punctuation(film, amelie):
    film_create(title="What?", year=1972)
    assert matching("?") == ["What?"]
    assert matching("'") == ["Amélie"]  # "d'Amélie", as before


def api_headers(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_create(user=user, name='search').secret}"}


def test_the_api_watchlist_search_matches_like_the_film_search(client, reader, film, amelie):
    watchlist_toggle(user=reader, film=film)
    watchlist_toggle(user=reader, film=amelie)

    def titles(query: str) -> list[str]:
        response = client.get("/api/v1/me/watchlist", {"q": query}, headers=api_headers(reader))
        assert response.status_code == 200, response.content
        return [entry["film"]["title"] for entry in response.json()["items"]]

    assert titles("AMELIE") == ["Amélie"]
    assert titles("favoloso") == ["Amélie"]
    assert titles("ali") == ["Alien"]
    assert titles("zzz") == []


def test_the_api_review_search_matches_like_the_film_search(client, review, amelie):
    film_add_alternate_title(film=review.film, title="Alien, le huitième passager")

    def slugs(query: str) -> list[str]:
        response = client.get("/api/v1/reviews", {"q": query})
        assert response.status_code == 200, response.content
        return [item["slug"] for item in response.json()["items"]]

    assert slugs("HUITIEME PASSAGER") == [review.slug]
    assert slugs("alien") == [review.slug]
    assert slugs("no one can hear") == [review.slug]  # the tagline, as before
    assert slugs("amelie") == []
