"""Export files are checked before they are read: sizes, ZIP paths and bombs, encodings, headers."""

import zipfile

import pytest

from marquee.errors import InputError
from marquee.imports import files
from marquee.imports.files import check_file_size, csv_rows, decode_text, open_zip


def make_zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_missing_or_empty_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        check_file_size(tmp_path / "nope.csv")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(InputError, match="empty.csv: file: is empty"):
        check_file_size(tmp_path / "empty.csv")


def test_an_oversized_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.zip"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024)  # sparse: nothing is written or read
    with pytest.raises(InputError, match="the limit is 1,024"):
        check_file_size(big, limit=1024)


def test_a_zip_with_a_traversal_path_is_refused(tmp_path):
    archive = make_zip(tmp_path / "evil.zip", {"../../etc/x.csv": b"a"})
    with pytest.raises(InputError, match="unsafe path '../../etc/x.csv'"):
        open_zip(archive)


def test_absolute_paths_are_refused(tmp_path):
    archive = make_zip(tmp_path / "evil.zip", {"/etc/passwd": b"a"})
    with pytest.raises(InputError, match="unsafe path"):
        open_zip(archive)


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path):
    archive = make_zip(tmp_path / "bomb.zip", {"diary.csv": b"0" * 5_000_000})
    with pytest.raises(InputError, match="ZIP bomb"):
        open_zip(archive)


def test_too_many_members_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_ZIP_MEMBERS", 3)
    archive = make_zip(tmp_path / "many.zip", {f"{n}.csv": b"a" for n in range(4)})
    with pytest.raises(InputError, match="4 entries"):
        open_zip(archive)


def test_something_that_is_not_a_zip_says_so(tmp_path):
    (tmp_path / "export.zip").write_text("Date,Name\n")
    with pytest.raises(InputError, match="is not a ZIP archive"):
        open_zip(tmp_path / "export.zip")


def test_a_safe_zip_reads_its_members(tmp_path):
    archive = open_zip(make_zip(tmp_path / "ok.zip", {"a/b.csv": b"x,y\n1,2\n"}))
    assert archive.names() == ["a/b.csv"]
    assert archive.read("a/b.csv") == b"x,y\n1,2\n"


def test_a_damaged_member_is_named_not_crashed_on(tmp_path):
    data = b"Date,Name,Year\n" + b"2024-01-01,Alien,1979\n" * 200
    path = make_zip(tmp_path / "damaged.zip", {"diary.csv": data})
    raw = bytearray(path.read_bytes())
    start = raw.index(b"diary.csv") + len("diary.csv") + 10  # inside the compressed data
    raw[start : start + 20] = bytes(20)
    path.write_bytes(bytes(raw))
    with pytest.raises(InputError, match="damaged.zip: zip: diary.csv is damaged"):
        open_zip(path).read("diary.csv")


def test_utf8_with_a_bom_decodes_cleanly():
    assert decode_text("\ufeffName\nAmélie\n".encode(), file="f.csv") == "Name\nAmélie\n"


def test_latin1_bytes_in_a_utf8_file_name_the_line():
    data = b"Name\nAlien\n" + "Amélie\n".encode("latin-1")
    with pytest.raises(InputError, match="f.csv:3: encoding: byte 0xe9"):
        decode_text(data, file="f.csv")


def test_latin1_is_accepted_where_allowed():
    assert (
        decode_text("Amélie".encode("latin-1"), file="u.item", encodings=("utf-8", "latin-1"))
        == "Amélie"
    )


def test_csv_rows_carry_their_line_numbers_across_quoted_newlines():
    text = 'Name,Review\nAlien,"Two\nlines"\n\nThe Thing,ok\n'
    rows = list(csv_rows(text, file="r.csv", required=["Name"]))
    assert [(line, row["Name"]) for line, row in rows] == [(2, "Alien"), (5, "The Thing")]


def test_reordered_columns_are_fine():
    rows = list(csv_rows("Year,Name\n1979,Alien\n", file="r.csv", required=["Name", "Year"]))
    assert rows == [(2, {"Year": "1979", "Name": "Alien"})]


def test_missing_columns_are_named():
    with pytest.raises(
        InputError, match="r.csv:1: header: missing column\\(s\\) Rating; found Name, Year"
    ):
        list(csv_rows("Name,Year\nAlien,1979\n", file="r.csv", required=["Name", "Rating"]))


def test_an_empty_csv_says_so():
    with pytest.raises(InputError, match="is empty"):
        list(csv_rows("", file="r.csv", required=["Name"]))


def test_an_unclosed_quote_is_an_error_not_a_swallowed_file():
    with pytest.raises(InputError, match="r.csv:2: csv"):
        list(
            csv_rows(
                'Name,Review\nAlien,"never closed\nThe Thing,ok\n', file="r.csv", required=["Name"]
            )
        )
