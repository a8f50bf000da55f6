"""Trakt's JSON export: watch history, movie ratings and the watchlist.

Give the export ZIP, or the folder it unpacks to. Files are found by name wherever they sit,
so both of Trakt's layouts work, with or without a leading folder such as ``username/``:

- the current one, flat: ``watched-history.json`` (or pages ``watched-history-1.json``,
  ``-2``, ...), ``ratings-movies.json`` and ``lists-watchlist.json``;
- the older one, in folders: ``watched/history.json`` (or ``watched-history.json``),
  ``ratings/ratings-movies.json`` and ``lists/watchlist.json``.

Each file is a JSON array. History entries look like ``{"id": 123, "watched_at":
"2024-03-09T20:00:00.000Z", "action": "watch", "type": "movie", "movie": {"title": ...,
"year": ..., "ids": {"trakt": ..., "imdb": ..., "tmdb": ...}}}``; ratings carry ``rated_at``
and ``rating`` (1-10, which is exactly Marquee's half-star scale: 7 is 3.5 stars); watchlist
entries carry ``listed_at``. Everything else in the export (shows, episodes, collections,
comments) is not about films and is left alone.

Where a skipped entry is reported, "line" is the entry's number in its file's array (the
first entry is 1), since JSON rows have no line of their own; a file that is not valid JSON
is reported at the real line of the syntax error.

Each history entry becomes a diary entry dated in the site's ``TIME_ZONE`` (Trakt stores
UTC), keyed by Trakt's history id so a re-import finds it again. A viewing is a rewatch when
the same film was watched earlier in the history. Trakt records "watched, date unknown" as
1970-01-01T00:00:00Z; those become "seen" marks rather than diary entries dated 1970.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.utils import timezone

from marquee.errors import InputError
from marquee.imports.files import check_file_size, decode_text, open_zip
from marquee.imports.records import (
    DiaryRecord,
    FilmRef,
    Origin,
    ParsedExport,
    RatingRecord,
    WatchedRecord,
    WatchlistRecord,
)
from marquee.imports.values import RowError, half_stars_from_ten, parse_datetime, parse_imdb_id

# Basenames (lower-cased) of the files read, per kind; an optional -N is a page number.
MEMBER_PATTERNS = {
    "history": re.compile(r"(?:watched-)?history(?:-(\d+))?\.json"),
    "ratings": re.compile(r"ratings-movies(?:-(\d+))?\.json"),
    "watchlist": re.compile(r"(?:lists-)?watchlist(?:-(\d+))?\.json"),
}
UNKNOWN_DATE = datetime(1970, 1, 1, tzinfo=UTC)


def parse(path: Path, *, name: str | None = None) -> ParsedExport:
    """Read a Trakt export ZIP or folder into diary, rating, watchlist and seen records.

    ``name`` is the file's name as its owner gave it, when ``path`` is where it was stored
    under another (an upload); reports, and anything named after the file, use it.
    """
    name = name or path.name
    members = _read_members(path, name)
    if not any(members.values()):
        raise InputError(
            "file",
            "has no watched-history.json, ratings-movies.json or lists-watchlist.json; "
            "is this Trakt's export?",
            file=name,
        )
    parsed = ParsedExport()
    _parse_history(members["history"], parsed)
    for kind, read in (("ratings", _rating), ("watchlist", _watchlist)):
        for file, data in members[kind]:
            for origin, entry in _entries(file, data):
                try:
                    parsed.records.append(read(entry, origin))
                except RowError as error:
                    parsed.skip(origin, str(error))
    return parsed


# -- finding the files ----------------------------------------------------------------------


def _kind(name: str) -> tuple[str, int] | None:
    """Which file this is (history, ratings, watchlist) and its page number, or None."""
    basename = PurePosixPath(name.replace("\\", "/")).name.lower()
    for kind, pattern in MEMBER_PATTERNS.items():
        match = pattern.fullmatch(basename)
        if match:
            return kind, int(match.group(1) or 0)
    return None


def _read_members(path: Path, name: str) -> dict[str, list[tuple[str, bytes]]]:
    """The export's history, ratings and watchlist files as (name, bytes), pages in order."""
    if path.is_dir():
        found = {}
        for file in path.rglob("*.json"):
            if _kind(file.name):
                check_file_size(file)
                found[file.relative_to(path).as_posix()] = file.read_bytes()
    else:
        archive = open_zip(path, name=name)
        try:
            found = {name: archive.read(name) for name in archive.names() if _kind(name)}
        finally:
            archive.close()
    members: dict[str, list[tuple[str, bytes]]] = {kind: [] for kind in MEMBER_PATTERNS}
    kinds = {name: _kind(name) for name in found}
    for name in sorted(found, key=lambda name: (kinds[name], name)):
        kind, _page = kinds[name]
        members[kind].append((name, found[name]))
    return members


def _entries(file: str, data: bytes) -> Iterator[tuple[Origin, object]]:
    """The entries of one JSON array file, each with its entry number as the line."""
    text = decode_text(data, file=file)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            "json", f"{error.msg} (column {error.colno})", file=file, line=error.lineno
        ) from None
    except (ValueError, RecursionError):
        # Valid JSON syntax that Python refuses: a number of thousands of digits, or
        # arrays nested thousands deep. Neither is an export.
        raise InputError("json", "holds absurdly long numbers or deep nesting", file=file) from None
    if not isinstance(value, list):
        raise InputError("json", "is not a JSON array of entries", file=file, line=1)
    for number, entry in enumerate(value, start=1):
        yield Origin(file, number), entry


