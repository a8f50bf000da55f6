"""``marquee import imdb`` end to end: counts, idempotent re-import, --strict, unmatched films."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.catalog.services import film_create
from marquee.readers.models import FilmList, Rating, WatchlistEntry

from .rows import LIST_HEADER, RATINGS_HEADER, export, write

pytestmark = pytest.mark.django_db

THING = {"Const": "tt0084787", "Title": "The Thing", "Original Title": "The Thing", "Year": 1982}
SERIES = {"Const": "tt0903747", "Title": "Breaking Bad", "Title Type": "TV Series"}


@pytest.fixture
def catalog(db):
    return {
        "alien": film_create(title="Alien", year=1979, imdb_id="tt0078748"),
        # No IMDb id in the catalog: matched by title and year instead.
        "thing": film_create(title="The Thing", year=1982, tmdb_id=1091),
    }


def run(path, reader, *flags) -> dict:
    out = StringIO()
    call_command(
        "import", "imdb", str(path), "--user", reader.username, "--json", *flags, stdout=out
    )
    return json.loads(out.getvalue())


def test_ratings_are_created_then_unchanged_on_reimport(tmp_path, reader, catalog):
    path = write(
        tmp_path, export(RATINGS_HEADER, {"Your Rating": 7}, {**THING, "Your Rating": 10}, SERIES)
    )
    report = run(path, reader)
    assert (report["created"], report["updated"], report["unchanged"]) == (2, 0, 0)
    assert report["skipped"] == [
        {"file": "ratings.csv", "line": 4, "reason": "Title Type 'TV Series' is not a film"}
    ]
    stars = {r.film.title: r.half_stars / 2 for r in Rating.objects.filter(user=reader)}
    assert stars == {"Alien": 3.5, "The Thing": 5.0}

    again = run(path, reader)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert again["summary"].startswith("Nothing changed")


def test_a_watchlist_and_a_list_are_created_then_unchanged(tmp_path, reader, catalog):
    watchlist = write(tmp_path, export(LIST_HEADER, THING), name="WATCHLIST.csv")
    favourites = write(
        tmp_path, export(LIST_HEADER, {**THING, "Position": 2}, {}), name="Faves.csv"
    )
    assert run(watchlist, reader)["created"] == 1
    assert run(favourites, reader)["created"] == 1
    assert WatchlistEntry.objects.get(user=reader).film == catalog["thing"]
    faves = FilmList.objects.get(user=reader, name="Faves")
    assert [item.film.title for item in faves.items.all()] == ["Alien", "The Thing"]
    assert run(watchlist, reader)["unchanged"] == 1
    assert run(favourites, reader)["unchanged"] == 1


def test_strict_stops_at_the_first_bad_row_and_writes_nothing(tmp_path, reader, catalog):
    path = write(tmp_path, export(RATINGS_HEADER, {"Your Rating": 7}, {**THING, "Your Rating": 0}))
    with pytest.raises(CommandError, match=r"ratings.csv:3: row: Your Rating '0' is not a rating"):
        run(path, reader, "--strict")
    assert not Rating.objects.exists()


def test_films_not_in_the_catalog_are_reported_or_created(tmp_path, reader, catalog):
    moon = {"Const": "tt1182345", "Title": "Moon", "Original Title": "Moon", "Year": 2009}
    path = write(tmp_path, export(RATINGS_HEADER, moon))
    report = run(path, reader)
    assert report["unmatched"] == [
        {"file": "ratings.csv", "line": 2, "title": "Moon", "year": 2009, "imdb_id": "tt1182345"}
    ]
    assert run(path, reader, "--create-missing")["films_created"] == 1


def test_a_broken_file_is_a_command_error_naming_file_and_line(tmp_path, reader, catalog):
    path = write(tmp_path, "Const,Your Rating\ntt0078748,7\n")
    with pytest.raises(CommandError, match=r"ratings.csv:1: header: missing column"):
        run(path, reader)
