"""Movary's CSV exports: watch history, ratings and the watchlist.

Give the folder (or a ZIP of it) holding the CSV files Movary's settings page exports, or one
of those files alone. A file is told apart by its name (``history.csv``, ``ratings.csv``,
``watchlist.csv``, or any name containing those words, such as Movary's own
``export-history-1-1700000000.csv``), otherwise by its header. The headers, as Movary's
``ExportService`` writes them:

- history: ``title,year,tmdbId,imdbId,watchedAt,comment`` (newer versions add ``location``);
- ratings: ``title,year,tmdbId,imdbId,userRating`` (1-10);
- watchlist: ``title,year,tmdbId,imdbId,addedAt``.

Column names are matched ignoring case, in any order, and extra columns are ignored.

History rows become diary entries with ``comment`` as the note. Movary writes one identical
row per play, newest first, so a viewing is a rewatch when the film was played on an earlier
date or earlier on the same day; each is keyed by film, date and play number so a re-import
finds it again. A play Movary logged without a date becomes a "seen" mark instead.

Ratings are 1-10, exactly Marquee's half-star scale (7 is 3.5 stars). Movary does not export
when a rating was given, and "now" would differ on every import, so a rating is dated at the
film's latest viewing in the history (noon UTC, as dates without a time are everywhere in
the importers), or 1970-01-01 UTC when the history does not have the film: fixed values, so
importing the same export twice gives the same result and undated ratings sort after dated
ones instead of before them.

Some Movary versions wrote watchlist rows without the year under the five-column header, so
every value sits one column to the left; such rows are recognised (``imdbId`` holds a date and
``addedAt`` is empty) and read as they were meant.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path, PurePosixPath

from marquee.errors import InputError
from marquee.imports.files import check_file_size, csv_rows, decode_text, open_zip
from marquee.imports.records import (
    DiaryRecord,
    FilmRef,
    Origin,
    ParsedExport,
    RatingRecord,
    WatchedRecord,
    WatchlistRecord,
)
from marquee.imports.values import (
    RowError,
    half_stars_from_ten,
    parse_date,
    parse_datetime,
    parse_imdb_id,
    parse_year,
)

# (column that identifies the file, required columns, optional ones) per kind of file.
KINDS = {
    "history": ("watchedAt", ("title", "watchedAt"), ("year", "tmdbId", "imdbId", "comment")),
    "ratings": ("userRating", ("title", "userRating"), ("year", "tmdbId", "imdbId")),
    "watchlist": ("addedAt", ("title", "addedAt"), ("year", "tmdbId", "imdbId")),
}
NAME_WORDS = {"history": "history", "ratings": "rating", "watchlist": "watchlist"}
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)
LOOKS_LIKE_A_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse(path: Path, *, name: str | None = None) -> ParsedExport:
    """Read Movary's history, ratings and watchlist CSVs from a folder, ZIP or single file.

    ``name`` is the file's name as its owner gave it, when ``path`` is where it was stored
    under another (an upload); reports, and anything named after the file, use it.
    """
    name = name or path.name
    files = _find_files(_read_csv_files(path, name), where=name)
    parsed = ParsedExport()
    latest_viewing: dict[tuple, date] = {}
    if "history" in files:
        latest_viewing = _parse_history(*files["history"], parsed)
    if "ratings" in files:
        _parse_ratings(*files["ratings"], parsed, latest_viewing)
    if "watchlist" in files:
        _parse_watchlist(*files["watchlist"], parsed)
    return parsed


# -- finding the files ----------------------------------------------------------------------


def _read_csv_files(path: Path, name: str) -> dict[str, bytes]:
    """Every CSV file the export holds, by its name inside it (a lone CSV by ``name``)."""
    if path.is_dir():
        found = {}
        for file in sorted(path.rglob("*.csv")):
            check_file_size(file)
            found[file.relative_to(path).as_posix()] = file.read_bytes()
        return found
    if path.suffix.lower() == ".csv":
        check_file_size(path, name=name)
        return {name: path.read_bytes()}
    archive = open_zip(path, name=name)
    try:
        return {
            name: archive.read(name) for name in archive.names() if name.lower().endswith(".csv")
        }
    finally:
        archive.close()


def _find_files(csv_files: dict[str, bytes], *, where: str) -> dict[str, tuple[str, str]]:
    """The history, ratings and watchlist files as (name, text), refusing two of a kind."""
    files: dict[str, tuple[str, str]] = {}
    for name, data in csv_files.items():
        found = _classify(name, data)
        if found is None:
            continue
        kind, text = found
        if kind in files:
            raise InputError(
                "file",
                f"has two {kind} files, {files[kind][0]} and {name}; keep only one",
                file=where,
            )
        files[kind] = (name, text)
    if not files:
        raise InputError(
            "file", "has no Movary history.csv, ratings.csv or watchlist.csv", file=where
        )
    return files


def _classify(name: str, data: bytes) -> tuple[str, str] | None:
    """(kind, text) of a Movary file, by its name or else its header; None for other files."""
    path = PurePosixPath(name)
    if path.name.startswith("._"):  # macOS resource forks in ZIPs made by Finder
        return None
    for kind, word in NAME_WORDS.items():
        if word in path.stem.lower():
            return kind, decode_text(data, file=name)
    try:
        text = decode_text(data, file=name)
        header = {column.lower() for column in _header(text, file=name)}
    except InputError:
        return None  # not named like a Movary file and not readable as one: someone else's
    for kind, (marker, _, _) in KINDS.items():
        if marker.lower() in header:
            return kind, text
    return None


def _header(text: str, *, file: str) -> list[str]:
    try:
        first = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as error:
        raise InputError("csv", str(error), file=file, line=1) from None
    return [column.strip() for column in first]


def _rows(text: str, *, file: str, kind: str) -> Iterator[tuple[Origin, dict[str, str]]]:
    """Rows keyed by the column names above, whatever their case in the file."""
    _, required, optional = KINDS[kind]
    actual = {column.lower(): column for column in _header(text, file=file)}
    names = {column: actual.get(column.lower(), column) for column in (*required, *optional)}
    for line, row in csv_rows(text, file=file, required=[names[c] for c in required]):
        yield Origin(file, line), {column: row.get(name, "") for column, name in names.items()}


# -- reading rows ---------------------------------------------------------------------------


def _film(row: dict[str, str]) -> FilmRef:
    if not row["title"]:
        raise RowError("title is empty")
    return FilmRef(
        title=row["title"],
        year=parse_year(row["year"], field="year"),
        imdb_id=parse_imdb_id(row["imdbId"], field="imdbId"),
        tmdb_id=_tmdb_id(row["tmdbId"]),
    )


def _tmdb_id(value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise RowError(f"tmdbId {value!r} is not a TMDB id")
    return int(value)


def _film_key(film: FilmRef) -> tuple:
    """What makes rows of different files the same film: Movary's ids, else title and year."""
    if film.tmdb_id:
        return ("tmdb", film.tmdb_id)
    if film.imdb_id:
        return ("imdb", film.imdb_id)
    return ("title", film.title.casefold(), film.year)


