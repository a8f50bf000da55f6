"""Trakt movie ratings: 1-10 onto half stars exactly, anything else skipped with a reason."""

from datetime import UTC, datetime

import pytest

from marquee.imports.trakt import parse

from .exports import THING, make_zip, rating, reasons


def ratings(tmp_path, entries):
    return parse(make_zip(tmp_path / "export.zip", {"ratings-movies.json": entries}))


def test_seven_is_exactly_three_and_a_half_stars_rated_when_trakt_says(tmp_path):
    (record,) = ratings(tmp_path, [rating(7, "2024-01-05T21:30:00.000Z")]).records
    assert record.half_stars == 7 and record.half_stars / 2 == 3.5
    assert record.rated_at == datetime(2024, 1, 5, 21, 30, tzinfo=UTC)
    assert (record.film.imdb_id, record.film.tmdb_id) == ("tt0078748", 348)


@pytest.mark.parametrize("value", [0, 11, 7.5, "7", None, True])
def test_ratings_outside_one_to_ten_are_skipped_naming_the_field(tmp_path, value):
    parsed = ratings(tmp_path, [rating(value)])
    assert parsed.records == []
    ((file, line, reason),) = reasons(parsed)
    assert (file, line) == ("ratings-movies.json", 1)
    assert reason.startswith("rating ") and reason.endswith("from 1 to 10")


def test_a_future_or_missing_rating_date_is_skipped(tmp_path):
    entries = [rating(8, "2999-01-01T00:00:00.000Z"), {**rating(8, movie=THING), "rated_at": None}]
    assert [reason for _, _, reason in reasons(ratings(tmp_path, entries))] == [
        "rated_at '2999-01-01T00:00:00.000Z' is in the future",
        "rated_at is missing",
    ]


def test_a_show_rating_in_the_movie_file_is_skipped(tmp_path):
    entry = {"rated_at": "2024-01-05T21:00:00.000Z", "rating": 9, "type": "show", "show": {}}
    assert reasons(ratings(tmp_path, [entry])) == [
        ("ratings-movies.json", 1, "type 'show' is not a film")
    ]
