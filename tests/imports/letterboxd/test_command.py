"""``marquee import letterboxd EXPORT.zip`` end to end: created, then unchanged, dry and strict."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from marquee.catalog.models import Film
from marquee.readers.models import (
    DiaryEntry,
    FilmLike,
    FilmList,
    Rating,
    WatchedFilm,
    WatchlistEntry,
)

from .conftest import (
    csv_text,
    diary_row,
    film_row,
    list_item,
    list_text,
    rating_row,
    review_row,
)

pytestmark = pytest.mark.django_db


def run(path, reader, *flags) -> dict:
    """``marquee import letterboxd PATH --user NAME --json [flags]``: the report it prints."""
    out = StringIO()
    args = ["import", "letterboxd", str(path), "--user", reader.username, "--json", *flags]
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def export(export_zip):
    uri = "https://boxd.it/5Yb2Kx"
    return export_zip(
        {
            "diary.csv": csv_text(
                [
                    diary_row("Alien", "1979", rating="4.5", tags="space, horror", uri=uri),
                    diary_row("Amélie", "2001", rating="3.5", rewatch="Yes"),
                ]
            ),
            "reviews.csv": csv_text([review_row("Alien", "1979", "Still, great.", uri=uri)]),
            "ratings.csv": csv_text(
                [rating_row("Alien", "1979", "4.5"), rating_row("The Thing", "1982", "5")]
            ),
            "watched.csv": csv_text([film_row("Alien", "1979"), film_row("The Thing", "1982")]),
            "watchlist.csv": csv_text([film_row("Spirited Away", "2001")]),
            "likes/films.csv": csv_text([film_row("Mad Max: Fury Road", "2015")]),
            "lists/cold.csv": list_text(
                "Cold", [list_item(1, "The Thing", "1982", "Dogs."), list_item(2, "Alien", "1979")]
            ),
            "profile.csv": "Username\nrita\n",
            "deleted/diary.csv": csv_text([diary_row("Alien", "1979", rating="1")]),
        }
    )


def test_an_export_is_imported_and_a_second_import_changes_nothing(reader, catalog, export):
    first = run(export, reader)
    assert (first["created"], first["updated"], first["unchanged"]) == (9, 0, 0)
    assert first["skipped"] == [] and first["unmatched"] == []
    alien = DiaryEntry.objects.get(user=reader, film=catalog["alien"])
    assert (alien.half_stars, alien.tags, alien.note) == (9, ["space", "horror"], "Still, great.")
    assert DiaryEntry.objects.get(film=catalog["amelie"]).rewatch is True
    assert Rating.objects.get(film=catalog["thing"]).stars == 5.0
    assert WatchedFilm.objects.filter(user=reader).count() == 2
    assert WatchlistEntry.objects.get(user=reader).film == catalog["spirited"]
    assert FilmLike.objects.get(user=reader).film == catalog["mad_max"]
    cold = FilmList.objects.get(user=reader, name="Cold")
    items = [(item.film, item.note) for item in cold.items.all()]
    assert items == [(catalog["thing"], "Dogs."), (catalog["alien"], "")]

    again = run(export, reader)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 9)
    assert again["summary"].startswith("Nothing changed")


def test_a_dry_run_writes_nothing(reader, catalog, export):
    report = run(export, reader, "--dry-run")
    assert report["dry_run"] and report["created"] == 9
    assert not DiaryEntry.objects.exists() and not Rating.objects.exists()
    assert not FilmList.objects.exists()


def test_strict_mode_with_a_bad_row_writes_nothing_and_names_file_and_line(
    reader, catalog, export_zip
):
    path = export_zip(
        {
            "diary.csv": csv_text([diary_row("Alien", "1979", rating="4")]),
            "ratings.csv": csv_text(
                [rating_row("Alien", "1979", "4"), rating_row("The Thing", "1982", "9")]
            ),
        }
    )
    with pytest.raises(CommandError, match=r"^ratings.csv:3: row: Rating '9' is not a half-star"):
        run(path, reader, "--strict")
    assert not DiaryEntry.objects.exists() and not Rating.objects.exists()


def test_bad_rows_are_skipped_and_listed_without_strict(reader, catalog, export_zip):
    rows = [rating_row("Alien", "1979", "4"), rating_row("The Thing", "1982", "9")]
    report = run(export_zip({"ratings.csv": csv_text(rows)}), reader)
    assert report["created"] == 1
    assert report["skipped"] == [
        {
            "file": "ratings.csv",
            "line": 3,
            "reason": "Rating '9' is not a half-star rating from 0.5 to 5",
        }
    ]


def test_unmatched_films_are_listed_then_created_with_create_missing(reader, catalog, export_zip):
    rows = [rating_row("Alien", "1979", "4"), rating_row("Portrait of a Lady on Fire", "2019", "5")]
    path = export_zip({"ratings.csv": csv_text(rows)})
    listed = run(path, reader)
    assert listed["unmatched"] == [
        {
            "file": "ratings.csv",
            "line": 3,
            "title": "Portrait of a Lady on Fire",
            "year": 2019,
            "imdb_id": None,
        }
    ]
    assert listed["created"] == 1
    created = run(path, reader, "--create-missing")
    assert (created["films_created"], created["created"], created["unchanged"]) == (1, 1, 1)
    film = Film.objects.get(title="Portrait of a Lady on Fire")
    assert Rating.objects.get(user=reader, film=film).half_stars == 10


def test_a_broken_file_is_a_command_error_naming_it(reader, catalog, export_zip):
    path = export_zip({"diary.csv": "Date,Name\n2024-01-01,Alien\n"})
    with pytest.raises(CommandError, match=r"^diary.csv:1: header: missing column\(s\) Year"):
        run(path, reader)


def test_two_viewings_logged_the_same_day_are_both_kept(reader, catalog, export_zip):
    rows = [
        diary_row("Alien", "1979", rating="4", uri="https://boxd.it/a1"),
        diary_row("Alien", "1979", rating="3", uri="https://boxd.it/a2"),
    ]
    path = export_zip({"diary.csv": csv_text(rows)})
    assert run(path, reader)["created"] == 2
    assert DiaryEntry.objects.filter(user=reader).count() == 2
    assert run(path, reader)["unchanged"] == 2
