"""Bad input never errors: empty, huge, full of search syntax, other scripts, common words."""

import pytest

from marquee.catalog.services import film_create
from marquee.search import keyword
from marquee.search.selectors import EMPTY_QUERY, search

pytestmark = pytest.mark.django_db

SYNTAX = [
    '"',
    '"alien',
    "alien*",
    "*",
    "NEAR",
    "NEAR(jaws godfather)",
    "jaws NEAR/2 shark",
    "OR",
    "jaws OR",
    "AND AND",
    "jaws AND NOT shark",
    "-jaws",
    "- -",
    "(",
    "((jaws)",
    "title:jaws",
    ":",
    "^jaws",
    "^",
    "{title text}: jaws",
    "jaws'; DROP TABLE search_searchdocument; --",
    "'",
    "\\",
    "%",
    "jaws & | ! <-> :*",
    "a_b",
]
SCRIPTS = ["千と千尋", "Сталкер", "الفيلم", "ゴジラ", "🎬🍿", "Ωmega", "ﬁlm", "e\u0301"]


@pytest.mark.parametrize("query", SYNTAX)
def test_search_syntax_is_only_ever_words(reviewed, query):
    results = search(query)
    assert results.message in ("", EMPTY_QUERY) or results.message.startswith("Nothing found")


@pytest.mark.parametrize("query", ["jaws*", '"jaws"', "(jaws)", "^jaws", "-jaws", "title:jaws"])
def test_a_title_wrapped_in_syntax_is_still_found(reviewed, query):
    assert search(query, mode="keyword").hits[0].title == "Jaws"


@pytest.mark.parametrize("query", SYNTAX + SCRIPTS)
def test_the_page_answers_every_query(client, reviewed, query):
    assert client.get("/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize("query", SCRIPTS)
def test_other_scripts_search_without_error(reviewed, query):
    for mode in ("keyword", "meaning", "combined"):
        search(query, mode=mode)


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "!!!", "*", '""', "-", "()"])
def test_a_query_with_nothing_to_look_for_asks_for_words(client, reviewed, query):
    results = search(query)
    assert results.hits == [] and results.message == EMPTY_QUERY
    assert EMPTY_QUERY in client.get("/search/", {"q": query}).content.decode()


def test_no_query_at_all_shows_the_form(client, reviewed):
    page = client.get("/search/").content.decode()
    assert '<form method="get" action="/search/" role="search"' in page


def test_a_huge_query_is_cut_and_says_so(client, reviewed):
    huge = "shark " * 5_000
    results = search(huge)
    assert results.truncated and len(results.query) <= keyword.MAX_QUERY_CHARS
    assert results.hits[0].title == "Jaws"
    page = client.get("/search/", {"q": huge}).content.decode()
    assert f"Only the first {keyword.MAX_QUERY_CHARS} characters" in page


def test_many_words_are_capped(reviewed):
    parsed = keyword.parse(" ".join(f"w{n}" for n in range(50)))
    assert len(parsed.words) == keyword.MAX_WORDS and parsed.truncated


@pytest.mark.parametrize("title", ["Up", "Her", "It"])
def test_common_word_titles_find_the_film(db, committed, title):
    with committed():
        film = film_create(title=title, year=2015, synopsis="It is up to her to find it.")
        film_create(title="Other", year=2015, synopsis=f"{title} {title}, it is up to her.")
    assert search(title).hits[0].url == film.get_absolute_url()


def test_a_word_nobody_used_finds_nothing_and_says_so(reviewed):
    results = search("zzqxqzzy", mode="keyword")
    assert results.hits == [] and results.message == "Nothing found for “zzqxqzzy”."


def test_fts5_match_quotes_every_word():
    parsed = keyword.parse('NEAR(a "b") OR c* -d ^e f:g')
    expression = keyword.fts5_match(parsed, any_word=False)
    assert expression == (
        '("near") AND ("a") AND ("b") AND ("or") AND ("c") AND ("d") AND ("e") AND ("f") AND ("g")'
    )
