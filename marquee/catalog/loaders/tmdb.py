"""TMDB's metadata onto catalog films: synopsis, tagline, genres, keywords, runtime and
original title and language, from a CSV laid out like Kaggle's ``tmdb_5000_movies.csv``.

Rows are matched to films by TMDB id (which the MovieLens loader fills in from links.csv), then
by title and release year among films without one. TMDB is the better source for the fields it
has, so a non-empty TMDB value replaces the film's (its genres replace the film's genres), while
keywords and titles are only ever added. A row whose film is not in the catalog is reported as
unmatched, or with ``create_missing`` becomes a new film. Every cell is untrusted text: control
characters are dropped and lengths capped; a cell that is not the JSON it should be skips its row.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from marquee.catalog.loaders import (
    MAX_KEYWORD_CHARS,
    MAX_TITLE_CHARS,
    DryRun,
    LoadReport,
    NameTable,
    Progress,
    Table,
    batches,
    films_insert,
    insert_new,
    keyword_name,
    untrusted_block,
    untrusted_line,
    update_rows,
)
from marquee.catalog.matching import title_match_key
from marquee.catalog.models import AlternateTitle, Film, Genre, Keyword
from marquee.imports.records import FilmRef, Origin
from marquee.imports.report import UnmatchedFilm
from marquee.imports.values import RowError

COLUMNS = (
    "id", "title", "original_title", "original_language", "overview", "tagline", "genres",
    "keywords", "runtime", "release_date",
)  # fmt: skip
MAX_SYNOPSIS_CHARS = 10_000
MAX_TAGLINE_CHARS = 300
MAX_RUNTIME_MINUTES = 32_767  # PositiveSmallIntegerField
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?")

# The film fields TMDB fills, in the order ``_values`` gives them.
FIELDS = ("synopsis", "tagline", "runtime_minutes", "original_title", "original_language")


@dataclass(frozen=True)
class TmdbRow:
    line: int
    tmdb_id: int
    title: str
    year: int | None
    original_title: str
    original_language: str
    synopsis: str
    tagline: str
    runtime_minutes: int | None
    genres: tuple[str, ...]
    keywords: tuple[str, ...]


def _names(cell: str, column: str, *, clean) -> tuple[str, ...]:
    """``[{"id": 28, "name": "Action"}, ...]`` as ("Action", ...)."""
    if not cell.strip():
        return ()
    try:
        items = json.loads(cell)
    except (ValueError, RecursionError):
        raise RowError(f"{column} is not valid JSON") from None
    if not isinstance(items, list) or not all(
        isinstance(item, dict) and isinstance(item.get("name"), str) for item in items
    ):
        raise RowError(f'{column} is not a JSON list of {{"id", "name"}} objects')
    names: list[str] = []
    for item in items:
        name = clean(item["name"])
        if name and name.casefold() not in {known.casefold() for known in names}:
            names.append(name)
    return tuple(names)


def _runtime(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        minutes = float(text)
    except ValueError:
        raise RowError(f"runtime {text!r} is not a number of minutes") from None
    if not 0 <= minutes <= MAX_RUNTIME_MINUTES:
        raise RowError(f"runtime {text!r} is not a number of minutes")
    return round(minutes) or None  # TMDB writes 0 for "unknown"


def _year(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        released = date.fromisoformat(text)
    except ValueError:
        raise RowError(f"release_date {text!r} is not a date (YYYY-MM-DD)") from None
    if not 1870 <= released.year <= 2100:
        raise RowError(f"release_date {text!r} is not a plausible release date")
    return released.year


def _language(text: str) -> str:
    text = text.strip().lower()
    return text if _LANGUAGE.fullmatch(text) and len(text) <= 12 else ""


def read_tmdb(path: Path, report: LoadReport) -> list[TmdbRow]:
    """Parse and check a TMDB CSV; rows that cannot be used go to the report."""
    rows: list[TmdbRow] = []
    lines: dict[int, int] = {}
    with Table(path, columns=COLUMNS) as table:
        at = table.positions
        for line, values in table.rows():
            try:
                if len(values) < table.width:
                    raise RowError(f"has {len(values)} fields; expected at least {table.width}")
                text = values[at["id"]].strip()
                if not text.isascii() or not text.isdigit() or not 0 < int(text) < 2**31:
                    raise RowError(f"id {text!r} is not a TMDB id")
                tmdb_id = int(text)
                if tmdb_id in lines:
                    raise RowError(f"id {tmdb_id} is already on line {lines[tmdb_id]}")
                title = untrusted_line(values[at["title"]], max_chars=MAX_TITLE_CHARS)
                original = untrusted_line(values[at["original_title"]], max_chars=MAX_TITLE_CHARS)
                row = TmdbRow(
                    line=line,
                    tmdb_id=tmdb_id,
                    title=title,
                    year=_year(values[at["release_date"]]),
                    original_title="" if original == title else original,
                    original_language=_language(values[at["original_language"]]),
                    synopsis=untrusted_block(values[at["overview"]], max_chars=MAX_SYNOPSIS_CHARS),
                    tagline=untrusted_line(values[at["tagline"]], max_chars=MAX_TAGLINE_CHARS),
                    runtime_minutes=_runtime(values[at["runtime"]]),
                    genres=_names(
                        values[at["genres"]],
                        "genres",
                        clean=lambda n: untrusted_line(n, max_chars=60),
                    ),
                    keywords=_names(values[at["keywords"]], "keywords", clean=keyword_name),
                )
            except RowError as error:
                report.skip(table.name, line, str(error))
                continue
            lines[tmdb_id] = line
            rows.append(row)
    return rows


@dataclass
class _Film:
    title: str
    year: int | None
    tmdb_id: int | None
    values: tuple  # FIELDS, as stored
    genre_ids: set[int]
    keyword_ids: set[int]
    title_keys: set[str]


class _TmdbWriter:
    """Matches TMDB rows to films and writes what differs, in bulk."""

    def __init__(self, report: LoadReport, *, file: str, create_missing: bool) -> None:
        self.report = report
        self.file = file
        self.create_missing = create_missing
        self.by_tmdb = dict(
            Film.objects.filter(tmdb_id__isnull=False).values_list("tmdb_id", "pk").iterator()
        )
        # Films without a TMDB id, by title and year, for rows whose id the catalog lacks.
        self.by_title: dict[tuple[str, int | None], list[int]] = {}
        titled = Film.objects.filter(tmdb_id__isnull=True).values_list("pk", "match_key", "year")
        for pk, key, year in titled.iterator():
            self.by_title.setdefault((key, year), []).append(pk)
        self.genres = NameTable(Genre, max_chars=60, slug_chars=70)
        self.keywords = NameTable(Keyword, max_chars=MAX_KEYWORD_CHARS, slug_chars=120)

    def _match(self, row: TmdbRow) -> int | None:
        pk = self.by_tmdb.get(row.tmdb_id)
        if pk is None and row.title:
            candidates = self.by_title.get((title_match_key(row.title), row.year), [])
            pk = candidates[0] if len(candidates) == 1 else None
            if pk is not None:
                del self.by_title[(title_match_key(row.title), row.year)]
        return pk

    def _load(self, pks: list[int]) -> dict[int, _Film]:
        films: dict[int, _Film] = {}
        for chunk in batches(pks):
            for pk, title, year, tmdb_id, *values in Film.objects.filter(pk__in=chunk).values_list(
                "pk", "title", "year", "tmdb_id", *FIELDS
            ):
                films[pk] = _Film(title, year, tmdb_id, tuple(values), set(), set(), set())
            genres = Film.genres.through.objects.filter(film_id__in=chunk)
            for film_id, genre_id in genres.values_list("film_id", "genre_id"):
                films[film_id].genre_ids.add(genre_id)
            keywords = Film.keywords.through.objects.filter(film_id__in=chunk)
            for film_id, keyword_id in keywords.values_list("film_id", "keyword_id"):
                films[film_id].keyword_ids.add(keyword_id)
            titles = AlternateTitle.objects.filter(film_id__in=chunk)
            for film_id, key in titles.values_list("film_id", "match_key"):
                films[film_id].title_keys.add(key)
        for film in films.values():
            film.title_keys.add(title_match_key(film.title))
        return films

    def write(self, rows: list[TmdbRow]) -> None:
        self.genres.ensure(name for row in rows for name in row.genres)
        self.keywords.ensure(name for row in rows for name in row.keywords)
        matched = [(row, self._match(row)) for row in rows]
        films = self._load([pk for _, pk in matched if pk is not None])
        now = timezone.now()
        updates: list[tuple] = []
        new_rows: list[TmdbRow] = []
        genres_replaced: list[int] = []
        new_genres: list[tuple[int, int]] = []
        new_keywords: list[tuple[int, int]] = []
        new_titles: list[tuple[int, str, str]] = []
        for row, pk in matched:
            if pk is None:
                if not self.create_missing:
                    self.report.unmatched.append(
                        UnmatchedFilm(
                            Origin(self.file, row.line),
                            FilmRef(row.title, row.year, tmdb_id=row.tmdb_id),
                        )
                    )
                elif not row.title:
                    self.report.skip(self.file, row.line, "title is empty; cannot add the film")
                else:
                    new_rows.append(row)
                continue
            film = films[pk]
            values = tuple(
                new if new not in ("", None) else old
                for new, old in zip(_values(row), film.values, strict=True)
            )
            year = film.year or row.year
            genre_ids = {self.genres.id(name) for name in row.genres} or film.genre_ids
            keyword_ids = {self.keywords.id(name) for name in row.keywords} - film.keyword_ids
            titles = _new_titles(row, film.title_keys)
            changed = (
                values != film.values
                or year != film.year
                or film.tmdb_id is None
                or genre_ids != film.genre_ids
                or keyword_ids
                or titles
            )
            self.report.count(self.report.films, "updated" if changed else "unchanged")
            if not changed:
                continue
            updates.append((pk, *values, year, row.tmdb_id, now))
            if genre_ids != film.genre_ids:
                genres_replaced.append(pk)
                new_genres.extend((pk, genre_id) for genre_id in genre_ids)
            new_keywords.extend((pk, keyword_id) for keyword_id in keyword_ids)
            new_titles.extend((pk, title, key) for title, key in titles)
        update_rows(Film, (*FIELDS, "year", "tmdb_id", "updated_at"), updates)
        for chunk in batches(genres_replaced):
            Film.genres.through.objects.filter(film_id__in=chunk).delete()
        created = films_insert(
            ("title", "year", *FIELDS, "tmdb_id", "match_key"),
            [
                (row.title, row.year, *_values(row), row.tmdb_id, title_match_key(row.title))
                for row in new_rows
            ],
        )
        self.report.count(self.report.films, "created", len(created))
        for pk, row in zip(created, new_rows, strict=True):
            new_genres.extend((pk, self.genres.id(name)) for name in row.genres)
            new_keywords.extend((pk, self.keywords.id(name)) for name in row.keywords)
            known = {title_match_key(row.title)}
            new_titles.extend((pk, title, key) for title, key in _new_titles(row, known))
        insert_new(Film.genres.through, ("film_id", "genre_id"), new_genres)
        insert_new(Film.keywords.through, ("film_id", "keyword_id"), new_keywords)
        insert_new(AlternateTitle, ("film_id", "title", "match_key"), new_titles)


def _values(row: TmdbRow) -> tuple:
    return (
        row.synopsis, row.tagline, row.runtime_minutes, row.original_title,
        row.original_language,
    )  # fmt: skip


def _new_titles(row: TmdbRow, known: set[str]) -> list[tuple[str, str]]:
    """TMDB's title and original title where the film is not known by them yet."""
    titles = []
    for title in (row.title, row.original_title):
        key = title_match_key(title) if title else ""
        if key and key not in known:
            known.add(key)
            titles.append((title, key))
    return titles


def tmdb_load(
    *,
    path: Path,
    create_missing: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Attach a TMDB CSV's metadata to catalog films in one transaction, and report it.

    Films are found by TMDB id, then by title and year; the rest are listed as unmatched, or
    created with ``create_missing``. Idempotent; bad rows are skipped with file and line; an
    unreadable file raises ``InputError`` and writes nothing.
    """
    report = LoadReport(dry_run=dry_run)
    rows = read_tmdb(path, report)
    try:
        with transaction.atomic():
            _TmdbWriter(report, file=path.name, create_missing=create_missing).write(rows)
            if progress:
                progress(len(rows), len(rows))
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    report.skipped.sort(key=lambda row: (row.file, row.line))
    return report
