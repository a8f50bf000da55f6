"""Filters: verdict, year range, genre, director, and seen or not for a signed-in reader."""

from datetime import date

import pytest

from marquee.catalog.models import Genre
from marquee.readers.models import DiaryEntry
from marquee.search import selectors
from marquee.search.selectors import SearchFilters, search

pytestmark = pytest.mark.django_db
ROMANCES = {"film:Her", "film:Pride & Prejudice", "film:Amelie"}


def found(query: str, mode: str = "keyword", **kwargs) -> set[str]:
    hits = search(query, limit=100, mode=mode, **kwargs).hits
    return {f"{hit.kind}:{hit.title}" for hit in hits}


def test_without_filters_every_match_is_there(reviewed):
    assert found("romance") == ROMANCES


def test_years_narrow_to_films_in_the_range(reviewed):
    assert found("romance", filters=SearchFilters(year_from=2005, year_to=2010)) == {
        "film:Pride & Prejudice"
    }
    assert found("romance", filters=SearchFilters(year_from=2006)) == {"film:Her"}


def test_genre_narrows_by_slug(reviewed):
    assert found("drama", filters=SearchFilters(genre="romance")) == {"film:Pride & Prejudice"}


def test_director_narrows_by_part_of_the_name(reviewed):
    assert found("drama", filters=SearchFilters(director="coppola")) == {"film:The Godfather"}
    assert found("shark", filters=SearchFilters(director="Spielb")) == {"film:Jaws", "review:Jaws"}


def test_verdict_keeps_reviews_with_it_and_the_films_they_review(reviewed):
    assert found("shark", filters=SearchFilters(verdict="essential")) == {
        "film:Jaws",
        "review:Jaws",
    }
    assert found("shark", filters=SearchFilters(verdict="skip-it")) == set()


def test_filters_narrow_meaning_search_too(reviewed):
    query = "a shark attacks swimmers at a seaside town"
    assert "film:Jaws" in found(query, mode="meaning", filters=SearchFilters(year_to=1980))
    later = found(query, mode="meaning", filters=SearchFilters(year_from=2000))
    assert not later & {"film:Jaws", "review:Jaws", "film:The Godfather"}


def test_people_are_left_out_when_films_are_filtered(reviewed):
    assert "person:Steven Spielberg" in found("spielberg")
    assert "person:Steven Spielberg" not in found("spielberg", filters=SearchFilters(year_to=2000))


def test_seen_and_not_seen_for_a_signed_in_reader(reviewed, reader):
    DiaryEntry.objects.create(user=reader, film=reviewed["Her"], watched_on=date(2024, 1, 1))
    seen = found("romance", filters=SearchFilters(watched="watched"), reader=reader)
    unseen = found("romance", filters=SearchFilters(watched="unwatched"), reader=reader)
    assert seen == {"film:Her"}
    assert unseen == ROMANCES - {"film:Her"}


def test_seen_or_not_means_nothing_without_a_reader(reviewed):
    assert found("romance", filters=SearchFilters(watched="watched")) == ROMANCES


def test_the_page_offers_seen_or_not_only_to_signed_in_readers(client, reviewed, reader):
    assert 'name="watched"' not in client.get("/search/?q=romance").content.decode()
    client.force_login(reader)
    DiaryEntry.objects.create(user=reader, film=reviewed["Her"], watched_on=date(2024, 1, 1))
    page = client.get("/search/?q=romance&watched=unwatched").content.decode()
    assert 'name="watched"' in page
    assert "/films/her-2013/" not in page and "/films/amelie-2001/" in page


def test_an_invalid_filter_is_shown_and_ignored(client, reviewed):
    response = client.get("/search/?q=shark&year_from=soon&genre=nope")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a whole number." in page and "/films/jaws-1975/" in page


def test_a_filter_follows_the_catalog_as_it_changes(reviewed, committed):
    romance = SearchFilters(genre="romance")
    assert found("drama", filters=romance) == {"film:Pride & Prejudice"}
    with committed():
        reviewed["The Godfather"].genres.add(Genre.objects.get(slug="romance"))
    assert found("drama", filters=romance) == {"film:Pride & Prejudice", "film:The Godfather"}


def test_a_filter_narrower_than_the_hits_read_is_left_to_the_database(reviewed, monkeypatch):
    years = SearchFilters(year_from=2005)
    expected = found("romance", filters=years)
    # Reading one hit at a time, a common word always fills the read: the database narrows.
    monkeypatch.setattr(selectors, "KEYWORD_READ", 1)
    assert found("romance", filters=years) == expected == {"film:Pride & Prejudice", "film:Her"}


def test_what_one_reader_has_seen_never_narrows_another_readers_search(
    reviewed, reader, other_reader
):
    DiaryEntry.objects.create(user=reader, film=reviewed["Her"], watched_on=date(2024, 1, 1))
    DiaryEntry.objects.create(
        user=other_reader, film=reviewed["Amelie"], watched_on=date(2024, 1, 1)
    )
    unseen = SearchFilters(watched="unwatched")
    assert found("romance", filters=unseen, reader=reader) == ROMANCES - {"film:Her"}
    assert found("romance", filters=unseen, reader=other_reader) == ROMANCES - {"film:Amelie"}
    assert found("romance", filters=SearchFilters(watched="watched"), reader=reader) == {"film:Her"}