# -- reading entries ------------------------------------------------------------------------


def _object(entry: object) -> dict:
    if not isinstance(entry, dict):
        raise RowError("entry is not a JSON object")
    return entry


def _ids(movie: dict) -> dict:
    ids = movie.get("ids")
    return ids if isinstance(ids, dict) else {}


def _movie(entry: dict) -> FilmRef:
    """The film an entry is about; a RowError for shows, episodes and broken entries."""
    kind = entry.get("type", "movie")
    if kind != "movie":
        raise RowError(f"type {kind!r} is not a film")
    movie = entry.get("movie")
    if not isinstance(movie, dict) or not isinstance(movie.get("title"), str):
        raise RowError("movie or its title is missing")
    if not movie["title"].strip():
        raise RowError("movie title is empty")
    ids = _ids(movie)
    return FilmRef(
        title=movie["title"].strip(),
        year=_whole_number(movie.get("year"), field="movie year", low=1870, high=2100),
        imdb_id=parse_imdb_id(str(ids.get("imdb") or ""), field="movie imdb id"),
        tmdb_id=_whole_number(ids.get("tmdb"), field="movie tmdb id", low=1),
    )


def _film_key(entry: dict, film: FilmRef) -> tuple:
    """What makes two history entries the same film, for spotting rewatches."""
    trakt_id = _ids(entry["movie"]).get("trakt")
    if trakt_id:
        return ("trakt", trakt_id)
    if film.imdb_id or film.tmdb_id:
        return ("ids", film.imdb_id, film.tmdb_id)
    return ("title", film.title.casefold(), film.year)


def _whole_number(value: object, *, field: str, low: int, high: int | None = None) -> int | None:
    if value is None or value == "":
        return None
    # JSON true/false are ints to Python; neither is a year or an id.
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise RowError(f"{field} {value!r} is not a whole number")
    number = int(value)
    if number < low or (high is not None and number > high):
        raise RowError(f"{field} {value!r} is out of range")
    return number


def _timestamp(entry: dict, key: str) -> datetime:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RowError(f"{key} is missing")
    parsed = parse_datetime(value, field=key)
    # parse_datetime has no lower bound, and a time in year 1 overflows when converted to UTC.
    if parsed.year < 1870:
        raise RowError(f"{key} {value!r} is too far in the past")
    return parsed


def _rating(entry: object, origin: Origin) -> RatingRecord:
    entry = _object(entry)
    film = _movie(entry)
    rating = entry.get("rating")
    if isinstance(rating, bool) or not isinstance(rating, int):
        raise RowError(f"rating {rating!r} is not a whole number from 1 to 10")
    half_stars = half_stars_from_ten(str(rating), field="rating")
    return RatingRecord(film, half_stars, _timestamp(entry, "rated_at"), origin)


def _watchlist(entry: object, origin: Origin) -> WatchlistRecord:
    entry = _object(entry)
    film = _movie(entry)
    return WatchlistRecord(film, _timestamp(entry, "listed_at"), origin)


# -- history --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Viewing:
    film: FilmRef
    key: tuple
    watched_at: datetime
    history_id: int | None
    origin: Origin


def _parse_history(members: list[tuple[str, bytes]], parsed: ParsedExport) -> None:
    """Diary entries in file order, each a rewatch when the film was seen before it."""
    viewings: list[_Viewing] = []
    for file, data in members:
        for origin, entry in _entries(file, data):
            try:
                viewings.append(_viewing(entry, origin))
            except RowError as error:
                parsed.skip(origin, str(error))
    rewatches = _rewatches(viewings)
    for viewing in viewings:
        parsed.records.append(_history_record(viewing, rewatch=viewing.origin in rewatches))


def _viewing(entry: object, origin: Origin) -> _Viewing:
    entry = _object(entry)
    film = _movie(entry)
    history_id = entry.get("id")
    if isinstance(history_id, bool) or not isinstance(history_id, int):
        history_id = None
    watched_at = _timestamp(entry, "watched_at")
    return _Viewing(film, _film_key(entry, film), watched_at, history_id, origin)


def _rewatches(viewings: list[_Viewing]) -> set[Origin]:
    """Origins of viewings whose film was watched before, going through them by date.

    Trakt lists history newest first, so file order cannot tell which viewing came first;
    the history id breaks ties between viewings logged at the same moment.
    """
    seen: set[tuple] = set()
    rewatches: set[Origin] = set()
    by_date = sorted(
        viewings,
        key=lambda v: (v.watched_at, v.history_id or 0, v.origin.file, v.origin.line),
    )
    for viewing in by_date:
        if viewing.key in seen:
            rewatches.add(viewing.origin)
        seen.add(viewing.key)
    return rewatches


def _history_record(viewing: _Viewing, *, rewatch: bool) -> DiaryRecord | WatchedRecord:
    if viewing.watched_at == UNKNOWN_DATE:
        # Seen, but Trakt does not know when: a "seen" mark, not a diary entry dated 1970.
        return WatchedRecord(viewing.film, viewing.watched_at, viewing.origin)
    return DiaryRecord(
        film=viewing.film,
        watched_on=timezone.localtime(viewing.watched_at).date(),
        origin=viewing.origin,
        rewatch=rewatch,
        source_key=f"trakt:history:{viewing.history_id}" if viewing.history_id else "",
    )
