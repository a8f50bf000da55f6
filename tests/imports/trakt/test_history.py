"""Trakt history: diary entries keyed by history id, rewatches by date, films only."""

from datetime import date

from marquee.imports.records import DiaryRecord, FilmRef, Origin, WatchedRecord
from marquee.imports.trakt import parse

from .exports import ALIEN, THING, episode_watch, make_zip, reasons, watch


def history(tmp_path, entries):
    return parse(make_zip(tmp_path / "export.zip", {"watched-history.json": entries}))


def test_a_viewing_becomes_a_diary_entry_keyed_by_its_history_id(tmp_path):
    (record,) = history(tmp_path, [watch(9876, "2024-01-05T20:00:00.000Z")]).records
    assert record == DiaryRecord(
        film=FilmRef("Alien", 1979, "tt0078748", 348),
        watched_on=date(2024, 1, 5),
        origin=Origin("watched-history.json", 1),
        rewatch=False,
        source_key="trakt:history:9876",
    )


def test_scrobbles_and_checkins_are_viewings_too(tmp_path):
    entries = [
        watch(1, "2024-01-05T20:00:00.000Z", action="scrobble"),
        watch(2, "2024-01-06T20:00:00.000Z", THING, action="checkin"),
    ]
    assert len(history(tmp_path, entries).records) == 2


def test_a_film_seen_earlier_is_a_rewatch_though_trakt_lists_newest_first(tmp_path):
    entries = [
        watch(30, "2024-06-01T20:00:00.000Z"),
        watch(20, "2023-01-01T20:00:00.000Z", THING),
        watch(10, "2022-01-01T20:00:00.000Z"),
    ]
    records = history(tmp_path, entries).records
    assert [(r.film.title, r.watched_on.year, r.rewatch) for r in records] == [
        ("Alien", 2024, True),
        ("The Thing", 2023, False),
        ("Alien", 2022, False),
    ]


def test_rewatches_are_found_across_history_pages(tmp_path):
    path = make_zip(
        tmp_path / "export.zip",
        {
            "watched-history-1.json": [watch(2, "2024-01-01T20:00:00.000Z")],
            "watched-history-2.json": [watch(1, "2020-01-01T20:00:00.000Z")],
        },
    )
    assert [record.rewatch for record in parse(path).records] == [True, False]


def test_an_unknown_watch_date_is_a_seen_mark_not_a_1970_diary_entry(tmp_path):
    entries = [watch(2, "2024-01-01T20:00:00.000Z"), watch(1, "1970-01-01T00:00:00.000Z")]
    dated, undated = history(tmp_path, entries).records
    assert isinstance(undated, WatchedRecord) and undated.film.title == "Alien"
    assert dated.rewatch  # seen before, on a day nobody knows


def test_episodes_and_broken_entries_are_skipped_with_their_entry_number(tmp_path):
    entries = [
        episode_watch(1, "2024-01-01T20:00:00.000Z"),
        {"id": 2, "watched_at": "2024-01-01T20:00:00.000Z", "type": "movie"},
        {"id": 3, "watched_at": "2024-01-01T20:00:00.000Z", "type": "movie", "movie": {"year": 1}},
        watch(4, "2999-01-01T20:00:00.000Z"),
        watch(5, "last Tuesday at 8pm"),
        {"id": 6, "type": "movie", "movie": ALIEN},
        watch(7, "2024-01-01T20:00:00.000Z", {**ALIEN, "ids": {"imdb": "nm0000001"}}),
        watch(8, "2024-01-01T20:00:00.000Z", {**ALIEN, "year": "nineteen"}),
        "not an object",
        watch(10, "2024-01-02T20:00:00.000Z"),
    ]
    parsed = history(tmp_path, entries)
    assert [record.origin.line for record in parsed.records] == [10]
    file = "watched-history.json"
    assert reasons(parsed) == [
        (file, 1, "type 'episode' is not a film"),
        (file, 2, "movie or its title is missing"),
        (file, 3, "movie or its title is missing"),
        (file, 4, "watched_at '2999-01-01T20:00:00.000Z' is in the future"),
        (file, 5, "watched_at 'last Tuesday at 8pm' is not a date and time"),
        (file, 6, "watched_at is missing"),
        (file, 7, "movie imdb id 'nm0000001' is not an IMDb title id (tt...)"),
        (file, 8, "movie year 'nineteen' is not a whole number"),
        (file, 9, "entry is not a JSON object"),
    ]


def test_an_entry_without_a_history_id_has_no_source_key(tmp_path):
    entry = watch(1, "2024-01-01T20:00:00.000Z")
    del entry["id"]
    (record,) = history(tmp_path, [entry]).records
    assert record.source_key == ""


def test_a_time_in_year_one_is_skipped_rather_than_overflowing(tmp_path):
    parsed = history(tmp_path, [watch(1, "0001-01-01T00:00:00+05:00")])
    assert reasons(parsed) == [
        ("watched-history.json", 1, "watched_at '0001-01-01T00:00:00+05:00' is too far in the past")
    ]
