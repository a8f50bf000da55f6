"""Marquee's own journal format: a reader's whole history, exported and re-imported losslessly.

A ZIP of CSV files plus ``manifest.json`` (see docs/journal-format.md). Films are written with
every identity they have (title, year, original title, IMDb, TMDB and MovieLens ids), so the
export re-imports into a fresh site, creating the films it needs. The manifest's ``version``
says which layout the files follow; readers of older versions are kept here so an export made
today still imports after the schema changes.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

import marquee
from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.imports.files import csv_rows, decode_text, open_zip, written_atomically
from marquee.imports.records import (
    DiaryRecord,
    FilmRef,
    LikeRecord,
    ListItemRecord,
    ListRecord,
    Origin,
    ParsedExport,
    RatingRecord,
    WatchedRecord,
    WatchlistRecord,
)
from marquee.imports.values import RowError, half_stars_from_stars, parse_date, parse_datetime
from marquee.readers.models import (
    DiaryEntry,
    FilmLike,
    FilmList,
    FilmListItem,
    Rating,
    WatchedFilm,
    WatchlistEntry,
    stars_text,
)

FORMAT_NAME = "marquee-journal"
FORMAT_VERSION = 1

COLUMNS = {
    "films.csv": [
        "film_key", "title", "year", "original_title", "imdb_id", "tmdb_id", "movielens_id",
    ],
    "ratings.csv": ["film_key", "rating", "rated_at"],
    "diary.csv": [
        "film_key", "watched_on", "rewatch", "rating", "tags", "note", "source", "source_key",
    ],
    "watchlist.csv": ["film_key", "added_at"],
    "likes.csv": ["film_key", "liked_at"],
    "watched.csv": ["film_key", "logged_at"],
    "lists.csv": ["list_name", "description"],
    "list_items.csv": ["list_name", "position", "film_key", "note"],
}  # fmt: skip


@dataclass(frozen=True)
class JournalExportSummary:
    path: Path
    counts: dict[str, int]


# -- export -----------------------------------------------------------------------------------


def _rows(user: User) -> dict[str, list[list]]:
    """Every file's rows for ``user``; films are those any of their rows refers to."""
    film_ids: set[int] = set()

    def key(film_id: int) -> str:
        film_ids.add(film_id)
        return f"f{film_id}"

    rows: dict[str, list[list]] = {
        "ratings.csv": [
            [key(r.film_id), stars_text(r.half_stars), r.rated_at.isoformat()]
            for r in Rating.objects.filter(user=user).order_by("film_id")
        ],
        "diary.csv": [
            [key(e.film_id), e.watched_on.isoformat(), "true" if e.rewatch else "false",
             stars_text(e.half_stars), json.dumps(e.tags, ensure_ascii=False), e.note, e.source,
             e.source_key]
            for e in DiaryEntry.objects.filter(user=user).order_by("watched_on", "id")
        ],
        "watchlist.csv": [
            [key(w.film_id), w.added_at.isoformat()]
            for w in WatchlistEntry.objects.filter(user=user).order_by("film_id")
        ],
        "likes.csv": [
            [key(like.film_id), like.liked_at.isoformat()]
            for like in FilmLike.objects.filter(user=user).order_by("film_id")
        ],
        "watched.csv": [
            [key(w.film_id), w.logged_at.isoformat()]
            for w in WatchedFilm.objects.filter(user=user).order_by("film_id")
        ],
        "lists.csv": [
            [film_list.name, film_list.description]
            for film_list in FilmList.objects.filter(user=user).order_by("name")
        ],
        "list_items.csv": [
            [item.film_list.name, item.position, key(item.film_id), item.note]
            for item in FilmListItem.objects.filter(film_list__user=user)
            .select_related("film_list")
            .order_by("film_list__name", "position")
        ],
    }  # fmt: skip
    films = Film.objects.filter(pk__in=film_ids).order_by("pk")
    rows["films.csv"] = [
        [f"f{f.pk}", f.title, f.year or "", f.original_title, f.imdb_id or "", f.tmdb_id or "",
         f.movielens_id or ""]
        for f in films
    ]  # fmt: skip
    return rows


