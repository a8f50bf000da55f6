"""IMDb's watchlist and list exports: told apart by name, kept in order, ratings kept too."""

import zipfile
from datetime import UTC, datetime

import pytest

from marquee.errors import InputError
from marquee.imports.imdb import parse
from marquee.imports.records import ListRecord, RatingRecord, WatchlistRecord

from .rows import LIST_HEADER, RATINGS_HEADER, export, reasons, write

THING = {"Const": "tt0084787", "Title": "The Thing", "Original Title": "The Thing", "Year": 1982}


def test_a_file_named_watchlist_becomes_watchlist_entries_added_when_created(tmp_path):
    text = export(LIST_HEADER, {"Created": "2023-05-01"}, {**THING, "Position": 2})
    parsed = parse(write(tmp_path, text, name="WATCHLIST.csv"))
    assert all(isinstance(record, WatchlistRecord) for record in parsed.records)
    alien, thing = parsed.records
    assert alien.added_at == datetime(2023, 5, 1, 12, tzinfo=UTC)
    assert (thing.film.title, thing.film.imdb_id) == ("The Thing", "tt0084787")


def test_any_other_list_becomes_a_list_named_after_the_file_in_position_order(tmp_path):
    text = export(
        LIST_HEADER,
        {**THING, "Position": 3, "Description": "Cold."},
        {"Position": 1},
        {"Const": "tt0090605", "Title": "Aliens", "Year": 1986, "Position": 2},
    )
    (favourites,) = parse(write(tmp_path, text, name="Favourites.csv")).records
    assert isinstance(favourites, ListRecord) and favourites.name == "Favourites"
    assert [(i.position, i.film.title, i.note, i.origin.line) for i in favourites.items] == [
        (1, "Alien", "", 3),
        (2, "Aliens", "", 4),
        (3, "The Thing", "Cold.", 2),
    ]


def test_repeated_positions_keep_file_order_and_never_clash(tmp_path):
    text = export(LIST_HEADER, {"Position": 1}, {**THING, "Position": 1})
    (favourites,) = parse(write(tmp_path, text, name="mine.csv")).records
    assert [(i.position, i.film.title) for i in favourites.items] == [
        (1, "Alien"),
        (2, "The Thing"),
    ]


def test_series_and_bad_positions_are_left_off_the_list_with_a_reason(tmp_path):
    text = export(
        LIST_HEADER,
        {"Position": 1},
        {"Position": 2, "Title Type": "TV Mini Series", "Title": "Chernobyl"},
        {**THING, "Position": "second"},
    )
    parsed = parse(write(tmp_path, text, name="mine.csv"))
    assert [item.film.title for item in parsed.records[0].items] == ["Alien"]
    assert reasons(parsed) == [
        (3, "Title Type 'TV Mini Series' is not a film"),
        (4, "Position 'second' is not a whole number from 1"),
    ]


def test_rated_rows_of_a_list_also_give_ratings_and_a_bad_rating_costs_only_the_rating(tmp_path):
    header = f"{LIST_HEADER},Your Rating,Date Rated"
    text = export(
        header,
        {"Your Rating": 8, "Date Rated": "2024-02-02"},
        {**THING, "Position": 2, "Your Rating": 12},
        {"Const": "tt0090605", "Title": "Aliens", "Position": 3, "Your Rating": ""},
    )
    parsed = parse(write(tmp_path, text, name="mine.csv"))
    ratings = [r for r in parsed.records if isinstance(r, RatingRecord)]
    (mine,) = [r for r in parsed.records if isinstance(r, ListRecord)]
    assert [(r.film.title, r.half_stars) for r in ratings] == [("Alien", 8)]
    assert [item.film.title for item in mine.items] == ["Alien", "The Thing", "Aliens"]
    assert reasons(parsed) == [(3, "Your Rating '12' is not a rating from 1 to 10")]


def test_a_list_missing_a_column_names_the_file_and_line(tmp_path):
    text = "Position,Const,Title\n1,tt0078748,Alien\n"
    with pytest.raises(InputError, match=r"WATCHLIST.csv:1: header: missing column\(s\) Created"):
        parse(write(tmp_path, text, name="WATCHLIST.csv"))


def test_a_zip_of_exports_is_read_file_by_file(tmp_path):
    path = tmp_path / "imdb.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("exports/WATCHLIST.csv", export(LIST_HEADER, THING))
        archive.writestr("exports/ratings.csv", export(RATINGS_HEADER, {"Your Rating": 9}))
        archive.writestr("exports/readme.txt", "not a csv")
    parsed = parse(path)
    watchlist, rating = parsed.records
    assert isinstance(watchlist, WatchlistRecord) and watchlist.film.title == "The Thing"
    assert watchlist.origin.file == "exports/WATCHLIST.csv"
    assert isinstance(rating, RatingRecord) and rating.origin.file == "exports/ratings.csv"


def test_a_zip_without_any_csv_says_so(tmp_path):
    path = tmp_path / "imdb.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="imdb.zip: file: holds no CSV file"):
        parse(path)
