"""What the export holds besides a member's films is left alone: deleted/, orphaned/, profile."""

import pytest

from marquee.errors import InputError
from marquee.imports.letterboxd import parse

from .conftest import csv_text, diary_row, film_row, list_item, list_text, rating_row


def test_deleted_and_orphaned_folders_and_other_files_are_ignored(export_zip):
    broken = "not,a,letterboxd\nfile"
    parsed = parse(
        export_zip(
            {
                "profile.csv": "Date Joined,Username\n2019-01-01,rita\n",
                "comments.csv": broken,
                "deleted/diary.csv": csv_text([diary_row("Alien", "1979")]),
                "deleted/lists/old.csv": list_text("Old", [list_item(1, "Alien", "1979")]),
                "orphaned/diary.csv": broken,
                "likes/reviews.csv": broken,
                "lists/nested/deeper.csv": broken,
                "ratings.csv": csv_text([rating_row("Alien", "1979", "4")]),
            }
        )
    )
    assert [(r.origin.file, r.film.title) for r in parsed.records] == [("ratings.csv", "Alien")]
    assert parsed.skipped == []


def test_an_export_zipped_again_inside_its_folder_is_read(export_zip):
    folder = "letterboxd-rita-2024-05-01-12-00-utc/"
    parsed = parse(
        export_zip(
            {
                f"{folder}watchlist.csv": csv_text([film_row("Alien", "1979")]),
                f"{folder}deleted/diary.csv": "ignored",
                "__MACOSX/._watchlist.csv": b"\x00\x05\x16\x07",
            }
        )
    )
    assert [record.origin.file for record in parsed.records] == [f"{folder}watchlist.csv"]


def test_a_zip_with_only_other_files_is_not_an_export(export_zip):
    path = export_zip({"profile.csv": "Username\nrita\n", "deleted/diary.csv": "x"})
    with pytest.raises(InputError, match="this does not look like a Letterboxd export"):
        parse(path)
