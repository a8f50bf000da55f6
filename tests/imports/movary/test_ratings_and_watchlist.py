"""Movary's ratings (dated deterministically) and watchlist (including the shifted rows)."""

from datetime import UTC, datetime

import pytest

from marquee.imports.movary import parse
from marquee.imports.records import FilmRef, RatingRecord, WatchlistRecord

from .exports import ALIEN, HISTORY, MOON, RATINGS, THING, WATCHLIST, csv, reasons, write_folder


def test_seven_is_exactly_three_and_a_half_stars(tmp_path):
    folder = write_folder(tmp_path, {"ratings.csv": csv(RATINGS, f"{ALIEN},7")})
    (record,) = parse(folder).records
    assert isinstance(record, RatingRecord)
    assert record.half_stars == 7 and record.half_stars / 2 == 3.5


def test_a_rating_is_dated_at_the_latest_viewing_or_else_1970(tmp_path):
    folder = write_folder(
        tmp_path,
        {
            "history.csv": csv(HISTORY, f"{ALIEN},2024-03-09,,", f"{ALIEN},2020-01-01,,"),
            "ratings.csv": csv(RATINGS, f"{ALIEN},8", f"{MOON},6"),
        },
    )
    alien, moon = [r for r in parse(folder).records if isinstance(r, RatingRecord)]
    assert alien.rated_at == datetime(2024, 3, 9, 12, tzinfo=UTC)
    assert moon.rated_at == datetime(1970, 1, 1, tzinfo=UTC)
    # The same export gives the same dates every time: nothing depends on the clock.
    assert [r.rated_at for r in parse(folder).records if isinstance(r, RatingRecord)] == [
        alien.rated_at,
        moon.rated_at,
    ]


@pytest.mark.parametrize("value", ["0", "11", "3.5", ""])
def test_ratings_outside_one_to_ten_are_skipped_naming_the_column(tmp_path, value):
    folder = write_folder(tmp_path, {"ratings.csv": csv(RATINGS, f"{ALIEN},{value}")})
    parsed = parse(folder)
    assert parsed.records == []
    ((file, line, reason),) = reasons(parsed)
    assert (file, line) == ("ratings.csv", 2)
    assert reason.startswith(f"userRating {value!r} is not")


def test_watchlist_rows_are_added_when_movary_says(tmp_path):
    text = csv(
        WATCHLIST,
        f"{THING},2024-01-02 10:11:12",
        f"{MOON},2999-01-01 00:00:00",
        f"{MOON},0001-01-01 00:00:00+05:00",
    )
    parsed = parse(write_folder(tmp_path, {"watchlist.csv": text}))
    (record,) = parsed.records
    assert record == WatchlistRecord(
        FilmRef("The Thing", 1982, "tt0084787", 1091),
        datetime(2024, 1, 2, 10, 11, 12, tzinfo=UTC),
        record.origin,
    )
    assert reasons(parsed) == [
        ("watchlist.csv", 3, "addedAt '2999-01-01 00:00:00' is in the future"),
        ("watchlist.csv", 4, "addedAt '0001-01-01 00:00:00+05:00' is too far in the past"),
    ]


def test_watchlist_rows_written_without_the_year_are_read_as_meant(tmp_path):
    # Some Movary versions wrote four values under the five-column header.
    text = csv(WATCHLIST, "Moon,17431,tt1182345,2024-01-02 10:11:12")
    (record,) = parse(write_folder(tmp_path, {"watchlist.csv": text})).records
    assert record.film == FilmRef("Moon", None, "tt1182345", 17431)
    assert record.added_at == datetime(2024, 1, 2, 10, 11, 12, tzinfo=UTC)


def test_column_names_match_in_any_case_and_order_with_extra_columns(tmp_path):
    text = "USERRATING,Position,TmdbId,Title,IMDBID,Year\n9,1,348,Alien,tt0078748,1979\n"
    (record,) = parse(write_folder(tmp_path, {"ratings.csv": text})).records
    assert (record.film, record.half_stars) == (FilmRef("Alien", 1979, "tt0078748", 348), 9)
