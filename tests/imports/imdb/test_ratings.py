"""IMDb's ratings export: both header versions, exact half stars, films only, bad rows named."""

from datetime import UTC, datetime

import pytest

from marquee.errors import InputError
from marquee.imports.imdb import parse
from marquee.imports.records import FilmRef, Origin, RatingRecord

from .rows import OLD_RATINGS_HEADER, RATINGS_HEADER, export, reasons, write

AMELIE = {
    "Const": "tt0211915",
    "Your Rating": 8,
    "Date Rated": "2024-03-09",
    "Title": "Amélie",
    "Original Title": "Le fabuleux destin d'Amélie Poulain",
    "Year": 2001,
}


def test_the_current_header_gives_ratings_with_ids_and_original_titles(tmp_path):
    parsed = parse(write(tmp_path, export(RATINGS_HEADER, AMELIE, {"Title Type": "movie"})))
    assert parsed.skipped == []
    assert parsed.records[0] == RatingRecord(
        FilmRef("Amélie", 2001, "tt0211915", None, "Le fabuleux destin d'Amélie Poulain"),
        8,
        datetime(2024, 3, 9, 12, tzinfo=UTC),
        Origin("ratings.csv", 2),
    )
    # An original title equal to the title adds nothing, so it is left out.
    assert parsed.records[1].film == FilmRef("Alien", 1979, "tt0078748")


def test_the_older_header_without_original_title_is_read(tmp_path):
    (record,) = parse(write(tmp_path, export(OLD_RATINGS_HEADER, AMELIE))).records
    assert record.film == FilmRef("Amélie", 2001, "tt0211915")
    assert record.half_stars == 8


def test_columns_in_another_order_are_read(tmp_path):
    text = (
        "Title,Year,Title Type,Date Rated,Your Rating,Const\n"
        "The Thing,1982,movie,2020-10-31,9,tt0084787\n"
    )
    (record,) = parse(write(tmp_path, text)).records
    assert (record.film, record.half_stars) == (FilmRef("The Thing", 1982, "tt0084787"), 9)


def test_seven_out_of_ten_is_exactly_three_and_a_half_stars(tmp_path):
    (record,) = parse(write(tmp_path, export(RATINGS_HEADER, {"Your Rating": 7}))).records
    assert record.half_stars == 7 and record.half_stars / 2 == 3.5


@pytest.mark.parametrize("rating", ["0", "11", "7.5", ""])
def test_ratings_outside_one_to_ten_are_skipped_naming_the_field(tmp_path, rating):
    parsed = parse(write(tmp_path, export(RATINGS_HEADER, {"Your Rating": rating})))
    assert parsed.records == []
    ((line, reason),) = reasons(parsed)
    assert line == 2 and reason.startswith(f"Your Rating {rating!r} is not")


def test_future_and_unreadable_dates_are_skipped(tmp_path):
    text = export(
        RATINGS_HEADER,
        {"Date Rated": "2999-01-01"},
        {"Date Rated": "31/10/2020"},
        {"Date Rated": "0001-01-01T00:00:00+05:00"},
    )
    assert reasons(parse(write(tmp_path, text))) == [
        (2, "Date Rated '2999-01-01' is in the future"),
        (3, "Date Rated '31/10/2020' is not a date (expected YYYY-MM-DD)"),
        (4, "Date Rated '0001-01-01T00:00:00+05:00' is too far in the past"),
    ]


def test_series_episodes_and_games_are_skipped_but_tv_movies_and_videos_kept(tmp_path):
    kinds = ["TV Series", "tvEpisode", "Video Game", "Serie TV", "TV Movie", "video", "Movie"]
    text = export(RATINGS_HEADER, *({"Title Type": kind, "Title": kind} for kind in kinds))
    parsed = parse(write(tmp_path, text))
    assert [record.film.title for record in parsed.records] == ["TV Movie", "video", "Movie"]
    assert reasons(parsed) == [
        (2, "Title Type 'TV Series' is not a film"),
        (3, "Title Type 'tvEpisode' is not a film"),
        (4, "Title Type 'Video Game' is not a film"),
        (5, "Title Type 'Serie TV' is not a film"),
    ]


def test_bad_ids_years_and_empty_titles_are_skipped_naming_the_field(tmp_path):
    text = export(RATINGS_HEADER, {"Const": "nm0000123"}, {"Year": "19x9"}, {"Title": ""})
    assert reasons(parse(write(tmp_path, text))) == [
        (2, "Const 'nm0000123' is not an IMDb title id (tt...)"),
        (3, "Year '19x9' is not a year"),
        (4, "Title is empty"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_utf8_with_or_without_bom_and_windows_1252_all_read(tmp_path, encoding):
    text = export(RATINGS_HEADER, AMELIE)
    (record,) = parse(write(tmp_path, text, encoding=encoding)).records
    assert record.film.title == "Amélie"


def test_bytes_no_encoding_can_read_are_an_error_at_their_line(tmp_path):
    # 0x81 is undefined in Windows-1252 as well as invalid UTF-8.
    path = tmp_path / "ratings.csv"
    path.write_bytes(export(RATINGS_HEADER).encode() + b"tt0078748,7,\x81\n")
    with pytest.raises(InputError, match=r"ratings.csv:2: encoding: byte 0x81"):
        parse(path)


def test_missing_columns_are_an_error_naming_the_file_and_line(tmp_path):
    path = write(tmp_path, "Const,Your Rating,Title\ntt0078748,7,Alien\n")
    with pytest.raises(InputError, match=r"ratings.csv:1: header: missing column\(s\) Date Rated"):
        parse(path)


def test_a_csv_that_is_not_an_imdb_export_says_what_was_expected(tmp_path):
    path = write(tmp_path, "Date,Name,Year,Letterboxd URI\n2024-01-01,Alien,1979,x\n")
    with pytest.raises(InputError, match=r"ratings.csv:1: header: is neither IMDb's ratings"):
        parse(path)


@pytest.mark.parametrize("text", ["", "\n\n"])
def test_an_empty_file_is_an_error(tmp_path, text):
    with pytest.raises(InputError, match="ratings.csv: file: is empty"):
        parse(write(tmp_path, text))


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        parse(tmp_path / "nope.csv")
