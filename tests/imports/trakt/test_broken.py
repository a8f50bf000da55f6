"""Broken Trakt files are an error naming the file and line, never a traceback."""

import zipfile

import pytest

from marquee.errors import InputError
from marquee.imports.trakt import parse

from .exports import make_zip


def test_malformed_json_names_the_member_and_the_line_of_the_error(tmp_path):
    text = '[\n  {"id": 1,\n   "watched_at": "2024-01-01T00:00:00.000Z"\n   "type": "movie"}\n]'
    path = make_zip(tmp_path / "export.zip", {"rita/watched-history.json": text})
    with pytest.raises(InputError, match=r"rita/watched-history.json:4: json: Expecting ','"):
        parse(path)


def test_a_file_that_is_not_an_array_of_entries_says_so(tmp_path):
    path = make_zip(tmp_path / "export.zip", {"ratings-movies.json": {"rating": 8}})
    with pytest.raises(InputError, match=r"ratings-movies.json:1: json: is not a JSON array"):
        parse(path)


def test_an_empty_file_is_an_error_naming_it(tmp_path):
    path = make_zip(tmp_path / "export.zip", {"lists-watchlist.json": ""})
    with pytest.raises(InputError, match=r"lists-watchlist.json:1: json: Expecting value"):
        parse(path)


def test_a_byte_order_mark_is_fine(tmp_path):
    path = make_zip(tmp_path / "export.zip", {"lists-watchlist.json": "\ufeff[]"})
    assert parse(path).records == []


def test_bytes_that_are_not_utf8_name_the_member_and_line(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("watched-history.json", b'[\n{"title": "Am\xe9lie"}]')
    with pytest.raises(InputError, match=r"watched-history.json:2: encoding"):
        parse(path)


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "[" + "1" * 5000 + "]"])
def test_json_python_refuses_is_an_error_not_a_traceback(tmp_path, text):
    # Unpacked: zipped, the nesting compresses so well the ZIP bomb check refuses it first.
    (tmp_path / "watched-history.json").write_text(text)
    with pytest.raises(InputError, match="watched-history.json: json: holds absurdly long"):
        parse(tmp_path)