# -- history --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Play:
    film: FilmRef
    key: tuple
    watched_on: date | None
    note: str
    origin: Origin


def _parse_history(file: str, text: str, parsed: ParsedExport) -> dict[tuple, date]:
    """Diary entries and seen marks; returns each film's latest viewing date."""
    plays: list[_Play] = []
    for origin, row in _rows(text, file=file, kind="history"):
        try:
            film = _film(row)
            watched = row["watchedAt"]
            watched_on = parse_date(watched, field="watchedAt") if watched else None
        except RowError as error:
            parsed.skip(origin, str(error))
            continue
        plays.append(_Play(film, _film_key(film), watched_on, row["comment"], origin))
    parsed.records.extend(_play_records(plays))
    latest: dict[tuple, date] = {}
    for play in plays:
        if play.watched_on and play.watched_on > latest.get(play.key, date.min):
            latest[play.key] = play.watched_on
    return latest


def _play_records(plays: list[_Play]) -> list[DiaryRecord | WatchedRecord]:
    """Records in file order, rewatches and play numbers worked out in date order.

    Plays without a date count as the earliest: Movary users log them for films seen long
    before they started tracking.
    """
    seen: set[tuple] = set()
    plays_that_day: Counter[tuple] = Counter()
    records: dict[Origin, DiaryRecord | WatchedRecord] = {}
    for play in sorted(plays, key=lambda p: (p.watched_on or date.min, p.origin.line)):
        rewatch = play.key in seen
        seen.add(play.key)
        if play.watched_on is None:
            records[play.origin] = WatchedRecord(play.film, UNDATED, play.origin)
            continue
        plays_that_day[(play.key, play.watched_on)] += 1
        number = plays_that_day[(play.key, play.watched_on)]
        records[play.origin] = DiaryRecord(
            film=play.film,
            watched_on=play.watched_on,
            origin=play.origin,
            rewatch=rewatch,
            note=play.note,
            source_key=_source_key(play, number),
        )
    return [records[play.origin] for play in plays]


def _source_key(play: _Play, number: int) -> str:
    """``movary:<film id>:<date>:<n>``: Movary has no id per play, so film, day and count."""
    kind, *values = play.key
    if kind == "title":
        return ""  # no id to key by; film, date and rewatch identify the entry instead
    return f"movary:{kind}-{values[0]}:{play.watched_on.isoformat()}:{number}"


# -- ratings and watchlist ------------------------------------------------------------------


def _parse_ratings(
    file: str, text: str, parsed: ParsedExport, latest_viewing: dict[tuple, date]
) -> None:
    for origin, row in _rows(text, file=file, kind="ratings"):
        try:
            film = _film(row)
            half_stars = half_stars_from_ten(row["userRating"], field="userRating")
        except RowError as error:
            parsed.skip(origin, str(error))
            continue
        viewed = latest_viewing.get(_film_key(film))
        rated_at = datetime.combine(viewed, time(12), tzinfo=UTC) if viewed else UNDATED
        parsed.records.append(RatingRecord(film, half_stars, rated_at, origin))


def _parse_watchlist(file: str, text: str, parsed: ParsedExport) -> None:
    for origin, row in _rows(text, file=file, kind="watchlist"):
        row = _unshifted(row)
        try:
            film = _film(row)
            added_at = _parse_datetime(row["addedAt"], field="addedAt")
        except RowError as error:
            parsed.skip(origin, str(error))
            continue
        parsed.records.append(WatchlistRecord(film, added_at, origin))


def _unshifted(row: dict[str, str]) -> dict[str, str]:
    """A row from the Movary versions that left out the year, put back in its columns."""
    if row["addedAt"] or not LOOKS_LIKE_A_DATE.match(row["imdbId"]):
        return row
    return {
        **row,
        "year": "",
        "tmdbId": row["year"],
        "imdbId": row["tmdbId"],
        "addedAt": row["imdbId"],
    }


def _parse_datetime(value: str, *, field: str) -> datetime:
    """``parse_datetime``, refusing times before films: year 1 overflows when made UTC."""
    parsed = parse_datetime(value, field=field)
    if parsed.year < 1870:
        raise RowError(f"{field} {value!r} is too far in the past")
    return parsed
