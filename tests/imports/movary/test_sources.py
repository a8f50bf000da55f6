"""Where Movary's files come from: a folder, a ZIP, one file; and what is wrong with them."""

import pytest

from marquee.errors import InputError
from marquee.imports.movary import parse

from .exports import ALIEN, HISTORY, RATINGS, THING, WATCHLIST, csv, make_zip, write_folder

FILES = {
    "history.csv": csv(HISTORY, f"{ALIEN},2024-03-09,,"),
    "ratings.csv": csv(RATINGS, f"{ALIEN},8"),
    "watchlist.csv": csv(WATCHLIST, f"{THING},2024-01-02 10:11:12"),
}


def kinds(parsed):
    return [type(record).__name__ for record in parsed.records]


def test_a_folder_with_all_three_files(tmp_path):
    parsed = parse(write_folder(tmp_path / "movary", FILES))
    assert kinds(parsed) == ["DiaryRecord", "RatingRecord", "WatchlistRecord"]
    assert parsed.skipped == []


def test_a_zip_with_a_leading_folder(tmp_path):
    path = make_zip(tmp_path / "movary.zip", {f"export/{name}": t for name, t in FILES.items()})
    parsed = parse(path)
    assert kinds(parsed) == ["DiaryRecord", "RatingRecord", "WatchlistRecord"]
    assert parsed.records[0].origin.file == "export/history.csv"


def test_movarys_own_download_names_and_unnamed_files_are_recognised(tmp_path):
    folder = write_folder(
        tmp_path / "movary",
        {
            "export-history-1-1700000000.csv": FILES["history.csv"],
            "mine.csv": FILES["ratings.csv"],  # told by its userRating column
            "notes.csv": "something,else\n1,2\n",  # someone else's file: left alone
        },
    )
    assert kinds(parse(folder)) == ["DiaryRecord", "RatingRecord"]


def test_one_file_on_its_own(tmp_path):
    path = tmp_path / "watchlist.csv"
    path.write_text(FILES["watchlist.csv"])
    assert kinds(parse(path)) == ["WatchlistRecord"]


def test_missing_columns_are_an_error_naming_the_file_and_line(tmp_path):
    folder = write_folder(
        tmp_path / "movary", {"history.csv": "title,year,tmdbId\nAlien,1979,348\n"}
    )
    with pytest.raises(InputError, match=r"history.csv:1: header: missing column\(s\) watchedAt"):
        parse(folder)


def test_two_files_of_one_kind_are_refused(tmp_path):
    folder = write_folder(tmp_path / "movary", FILES)
    write_folder(folder / "old", {"history.csv": FILES["history.csv"]})
    with pytest.raises(InputError, match="has two history files"):
        parse(folder)


def test_a_folder_without_movary_files_says_what_it_looked_for(tmp_path):
    folder = write_folder(tmp_path / "movary", {"diary.csv": "Date,Name\n2024-01-01,Alien\n"})
    with pytest.raises(InputError, match="movary: file: has no Movary history.csv"):
        parse(folder)


def test_empty_broken_and_missing_inputs_are_errors(tmp_path):
    with pytest.raises(InputError, match="history.csv: file: is empty"):
        parse(make_zip(tmp_path / "a.zip", {"history.csv": ""}))
    with pytest.raises(InputError, match=r"ratings.csv:2: encoding"):
        parse(make_zip(tmp_path / "b.zip", {"ratings.csv": b"title\n\xe9\n"}))
    with pytest.raises(InputError, match="is not a ZIP archive"):
        (tmp_path / "c.zip").write_text("title\n")
        parse(tmp_path / "c.zip")
    with pytest.raises(InputError, match="does not exist"):
        parse(tmp_path / "nowhere")
