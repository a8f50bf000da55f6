"""Movary's history: one row per play, newest first; rewatches by date; notes from comments."""

from datetime import date

from marquee.imports.movary import parse
from marquee.imports.records import DiaryRecord, FilmRef, Origin, WatchedRecord

from .exports import ALIEN, HISTORY, THING, csv, reasons, write_folder


def history(tmp_path, *rows: str, header: str = HISTORY):
    return parse(write_folder(tmp_path / "movary", {"history.csv": csv(header, *rows)}))


def test_a_play_becomes_a_diary_entry_with_its_comment_as_the_note(tmp_path):
    (record,) = history(tmp_path, f"{ALIEN},2024-03-09,Still great.,Cinema").records
    assert record == DiaryRecord(
        film=FilmRef("Alien", 1979, "tt0078748", 348),
        watched_on=date(2024, 3, 9),
        origin=Origin("history.csv", 2),
        rewatch=False,
        note="Still great.",
        source_key="movary:tmdb-348:2024-03-09:1",
    )


def test_the_header_without_location_is_read_too(tmp_path):
    header = "title,year,tmdbId,imdbId,watchedAt,comment"
    (record,) = history(tmp_path, f"{ALIEN},2024-03-09,", header=header).records
    assert record.watched_on == date(2024, 3, 9)


def test_an_earlier_play_makes_a_later_one_a_rewatch_though_movary_lists_newest_first(tmp_path):
    records = history(
        tmp_path,
        f"{ALIEN},2024-03-09,,",
        f"{THING},2023-10-31,,",
        f"{ALIEN},2020-01-01,,",
    ).records
    assert [(r.film.title, r.watched_on.year, r.rewatch) for r in records] == [
        ("Alien", 2024, True),
        ("The Thing", 2023, False),
        ("Alien", 2020, False),
    ]


def test_two_plays_on_one_day_are_two_entries_the_second_a_rewatch(tmp_path):
    # Movary writes one identical row per play.
    first, second = history(tmp_path, f"{ALIEN},2024-03-09,,", f"{ALIEN},2024-03-09,,").records
    assert (first.rewatch, first.source_key) == (False, "movary:tmdb-348:2024-03-09:1")
    assert (second.rewatch, second.source_key) == (True, "movary:tmdb-348:2024-03-09:2")


def test_a_play_without_a_date_is_a_seen_mark_and_counts_as_the_first(tmp_path):
    dated, undated = history(tmp_path, f"{ALIEN},2024-03-09,,", f"{ALIEN},,,").records
    assert isinstance(undated, WatchedRecord) and undated.film.title == "Alien"
    assert dated.rewatch


def test_films_without_ids_have_no_source_key_and_match_by_title(tmp_path):
    (record,) = history(tmp_path, "Solaris,1972,,,2024-01-01,,").records
    assert record.film == FilmRef("Solaris", 1972)
    assert record.source_key == ""


def test_bad_values_are_skipped_naming_the_column(tmp_path):
    parsed = history(
        tmp_path,
        f"{ALIEN},2999-01-01,,",
        f"{ALIEN},09/03/2024,,",
        "Alien,1979,abc,tt0078748,2024-01-01,,",
        "Alien,1979,348,nope,2024-01-01,,",
        ",1979,348,tt0078748,2024-01-01,,",
        f"{THING},2024-01-01,,",
    )
    assert [record.film.title for record in parsed.records] == ["The Thing"]
    assert reasons(parsed) == [
        ("history.csv", 2, "watchedAt '2999-01-01' is in the future"),
        ("history.csv", 3, "watchedAt '09/03/2024' is not a date (expected YYYY-MM-DD)"),
        ("history.csv", 4, "tmdbId 'abc' is not a TMDB id"),
        ("history.csv", 5, "imdbId 'nope' is not an IMDb title id (tt...)"),
        ("history.csv", 6, "title is empty"),
    ]