def _csv_bytes(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def journal_export(*, user: User, out: Path) -> JournalExportSummary:
    """Write ``user``'s history to ``out``; the file appears whole or not at all."""
    rows = _rows(user)
    manifest = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "generator": f"Marquee {marquee.__version__}",
        "user": {"username": user.username, "display_name": user.display_name},
        "files": {name: len(rows[name]) for name in COLUMNS},
    }
    out = Path(out)
    with (
        written_atomically(out) as temporary,
        zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for name, header in COLUMNS.items():
            archive.writestr(name, _csv_bytes(header, rows[name]))
    return JournalExportSummary(out, manifest["files"])


# -- import -----------------------------------------------------------------------------------


def _manifest(archive, name: str) -> dict:
    if "manifest.json" not in archive.names():
        raise InputError(
            "manifest", "manifest.json is missing: not a Marquee journal export", file=name
        )
    try:
        manifest = json.loads(decode_text(archive.read("manifest.json"), file="manifest.json"))
    except json.JSONDecodeError as error:
        raise InputError("manifest", error.msg, file="manifest.json", line=error.lineno) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise InputError("format", f'is not "{FORMAT_NAME}"', file="manifest.json")
    version = manifest.get("version")
    if not isinstance(version, int) or version < 1:
        raise InputError("version", f"{version!r} is not a format version", file="manifest.json")
    if version > FORMAT_VERSION:
        raise InputError(
            "version",
            f"{version} was written by a newer Marquee (this one reads up to {FORMAT_VERSION}); "
            "upgrade Marquee to import it",
            file="manifest.json",
        )
    return manifest


def _read(archive, name: str) -> Iterator[tuple[Origin, dict[str, str]]]:
    if name not in archive.names():
        return
    text = decode_text(archive.read(name), file=name)
    for line, row in csv_rows(text, file=name, required=COLUMNS[name]):
        yield Origin(name, line), row


def _film_refs(archive) -> dict[str, FilmRef]:
    films = {}
    for origin, row in _read(archive, "films.csv"):
        year = row["year"]
        films[row["film_key"]] = FilmRef(
            title=row["title"],
            year=int(year) if year.isdigit() else None,
            imdb_id=row["imdb_id"] or None,
            tmdb_id=int(row["tmdb_id"]) if row["tmdb_id"].isdigit() else None,
            original_title=row["original_title"],
        )
        if not row["title"]:
            raise InputError("title", "is empty", file=origin.file, line=origin.line)
    return films


def parse(path: Path, *, name: str | None = None) -> ParsedExport:
    """Read a journal export ZIP into records (files written by format version 1).

    ``name`` is the file's name as its owner gave it, when ``path`` is where it was stored
    under another (an upload); reports, and anything named after the file, use it.
    """
    archive = open_zip(Path(path), name=name)
    try:
        _manifest(archive, archive.name)
        films = _film_refs(archive)
        parsed = ParsedExport()
        for member, build in _BUILDERS.items():
            for origin, row in _read(archive, member):
                film = films.get(row.get("film_key", ""))
                if "film_key" in row and film is None:
                    parsed.skip(origin, f"film_key {row['film_key']!r} is not in films.csv")
                    continue
                try:
                    parsed.records.append(build(row, film, origin))
                except RowError as error:
                    parsed.skip(origin, str(error))
        parsed.records.extend(_lists(archive, films, parsed))
        return parsed
    finally:
        archive.close()


def _optional_stars(value: str) -> int | None:
    return half_stars_from_stars(value, field="rating") if value else None


def _tags(value: str) -> tuple[str, ...]:
    try:
        tags = json.loads(value or "[]")
    except json.JSONDecodeError:
        raise RowError(f"tags {value!r} is not a JSON list") from None
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise RowError(f"tags {value!r} is not a JSON list of strings")
    return tuple(tags)


_BUILDERS = {
    "ratings.csv": lambda row, film, origin: RatingRecord(
        film, half_stars_from_stars(row["rating"], field="rating"),
        parse_datetime(row["rated_at"], field="rated_at"), origin,
    ),
    "diary.csv": lambda row, film, origin: DiaryRecord(
        film, parse_date(row["watched_on"], field="watched_on"), origin,
        rewatch=row["rewatch"] == "true", half_stars=_optional_stars(row["rating"]),
        tags=_tags(row["tags"]), note=row["note"], source_key=row["source_key"],
        source=row["source"],
    ),
    "watchlist.csv": lambda row, film, origin: WatchlistRecord(
        film, parse_datetime(row["added_at"], field="added_at"), origin
    ),
    "likes.csv": lambda row, film, origin: LikeRecord(
        film, parse_datetime(row["liked_at"], field="liked_at"), origin
    ),
    "watched.csv": lambda row, film, origin: WatchedRecord(
        film, parse_datetime(row["logged_at"], field="logged_at"), origin
    ),
}  # fmt: skip


def _lists(archive, films: dict[str, FilmRef], parsed: ParsedExport) -> list[ListRecord]:
    items: dict[str, list[ListItemRecord]] = {}
    for origin, row in _read(archive, "list_items.csv"):
        film = films.get(row["film_key"])
        if film is None or not row["position"].isdigit():
            parsed.skip(origin, "list item needs a known film_key and a whole-number position")
            continue
        items.setdefault(row["list_name"], []).append(
            ListItemRecord(film, int(row["position"]), origin, note=row["note"])
        )
    return [
        ListRecord(
            row["list_name"], origin, row["description"], tuple(items.get(row["list_name"], ()))
        )
        for origin, row in _read(archive, "lists.csv")
    ]
