"""``marquee import trakt`` end to end: counts, idempotent re-import, --strict."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.catalog.services import film_create
from marquee.readers.models import DiaryEntry, Rating, WatchedFilm, WatchlistEntry

from .exports import ALIEN, MOON, THING, episode_watch, listed, make_zip, rating, watch

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(db):
    return {
        "alien": film_create(title="Alien", year=1979, imdb_id="tt0078748"),
        "thing": film_create(title="The Thing", year=1982, tmdb_id=1091),
        "moon": film_create(title="Moon", year=2009),
    }


def export(tmp_path, *, points: int = 8):
    return make_zip(
        tmp_path / "trakt.zip",
        {
            "rita/watched-history.json": [
                watch(3, "2024-03-01T20:00:00.000Z"),
                episode_watch(2, "2023-06-01T20:00:00.000Z"),
                watch(1, "2023-01-01T20:00:00.000Z"),
                watch(4, "1970-01-01T00:00:00.000Z", MOON),
            ],
            "rita/ratings-movies.json": [rating(points)],
            "rita/lists-watchlist.json": [listed("2024-01-01T10:00:00.000Z", THING)],
        },
    )


def run(path, reader, *flags) -> dict:
    out = StringIO()
    call_command(
        "import", "trakt", str(path), "--user", reader.username, "--json", *flags, stdout=out
    )
    return json.loads(out.getvalue())


def test_an_export_is_created_then_unchanged_on_reimport(tmp_path, reader, catalog):
    path = export(tmp_path)
    report = run(path, reader)
    # Two diary entries, one seen mark, one rating, one watchlist entry.
    assert (report["created"], report["updated"], report["unchanged"]) == (5, 0, 0)
    assert report["skipped"] == [
        {"file": "rita/watched-history.json", "line": 2, "reason": "type 'episode' is not a film"}
    ]
    diary = DiaryEntry.objects.filter(user=reader).order_by("watched_on")
    assert [(e.film.title, e.rewatch, e.source_key) for e in diary] == [
        ("Alien", False, "trakt:history:1"),
        ("Alien", True, "trakt:history:3"),
    ]
    assert WatchedFilm.objects.get(user=reader).film == catalog["moon"]
    assert Rating.objects.get(user=reader).half_stars == 8
    assert WatchlistEntry.objects.get(user=reader).film == catalog["thing"]

    again = run(path, reader)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 5)


def test_a_changed_rating_is_an_update(tmp_path, reader, catalog):
    run(export(tmp_path), reader)
    report = run(export(tmp_path, points=9), reader)
    assert (report["created"], report["updated"]) == (0, 1)
    assert Rating.objects.get(user=reader).half_stars == 9


def test_strict_stops_at_the_first_bad_row_and_writes_nothing(tmp_path, reader, catalog):
    path = export(tmp_path)
    with pytest.raises(
        CommandError, match=r"rita/watched-history.json:2: row: type 'episode' is not a film"
    ):
        run(path, reader, "--strict")
    assert not DiaryEntry.objects.exists() and not Rating.objects.exists()


def test_malformed_json_is_a_command_error_with_the_line(tmp_path, reader, catalog):
    path = make_zip(tmp_path / "trakt.zip", {"ratings-movies.json": '[\n{"rating": 8,}\n]'})
    with pytest.raises(CommandError, match=r"ratings-movies.json:2: json: Expecting property"):
        run(path, reader)


def test_films_missing_from_the_catalog_are_listed(tmp_path, reader, catalog):
    other = {**ALIEN, "title": "Solaris", "year": 1972, "ids": {"trakt": 99}}
    path = make_zip(tmp_path / "trakt.zip", {"ratings-movies.json": [rating(6, movie=other)]})
    report = run(path, reader)
    assert [(f["title"], f["line"]) for f in report["unmatched"]] == [("Solaris", 1)]


def test_two_rewatches_on_one_day_are_two_diary_entries(tmp_path, reader, catalog):
    history = [
        watch(3, "2024-03-01T22:00:00.000Z"),
        watch(2, "2024-03-01T18:00:00.000Z"),
        watch(1, "2023-01-01T20:00:00.000Z"),
    ]
    run(make_zip(tmp_path / "trakt.zip", {"watched-history.json": history}), reader)
    assert DiaryEntry.objects.filter(user=reader).count() == 3
