"""lists/*.csv: the v7 header block describing the list, then its films, with real line numbers."""

import pytest

from marquee.errors import InputError
from marquee.imports.letterboxd import parse
from marquee.imports.records import FilmRef, ListItemRecord, ListRecord, Origin

from .conftest import list_item, list_text

MEMBER = "lists/favourite-horror.csv"


def test_a_list_file_becomes_a_list_with_its_films_in_order(export_zip):
    text = list_text(
        "Favourite horror",
        [list_item(1, "Alien", "1979", "The template."), list_item(2, "The Thing", "1982")],
        description="Films that stay with you.",
    )
    parsed = parse(export_zip({MEMBER: text}))
    assert parsed.records == [
        ListRecord(
            name="Favourite horror",
            origin=Origin(MEMBER, 3),
            description="Films that stay with you.",
            items=(
                ListItemRecord(FilmRef("Alien", 1979), 1, Origin(MEMBER, 6), "The template."),
                ListItemRecord(FilmRef("The Thing", 1982), 2, Origin(MEMBER, 7)),
            ),
        )
    ]
    assert parsed.skipped == []


def test_a_description_spanning_lines_keeps_the_line_numbers_true(export_zip):
    description = 'Cold places.\n\nAnd "colder" people, too.'
    items = [list_item(1, "The Thing", "1982"), list_item(2, "Alien", "nineteen")]
    parsed = parse(export_zip({MEMBER: list_text("Cold", items, description=description)}))
    [film_list] = parsed.records
    assert film_list.description == description
    assert film_list.items[0].origin == Origin(MEMBER, 8)
    assert [(row.line, row.reason) for row in parsed.skipped] == [
        (9, "Year 'nineteen' is not a year")
    ]


def test_crlf_line_endings_count_the_same(export_zip):
    text = list_text("Cold", [list_item(1, "The Thing", "1982")], newline="\r\n")
    [film_list] = parse(export_zip({MEMBER: text})).records
    assert film_list.items[0].origin.line == 6


def test_a_bad_film_row_is_skipped_and_the_rest_of_the_list_kept(export_zip):
    items = [list_item(1, "", "1979"), list_item(2, "Alien", "1979", "x"), list_item(0, "Moon", "")]
    parsed = parse(export_zip({MEMBER: list_text("Mixed", items)}))
    assert [item.film.title for item in parsed.records[0].items] == ["Alien"]
    assert [(row.line, row.reason) for row in parsed.skipped] == [
        (6, "Name is empty"),
        (8, "Position '0' is not a position from 1 up"),
    ]


def test_an_empty_list_has_no_items(export_zip):
    [film_list] = parse(export_zip({MEMBER: list_text("Someday", [])})).records
    assert film_list.name == "Someday" and film_list.items == ()


def test_a_list_without_a_name_is_skipped_whole(export_zip):
    parsed = parse(export_zip({MEMBER: list_text("", [list_item(1, "Alien", "1979")])}))
    assert parsed.records == []
    assert [(row.file, row.line, row.reason) for row in parsed.skipped] == [
        (MEMBER, 3, "Name must not be empty")
    ]


def test_each_list_file_is_a_list(export_zip):
    parsed = parse(
        export_zip(
            {
                "lists/b-side.csv": list_text("B side", [list_item(1, "Alien", "1979")]),
                "lists/a-side.csv": list_text("A side", [list_item(1, "Alien", "1979")]),
            }
        )
    )
    assert [record.name for record in parsed.records] == ["A side", "B side"]


def test_older_export_versions_are_read_alike(export_zip):
    text = list_text("Old", [list_item(1, "Alien", "1979")], version="v4")
    assert parse(export_zip({MEMBER: text})).records[0].name == "Old"


def test_a_file_without_the_list_signature_is_an_error_at_line_1(export_zip):
    with pytest.raises(InputError, match=rf"{MEMBER}:1: header: expected 'Letterboxd list export'"):
        parse(export_zip({MEMBER: "Position,Name,Year,URL,Description\n1,Alien,1979,u,\n"}))


def test_a_missing_item_column_names_the_line_of_the_items_header(export_zip):
    text = list_text("Cold", [list_item(1, "Alien", "1979")]).replace("Position,", "Pos,")
    with pytest.raises(InputError, match=rf"{MEMBER}:5: header: missing column\(s\) Position"):
        parse(export_zip({MEMBER: text}))
