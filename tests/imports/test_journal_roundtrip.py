"""Marquee's journal export re-imports into an empty site with the same data."""

import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.imports.journal import FORMAT_VERSION, journal_export, parse
from marquee.readers.models import (
    DiaryEntry,
    FilmLike,
    FilmList,
    Rating,
    WatchedFilm,
    WatchlistEntry,
)

pytestmark = pytest.mark.django_db


def snapshot(user) -> dict:
    """Everything a reader keeps, described by film identity rather than database ids."""

    def film(f):
        return (f.title, f.year, f.imdb_id, f.tmdb_id, f.original_title)

    return {
        "ratings": sorted((film(r.film), r.half_stars, r.rated_at) for r in Rating.objects.filter(user=user)),
        "diary": sorted(
            (film(e.film), e.watched_on, e.rewatch, e.half_stars, tuple(e.tags), e.note, e.source, e.source_key)
            for e in DiaryEntry.objects.filter(user=user)
        ),
        "watchlist": sorted((film(w.film), w.added_at) for w in WatchlistEntry.objects.filter(user=user)),
        "likes": sorted((film(x.film), x.liked_at) for x in FilmLike.objects.filter(user=user)),
        "watched": sorted((film(w.film), w.logged_at) for w in WatchedFilm.objects.filter(user=user)),
        "lists": sorted(
            (fl.name, fl.description, tuple((i.position, film(i.film), i.note) for i in fl.items.all()))
            for fl in FilmList.objects.filter(user=user)
        ),
    }  # fmt: skip


def test_export_then_import_into_an_empty_site_gives_the_same_data(history, tmp_path, capsys):
    before = snapshot(history)
    out = tmp_path / "journal.zip"
    call_command("export", "journal", str(out), "--user", history.username)
    # An empty site: no films, no readers.
    User.objects.all().delete()
    Film.objects.all().delete()
    newcomer = User.objects.create_user("newcomer", "n@example.test", "x-long-password-1")
    call_command(
        "import",
        "journal",
        str(out),
        "--user",
        "newcomer",
        "--json",
    )
    assert snapshot(newcomer) == before


def test_reimporting_the_journal_changes_nothing(history, tmp_path, capsys):
    out = tmp_path / "journal.zip"
    journal_export(user=history, out=out)
    call_command("import", "journal", str(out), "--user", history.username, "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["created"] == 0 and report["updated"] == 0 and report["unchanged"] == 9


def test_the_manifest_carries_format_and_version(history, tmp_path):
    out = tmp_path / "journal.zip"
    journal_export(user=history, out=out)
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["format"] == "marquee-journal"
        assert manifest["version"] == FORMAT_VERSION
        assert manifest["files"]["ratings.csv"] == 2
        assert (
            archive.read("ratings.csv")
            .decode()
            .splitlines()[1]
            .endswith(",3.5,2024-05-01T12:30:00+00:00")
        )


def _journal(tmp_path, manifest: dict, files: dict[str, str] | None = None):
    path = tmp_path / "journal.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for name, text in (files or {}).items():
            archive.writestr(name, text)
    return path


def test_an_export_from_a_newer_marquee_is_refused_clearly(tmp_path):
    path = _journal(tmp_path, {"format": "marquee-journal", "version": FORMAT_VERSION + 1})
    with pytest.raises(Exception, match="written by a newer Marquee"):
        parse(path)


def test_something_else_is_refused(tmp_path):
    with pytest.raises(Exception, match='is not "marquee-journal"'):
        parse(_journal(tmp_path, {"format": "other"}))


def test_bad_rows_are_skipped_with_file_and_line(reader, tmp_path, capsys):
    path = _journal(
        tmp_path,
        {"format": "marquee-journal", "version": 1},
        {
            "films.csv": "film_key,title,year,original_title,imdb_id,tmdb_id,movielens_id\nf1,Alien,1979,,,,\n",
            "ratings.csv": "film_key,rating,rated_at\nf1,3.5,2024-01-01T00:00:00+00:00\nf9,4,2024-01-01T00:00:00+00:00\nf1,7,2024-01-01T00:00:00+00:00\n",
        },
    )
    call_command("import", "journal", str(path), "--user", reader.username, "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["created"] == 1
    assert [(s["file"], s["line"]) for s in report["skipped"]] == [
        ("ratings.csv", 3),
        ("ratings.csv", 4),
    ]
    assert "f9" in report["skipped"][0]["reason"] and "rating" in report["skipped"][1]["reason"]


def test_export_to_a_missing_folder_is_a_clear_error(reader, tmp_path):
    with pytest.raises(CommandError, match="is not a folder"):
        call_command(
            "export", "journal", str(tmp_path / "nope" / "x.zip"), "--user", reader.username
        )
