"""One CSV from the export given on its own: recognised by its name, else by its header."""

import pytest

from marquee.errors import InputError
from marquee.imports.letterboxd import parse
from marquee.imports.records import DiaryRecord, RatingRecord, WatchedRecord, WatchlistRecord

from .conftest import csv_text, diary_row, film_row, list_item, list_text, rating_row


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("diary.csv", csv_text([diary_row("Alien", "1979")]), DiaryRecord),
        ("ratings.csv", csv_text([rating_row("Alien", "1979", "4")]), RatingRecord),
        ("watchlist.csv", csv_text([film_row("Alien", "1979")]), WatchlistRecord),
        ("My Diary (1).csv", csv_text([diary_row("Alien", "1979")]), DiaryRecord),
        ("rated.CSV", csv_text([rating_row("Alien", "1979", "4")]), RatingRecord),
        ("to-watch.csv", csv_text([film_row("Alien", "1979")]), WatchlistRecord),
        ("watched (2).csv", csv_text([film_row("Alien", "1979")]), WatchedRecord),
    ],
)
def test_a_lone_csv_is_read_as_the_file_it_is(tmp_path, name, text, kind):
    parsed = parse(write(tmp_path, name, text))
    [record] = parsed.records
    assert isinstance(record, kind) and record.origin.file == name


def test_a_lone_list_file_is_a_list(tmp_path):
    path = write(tmp_path, "horror.csv", list_text("Horror", [list_item(1, "Alien", "1979")]))
    assert parse(path).records[0].name == "Horror"


def test_a_csv_from_elsewhere_is_refused_with_the_columns_expected(tmp_path):
    path = write(tmp_path, "export.csv", "Const,Your Rating,Title\ntt0078748,8,Alien\n")
    with pytest.raises(InputError, match=r"^export.csv:1: header: is not a Letterboxd CSV"):
        parse(path)
