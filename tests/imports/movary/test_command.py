"""``marquee import movary`` end to end: counts, idempotent re-import, --strict."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.catalog.services import film_create
from marquee.readers.models import DiaryEntry, Rating, WatchlistEntry

from .exports import ALIEN, HISTORY, RATINGS, THING, WATCHLIST, csv, make_zip, write_folder

pytestmark = pytest.mark.django_db

FILES = {
    "history.csv": csv(
        HISTORY,
        f"{ALIEN},2024-03-09,Still great.,",
        f"{ALIEN},2022-06-01,,",
        f"{ALIEN},2020-01-01,,",
    ),
    "ratings.csv": csv(RATINGS, f"{ALIEN},9", f"{THING},0"),
    "watchlist.csv": csv(WATCHLIST, f"{THING},2024-01-02 10:11:12"),
}


@pytest.fixture
def catalog(db):
    return {
        "alien": film_create(title="Alien", year=1979, tmdb_id=348),
        "thing": film_create(title="The Thing", year=1982, imdb_id="tt0084787"),
    }


def run(path, reader, *flags) -> dict:
    out = StringIO()
    call_command(
        "import", "movary", str(path), "--user", reader.username, "--json", *flags, stdout=out
    )
    return json.loads(out.getvalue())


def test_a_folder_is_created_then_unchanged_on_reimport(tmp_path, reader, catalog):
    folder = write_folder(tmp_path / "movary", FILES)
    report = run(folder, reader)
    assert (report["created"], report["updated"], report["unchanged"]) == (5, 0, 0)
    assert report["skipped"] == [
        {"file": "ratings.csv", "line": 3, "reason": "userRating '0' is not a rating from 1 to 10"}
    ]
    diary = DiaryEntry.objects.filter(user=reader).order_by("watched_on")
    assert [(str(e.watched_on), e.rewatch, e.note, e.source_key) for e in diary] == [
        ("2020-01-01", False, "", "movary:tmdb-348:2020-01-01:1"),
        ("2022-06-01", True, "", "movary:tmdb-348:2022-06-01:1"),
        ("2024-03-09", True, "Still great.", "movary:tmdb-348:2024-03-09:1"),
    ]
    assert Rating.objects.get(user=reader).half_stars == 9
    assert WatchlistEntry.objects.get(user=reader).film == catalog["thing"]

    again = run(folder, reader)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 5)


def test_the_same_export_as_a_zip_changes_nothing_after_the_folder(tmp_path, reader, catalog):
    run(write_folder(tmp_path / "movary", FILES), reader)
    report = run(make_zip(tmp_path / "movary.zip", FILES), reader)
    assert (report["created"], report["unchanged"]) == (0, 5)


def test_strict_stops_at_the_first_bad_row_and_writes_nothing(tmp_path, reader, catalog):
    folder = write_folder(tmp_path / "movary", FILES)
    with pytest.raises(CommandError, match=r"ratings.csv:3: row: userRating '0'"):
        run(folder, reader, "--strict")
    assert not DiaryEntry.objects.exists() and not Rating.objects.exists()


def test_missing_columns_are_a_command_error_naming_the_file_and_line(tmp_path, reader, catalog):
    folder = write_folder(tmp_path / "movary", {"ratings.csv": "title,year\nAlien,1979\n"})
    with pytest.raises(
        CommandError, match=r"ratings.csv:1: header: missing column\(s\) userRating"
    ):
        run(folder, reader)


def test_two_plays_on_one_day_are_two_diary_entries(tmp_path, reader, catalog):
    history = csv(
        HISTORY, f"{ALIEN},2024-03-09,,", f"{ALIEN},2024-03-09,,", f"{ALIEN},2020-01-01,,"
    )
    run(write_folder(tmp_path / "movary", {"history.csv": history}), reader)
    assert DiaryEntry.objects.filter(user=reader).count() == 3
