"""``marquee catalog load-movielens`` and ``marquee catalog load-tmdb``."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.catalog.management.commands.catalog import SUBCOMMANDS
from marquee.catalog.models import Film
from marquee.readers.models import Rating
from tests.catalog.loaders.files import tmdb_row, write_latest, write_tmdb

pytestmark = pytest.mark.django_db
REPORT_KEYS = {"created", "updated", "unchanged", "skipped", "unmatched"}


def run(*args: str) -> str:
    out = StringIO()
    call_command("catalog", *args, stdout=out)
    return out.getvalue()


def test_every_subcommand_is_in_the_dispatch_table():
    assert set(SUBCOMMANDS) == {"load-movielens", "load-tmdb", "load-imdb"}


def test_load_movielens_json_reports_counts_skips_and_unmatched(tmp_path):
    ratings = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,9,964982703\n"
    folder = write_latest(tmp_path, ratings=ratings)
    report = json.loads(run("load-movielens", str(folder), "--ratings", "--json"))
    assert set(report) >= REPORT_KEYS
    assert (report["created"], report["updated"], report["unchanged"]) == (7, 0, 0)
    assert report["films"] == {"created": 6, "updated": 0, "unchanged": 0}
    assert report["ratings"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert report["skipped"] == [
        {
            "file": "ratings.csv",
            "line": 3,
            "reason": "rating '9' is not a half-star rating from 0.5 to 5",
        }
    ]
    assert report["unmatched"] == []
    assert Rating.objects.count() == 1


def test_load_movielens_prints_a_summary_and_the_skipped_rows(tmp_path):
    folder = write_latest(tmp_path, ratings="userId,movieId,rating,timestamp\n1,1,0,964982703\n")
    out = run("load-movielens", str(folder), "--ratings")
    assert out.splitlines() == [
        "Films: 6 created, 0 updated, 0 unchanged. Skipped 1 rows.",
        "  skipped ratings.csv:2: rating '0' is not a half-star rating from 0.5 to 5",
    ]
    assert run("load-movielens", str(folder)).startswith("Nothing changed: all 6 items")


def test_a_dry_run_writes_nothing(tmp_path):
    out = run("load-movielens", str(write_latest(tmp_path)), "--ratings", "--dry-run")
    assert out.startswith("Dry run, nothing written. Films: 6 created")
    assert not Film.objects.exists()


def test_bad_input_is_a_command_error_naming_file_and_line(tmp_path):
    folder = write_latest(tmp_path, movies="movieId,name\n1,x\n")
    with pytest.raises(CommandError, match=r"^movies.csv:1: header: missing column\(s\) title"):
        run("load-movielens", str(folder))
    with pytest.raises(CommandError, match="directory: is not a folder"):
        run("load-movielens", str(tmp_path / "nowhere"))


def test_load_tmdb_json_lists_unmatched_films(tmp_path):
    avatar = Film.objects.create(
        title="Avatar", year=2009, tmdb_id=19995, slug="avatar-2009", match_key="avatar"
    )
    path = write_tmdb(
        tmp_path / "tmdb.csv",
        tmdb_row(19995, "Avatar", tagline="Enter the World of Pandora."),
        tmdb_row(194, "Amélie", released="2001-04-25"),
    )
    report = json.loads(run("load-tmdb", str(path), "--json"))
    assert set(report) >= REPORT_KEYS
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 1, 0)
    assert report["unmatched"] == [
        {"file": "tmdb.csv", "line": 3, "title": "Amélie", "year": 2001, "imdb_id": None}
    ]
    avatar.refresh_from_db()
    assert avatar.tagline == "Enter the World of Pandora."
    out = run("load-tmdb", str(path), "--create-missing")
    assert out.startswith("Films: 1 created, 0 updated, 1 unchanged.")


def test_a_load_that_changed_something_starts_a_new_page_cache_generation(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "marquee.catalog.management.commands.catalog.content_changed", lambda: calls.append(1)
    )
    folder = write_latest(tmp_path)
    run("load-movielens", str(folder))
    run("load-movielens", str(folder))
    run("load-movielens", str(folder), "--dry-run")
    assert calls == [1]


def test_a_load_brings_its_films_into_search(tmp_path, django_capture_on_commit_callbacks):
    from marquee.search.models import SearchDocument

    folder = write_latest(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        run("load-movielens", str(folder))
    indexed = set(SearchDocument.objects.filter(kind="film").values_list("object_id", flat=True))
    assert indexed == set(Film.objects.values_list("pk", flat=True))
