"""Trakt exports in either layout, with or without a leading folder, zipped or unpacked."""

import json

import pytest

from marquee.errors import InputError
from marquee.imports.records import DiaryRecord, RatingRecord, WatchlistRecord
from marquee.imports.trakt import parse

from .exports import THING, listed, make_zip, rating, watch


def kinds(parsed):
    return [type(record).__name__ for record in parsed.records]


def test_the_current_flat_layout(tmp_path):
    path = make_zip(
        tmp_path / "export.zip",
        {
            "watched-history.json": [watch(11, "2024-01-05T20:00:00.000Z")],
            "ratings-movies.json": [rating(8)],
            "lists-watchlist.json": [listed("2023-12-01T10:00:00.000Z", THING)],
            "ratings-shows.json": [{"type": "show"}],  # not about films: not even read
            "user-profile.json": {"username": "rita"},
        },
    )
    parsed = parse(path)
    assert kinds(parsed) == ["DiaryRecord", "RatingRecord", "WatchlistRecord"]
    assert parsed.skipped == []


def test_the_older_layout_in_folders_under_the_username(tmp_path):
    path = make_zip(
        tmp_path / "export.zip",
        {
            "rita/watched/history.json": [watch(11, "2024-01-05T20:00:00.000Z")],
            "rita/ratings/ratings-movies.json": [rating(8)],
            "rita/lists/watchlist.json": [listed("2023-12-01T10:00:00.000Z", THING)],
            "rita/watched/watched-movies.json": [{"plays": 1, "movie": THING}],
        },
    )
    parsed = parse(path)
    assert kinds(parsed) == ["DiaryRecord", "RatingRecord", "WatchlistRecord"]
    assert parsed.records[0].origin.file == "rita/watched/history.json"


def test_a_leading_folder_and_paged_history_files_are_all_read_in_page_order(tmp_path):
    path = make_zip(
        tmp_path / "export.zip",
        {
            "trakt-export/watched-history-2.json": [watch(2, "2020-01-01T20:00:00.000Z", THING)],
            "trakt-export/watched-history-10.json": [watch(3, "2019-01-01T20:00:00.000Z")],
            "trakt-export/watched-history-1.json": [watch(1, "2021-01-01T20:00:00.000Z")],
            "__MACOSX/trakt-export/._watched-history-1.json": "\x00\x05binary",
        },
    )
    files = [record.origin.file for record in parse(path).records]
    assert files == [
        "trakt-export/watched-history-1.json",
        "trakt-export/watched-history-2.json",
        "trakt-export/watched-history-10.json",
    ]


def test_an_unpacked_folder_is_read_like_the_zip(tmp_path):
    folder = tmp_path / "rita"
    (folder / "watched").mkdir(parents=True)
    (folder / "watched" / "watched-history.json").write_text(
        json.dumps([watch(11, "2024-01-05T20:00:00.000Z")])
    )
    (folder / "ratings-movies.json").write_text(json.dumps([rating(8)]))
    parsed = parse(folder)
    assert isinstance(parsed.records[0], DiaryRecord)
    assert parsed.records[0].origin.file == "watched/watched-history.json"
    assert isinstance(parsed.records[1], RatingRecord)


def test_a_watchlist_of_movies_and_shows_keeps_the_movies(tmp_path):
    path = make_zip(
        tmp_path / "export.zip",
        {
            "lists-watchlist.json": [
                listed("2023-12-01T10:00:00.000Z", kind="show"),
                listed("2023-12-02T10:00:00.000Z", THING),
            ]
        },
    )
    parsed = parse(path)
    (record,) = parsed.records
    assert isinstance(record, WatchlistRecord) and record.film.title == "The Thing"
    assert parsed.skipped[0].reason == "type 'show' is not a film"


def test_a_zip_without_trakt_files_says_what_it_looked_for(tmp_path):
    path = make_zip(tmp_path / "export.zip", {"diary.csv": "Date,Name\n"})
    with pytest.raises(InputError, match=r"export.zip: file: has no watched-history.json"):
        parse(path)


def test_something_that_is_not_a_zip_or_folder_says_so(tmp_path):
    (tmp_path / "export.zip").write_text("[]")
    with pytest.raises(InputError, match="is not a ZIP archive"):
        parse(tmp_path / "export.zip")
    with pytest.raises(InputError, match="does not exist"):
        parse(tmp_path / "missing.zip")
