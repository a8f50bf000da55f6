"""Broken exports: a bad file stops the import naming file and line; a bad row is skipped."""

import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from marquee.errors import InputError
from marquee.imports.letterboxd import parse

from .conftest import DIARY_COLUMNS, csv_text, diary_row, film_row, rating_row, write_zip


def test_a_missing_column_names_the_file_and_header_line(export_zip):
    text = csv_text([rating_row("Alien", "1979", "4")]).replace(",Rating", ",Stars")
    with pytest.raises(InputError, match=r"^ratings.csv:1: header: missing column\(s\) Rating"):
        parse(export_zip({"ratings.csv": text}))


def test_bad_values_are_skipped_with_file_line_and_the_field_in_the_reason(export_zip):
    rows = [
        rating_row("Alien", "1979", "4"),
        rating_row("Alien", "1979", "7"),
        rating_row("Alien", "1979", "0"),
        rating_row("Alien", "1979", "3.25"),
        rating_row("Alien", "1979", "four"),
        rating_row("Alien", "1979", "4", date="05/01/2024"),
        rating_row("", "1979", "4"),
        rating_row("Alien", "79", "4"),
    ]
    parsed = parse(export_zip({"ratings.csv": csv_text(rows)}))
    assert len(parsed.records) == 1
    assert [(row.file, row.line, row.reason) for row in parsed.skipped] == [
        ("ratings.csv", 3, "Rating '7' is not a half-star rating from 0.5 to 5"),
        ("ratings.csv", 4, "Rating '0' is not a half-star rating from 0.5 to 5"),
        ("ratings.csv", 5, "Rating '3.25' is not a half-star rating from 0.5 to 5"),
        ("ratings.csv", 6, "Rating 'four' is not a number"),
        ("ratings.csv", 7, "Date '05/01/2024' is not a date (expected YYYY-MM-DD)"),
        ("ratings.csv", 8, "Name is empty"),
        ("ratings.csv", 9, "Year '79' is not a year"),
    ]


def test_a_diary_row_with_a_bad_rewatch_or_watched_date_is_skipped(export_zip):
    rows = [
        diary_row("Alien", "1979", rewatch="maybe"),
        diary_row("Alien", "1979", watched="2024-02-30"),
    ]
    parsed = parse(export_zip({"diary.csv": csv_text(rows)}))
    assert parsed.records == []
    assert [row.reason for row in parsed.skipped] == [
        "Rewatch 'maybe' is not yes or no",
        "Watched Date '2024-02-30' is not a date (expected YYYY-MM-DD)",
    ]


def test_a_date_in_the_future_is_skipped(export_zip):
    soon = (timezone.now() + timedelta(days=10)).date().isoformat()
    parsed = parse(
        export_zip(
            {
                "diary.csv": csv_text([diary_row("Alien", "1979", watched=soon)]),
                "watchlist.csv": csv_text([film_row("Alien", "1979", date=soon)]),
            }
        )
    )
    assert parsed.records == []
    assert [(row.file, row.reason) for row in parsed.skipped] == [
        ("diary.csv", f"Watched Date '{soon}' is in the future"),
        ("watchlist.csv", f"Date '{soon}' is in the future"),
    ]


def test_an_empty_member_is_an_error_naming_it(export_zip):
    with pytest.raises(InputError, match=r"^diary.csv:1: file: is empty"):
        parse(export_zip({"diary.csv": "", "ratings.csv": csv_text([rating_row("A", "", "4")])}))


def test_a_header_without_rows_is_simply_empty(export_zip):
    parsed = parse(export_zip({"diary.csv": ",".join(DIARY_COLUMNS) + "\n"}))
    assert parsed.records == [] and parsed.skipped == []


def test_a_file_not_in_utf8_is_an_error_at_its_line(export_zip):
    text = csv_text([film_row("Alien", "1979"), film_row("Amélie", "2001")])
    with pytest.raises(InputError, match=r"^watchlist.csv:3: encoding: byte 0xe9"):
        parse(export_zip({"watchlist.csv": text.encode("latin-1")}))


def test_a_traversal_path_is_refused(export_zip):
    path = export_zip({"diary.csv": "x", "../../x": "owned"})
    with pytest.raises(InputError, match=r"unsafe path '../../x'"):
        parse(path)


def test_a_zip_bomb_is_refused(export_zip):
    with pytest.raises(InputError, match="ZIP bomb"):
        parse(export_zip({"diary.csv": b"0" * 5_000_000}))


def test_something_that_is_not_a_zip_says_so(tmp_path):
    path = tmp_path / "export.zip"
    path.write_text("Date,Name\n")
    with pytest.raises(InputError, match=r"^export.zip: file: is not a ZIP archive"):
        parse(path)


def test_an_empty_zip_is_not_an_export(tmp_path):
    path = write_zip(tmp_path / "empty.zip", {})
    assert zipfile.is_zipfile(path)
    with pytest.raises(
        InputError,
        match=r"^empty.zip: export: this does not look like a Letterboxd export: "
        r"expected diary.csv, ratings.csv",
    ):
        parse(path)


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        parse(tmp_path / "nowhere.zip")
