"""Keyword search: whole words, the start of a word, misspellings, accents and other scripts."""

import pytest

from marquee.search.selectors import search

pytestmark = pytest.mark.django_db


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def test_a_title_finds_its_film_first(catalog):
    assert titles(search("the godfather", mode="keyword"))[0] == "The Godfather"


def test_the_start_of_the_last_word_is_enough(catalog):
    assert "The Godfather" in titles(search("godfa", mode="keyword"))


def test_a_misspelled_title_is_mended_from_the_catalog(catalog):
    results = search("Godfahter", mode="keyword")
    assert titles(results)[0] == "The Godfather"
    assert results.corrections == {"godfahter": ["godfather"]}


def test_a_misspelled_name_finds_the_person_and_their_films(catalog):
    found = search("steven spielburg", mode="keyword").hits
    assert ("person", "Steven Spielberg") in [(hit.kind, hit.title) for hit in found]
    assert "Jaws" in [hit.title for hit in found if hit.kind == "film"]


def test_a_correct_word_is_not_corrected(catalog):
    assert search("jaws", mode="keyword").corrections == {}


@pytest.mark.parametrize("title", ["Up", "Her", "up", "HER"])
def test_titles_that_are_common_words_come_first(catalog, title):
    assert titles(search(title))[0].lower() == title.lower()


def test_accents_do_not_matter(catalog):
    assert titles(search("Amélie", mode="keyword"))[0] == "Amelie"
    assert "Amelie" in titles(search("fabuleux destin d'amelie", mode="keyword"))


def test_an_original_title_in_another_script_finds_the_film(catalog):
    assert titles(search("千と千尋の神隠し"))[0] == "Spirited Away"


def test_words_of_a_synopsis_match(catalog):
    assert titles(search("bathhouse spirits", mode="keyword"))[0] == "Spirited Away"


def test_every_word_beats_some_of_the_words(catalog):
    found = titles(search("spirited bathhouse", mode="keyword"))
    assert found[0] == "Spirited Away" and "Pride & Prejudice" in found[1:]
