"""Real files vary: a BOM, CRLF line endings, columns in another order, extra columns."""

from datetime import date

from marquee.imports.letterboxd import parse

from .conftest import DIARY_COLUMNS, csv_text, diary_row, rating_row


def test_a_byte_order_mark_is_ignored(export_zip):
    text = "\ufeff" + csv_text([rating_row("Alien", "1979", "4")])
    parsed = parse(export_zip({"ratings.csv": text.encode("utf-8")}))
    assert parsed.records[0].half_stars == 8 and not parsed.skipped


def test_crlf_line_endings_give_the_same_lines(export_zip):
    rows = [diary_row("Alien", "1979", rating="4"), diary_row("Alien", "1979", rating="11")]
    parsed = parse(export_zip({"diary.csv": csv_text(rows, newline="\r\n")}))
    assert len(parsed.records) == 1
    assert [row.line for row in parsed.skipped] == [3]


def test_columns_in_another_order_and_extra_columns_are_fine(export_zip):
    columns = ["Watched Date", "Tags", "Rating", "Extra", *reversed(DIARY_COLUMNS[:4]), "Rewatch"]
    row = {**diary_row("Alien", "1979", rating="2.5", watched="2020-02-29"), "Extra": "?"}
    parsed = parse(export_zip({"diary.csv": csv_text([row], columns)}))
    [entry] = parsed.records
    assert (entry.film.title, entry.half_stars, entry.watched_on) == ("Alien", 5, date(2020, 2, 29))


def test_blank_lines_and_surrounding_spaces_are_ignored(export_zip):
    text = "Date,Name,Year,Letterboxd URI,Rating\n\n 2024-01-05 , Alien ,1979, u ,4 \n\n"
    parsed = parse(export_zip({"ratings.csv": text}))
    [rating] = parsed.records
    assert (rating.film.title, rating.film.year, rating.origin.line) == ("Alien", 1979, 3)


def test_accented_titles_stay_as_written(export_zip):
    parsed = parse(export_zip({"ratings.csv": csv_text([rating_row("Amélie", "2001", "4")])}))
    assert parsed.records[0].film.title == "Amélie"
