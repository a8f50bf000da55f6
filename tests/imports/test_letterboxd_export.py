"""The CSV for Letterboxd's importer."""

import csv

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_letterboxd_csv_has_diary_rows_then_undated_ratings_and_watched(history, tmp_path):
    out = tmp_path / "letterboxd.csv"
    call_command("export", "letterboxd", str(out), "--user", history.username)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == [
        "Title",
        "Year",
        "imdbID",
        "tmdbID",
        "WatchedDate",
        "Rating",
        "Rewatch",
        "Tags",
        "Review",
    ]
    assert [(r["Title"], r["WatchedDate"], r["Rating"], r["Rewatch"]) for r in rows] == [
        ("Alien", "2020-01-02", "4", "false"),
        ("Alien", "2024-05-01", "", "true"),
        ("Amélie", "", "5", "false"),
        ("Moon", "", "", "false"),
    ]
    assert rows[0]["imdbID"] == "tt0078748" and rows[3]["tmdbID"] == "17431"
    assert rows[0]["Tags"] == "space, rewatchable, really"
    assert rows[0]["Review"] == 'Said "wow", twice.\nNew line.'
