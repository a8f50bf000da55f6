"""Letterboxd's data export: the ZIP from Settings → Data → Export your data.

The ZIP holds one CSV per kind of thing a member keeps, all optional:

- ``diary.csv``: viewings with a date, rating, rewatch flag and tags;
- ``reviews.csv``: the diary columns plus ``Review``, for entries with a review;
- ``ratings.csv``: the current rating of each film;
- ``watched.csv``, ``watchlist.csv`` and ``likes/films.csv``: films with the date they were added;
- ``lists/*.csv``: one file per list, a header block describing the list, then its films.

Everything else (``profile.csv``, ``comments.csv``, the ``deleted/`` and ``orphaned/`` folders
of things the member removed) is left alone. Letterboxd gives films by name and year only, so
the records carry no ids; the import's ``FilmIndex`` matches titles through accents, articles
and a year either way. A single ``diary.csv``, ``ratings.csv`` or ``watchlist.csv`` given on
its own is read too, recognised by its name or its header.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import TypeVar

from marquee.errors import InputError
from marquee.imports.files import CSV_FIELD_LIMIT, check_file_size, csv_rows, decode_text, open_zip
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
from marquee.imports.values import (
    RowError,
    half_stars_from_stars,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_year,
)
from marquee.sanitize import clean_block, clean_line

FILM_COLUMNS = ("Date", "Name", "Year", "Letterboxd URI")
RATING_COLUMNS = (*FILM_COLUMNS, "Rating")
DIARY_COLUMNS = (*RATING_COLUMNS, "Rewatch", "Tags", "Watched Date")
REVIEW_COLUMNS = (*DIARY_COLUMNS, "Review")
LIST_COLUMNS = ("Date", "Name", "Tags", "URL", "Description")
LIST_ITEM_COLUMNS = ("Position", "Name", "Year", "URL", "Description")
LIST_SIGNATURE = "Letterboxd list export"

# The files read from the export, in the order their records are applied.
EXPORT_FILES = (
    "diary.csv",
    "reviews.csv",
    "ratings.csv",
    "watched.csv",
    "watchlist.csv",
    "likes/films.csv",
)
EXPECTED = "expected diary.csv, ratings.csv, reviews.csv, watched.csv, watchlist.csv, " + (
    "likes/films.csv or lists/*.csv"
)

# The limits of the fields these values are stored in (readers.models).
MAX_SOURCE_KEY_CHARS = 200
MAX_NOTE_CHARS = 20_000
MAX_LIST_NAME_CHARS = 200
MAX_LIST_TEXT_CHARS = 5_000

Built = TypeVar("Built")
ReadText = Callable[[str], str]


def parse(path: Path, *, name: str | None = None) -> ParsedExport:
    """Read a Letterboxd export ZIP (or one of its CSV files) into records and skipped rows.

    ``name`` is the file's name as its owner gave it, when ``path`` is where it was stored
    under another (an upload); reports, and anything named after the file, use it.
    """
    name = name or path.name
    if path.suffix.lower() == ".csv":
        return _parse_single_csv(path, name)
    export = open_zip(path, name=name)
    try:
        members = _export_members(export.names())
        if not members:
            raise InputError(
                "export", f"this does not look like a Letterboxd export: {EXPECTED}", file=name
            )
        return _parse_files(members, lambda member: _text(export.read(member), member))
    finally:
        export.close()


# -- finding the files ------------------------------------------------------------------------


def _export_members(names: list[str]) -> dict[str, str]:
    """Each Letterboxd file found (``diary.csv``, ``lists/x.csv``) mapped to its ZIP member.

    Letterboxd puts its files at the top of the ZIP; an export unpacked and zipped again has
    them one folder down, so that folder is looked through when nothing is at the top.
    """
    names = [name for name in names if not name.startswith("__MACOSX/")]
    found = _known_files(names, prefix="")
    folders = {name.split("/", 1)[0] for name in names}
    if not found and len(folders) == 1 and all("/" in name for name in names):
        found = _known_files(names, prefix=f"{folders.pop()}/")
    return found


def _known_files(names: list[str], *, prefix: str) -> dict[str, str]:
    found = {}
    for name in sorted(names):
        if not name.startswith(prefix):
            continue
        relative = name.removeprefix(prefix)
        if relative in EXPORT_FILES or _is_list_file(relative):
            found[relative] = name
    return found


def _is_list_file(relative: str) -> bool:
    parts = PurePosixPath(relative).parts
    return len(parts) == 2 and parts[0] == "lists" and parts[1].lower().endswith(".csv")


def _text(data: bytes, member: str) -> str:
    text = decode_text(data, file=member)
    if not text.strip():
        raise InputError("file", "is empty", file=member, line=1)
    return text


def _parse_single_csv(path: Path, name: str) -> ParsedExport:
    """One CSV from an export, given on its own instead of the whole ZIP."""
    check_file_size(path, name=name)
    text = _text(path.read_bytes(), name)
    kind = _single_csv_kind(name, text)
    return _parse_files({kind: name}, lambda member: text)


def _single_csv_kind(name: str, text: str) -> str:
    """Which export file a lone CSV is: by its name when it kept it, else by its header."""
    lowered = name.lower()
    if lowered in EXPORT_FILES:
        return lowered
    if lowered == "films.csv":
        return "likes/films.csv"
    if text.startswith(LIST_SIGNATURE):
        return f"lists/{name}"
    try:
        columns = {column.strip() for column in next(csv.reader(io.StringIO(text, newline="")))}
    except (csv.Error, StopIteration):
        columns = set()
    for kind, required in [
        ("reviews.csv", REVIEW_COLUMNS),
        ("diary.csv", DIARY_COLUMNS),
        ("ratings.csv", RATING_COLUMNS),
    ]:
        if columns >= set(required):
            return kind
    if columns >= set(FILM_COLUMNS):
        # watched.csv, watchlist.csv and likes/films.csv share one header; only the name differs.
        return "watched.csv" if "watched" in lowered else "watchlist.csv"
    raise InputError(
        "header",
        "is not a Letterboxd CSV: expected the columns of diary.csv, ratings.csv or "
        f"watchlist.csv ({', '.join(FILM_COLUMNS)}, ...)",
        file=name,
        line=1,
    )


def _parse_files(members: dict[str, str], read: ReadText) -> ParsedExport:
    """Records from every file found, each file read by the function for its kind."""
    parsed = ParsedExport()

    def rows(kind: str, required: tuple[str, ...], build: Callable[..., Built]) -> list[Built]:
        member = members.get(kind)
        if member is None:
            return []
        return list(_records(read(member), member, required, build, parsed))

    diary = rows("diary.csv", DIARY_COLUMNS, _diary_entry)
    reviews = rows("reviews.csv", REVIEW_COLUMNS, _reviewed_entry)
    parsed.records.extend(_merge_reviews(diary, reviews))
    parsed.records.extend(rows("ratings.csv", RATING_COLUMNS, _rating))
    parsed.records.extend(rows("watched.csv", FILM_COLUMNS, _watched))
    parsed.records.extend(rows("watchlist.csv", FILM_COLUMNS, _watchlist_entry))
    parsed.records.extend(rows("likes/films.csv", FILM_COLUMNS, _like))
    for kind, member in members.items():
        if kind.startswith("lists/"):
            film_list = _film_list(read(member), member, parsed)
            if film_list is not None:
                parsed.records.append(film_list)
    return parsed


def _records(
    text: str,
    file: str,
    required: tuple[str, ...],
    build: Callable[[dict[str, str], Origin], Built],
    parsed: ParsedExport,
    *,
    header_line: int = 1,
) -> Iterator[Built]:
    """One record per row; a row with a value that cannot be used is skipped with the reason."""
    for line, row in csv_rows(text, file=file, required=required, header_line=header_line):
        origin = Origin(file, line)
        try:
            yield build(row, origin)
        except RowError as error:
            parsed.skip(origin, str(error))


# -- one function per file --------------------------------------------------------------------


def _diary_entry(row: dict[str, str], origin: Origin) -> DiaryRecord:
    """A ``diary.csv`` row: one viewing. ``Date`` is when it was logged, which stands in for a
    missing ``Watched Date``."""
    watched_field = "Watched Date" if row["Watched Date"] else "Date"
    return DiaryRecord(
        film=_film(row),
        watched_on=parse_date(row[watched_field], field=watched_field),
        origin=origin,
        rewatch=parse_bool(row["Rewatch"], field="Rewatch"),
        half_stars=half_stars_from_stars(row["Rating"]) if row["Rating"] else None,
        tags=_tags(row["Tags"]),
        source_key=_source_key(row),
    )


def _reviewed_entry(row: dict[str, str], origin: Origin) -> DiaryRecord:
    """A ``reviews.csv`` row: a diary entry with its review as the note."""
    note = _text_block(row["Review"], field="Review", max_chars=MAX_NOTE_CHARS)
    return replace(_diary_entry(row, origin), note=note)


def _merge_reviews(diary: list[DiaryRecord], reviews: list[DiaryRecord]) -> list[DiaryRecord]:
    """Diary entries with the review written on each; a review of no diary row is an entry.

    A review shares its diary row's Letterboxd URI. The diary row stays the record (its origin
    and values); only the review's text is taken.
    """
    entries = list(diary)
    position = {entry.source_key: index for index, entry in enumerate(entries) if entry.source_key}
    for review in reviews:
        index = position.get(review.source_key) if review.source_key else None
        if index is None:
            entries.append(review)
        else:
            entries[index] = replace(entries[index], note=review.note)
    return entries


def _rating(row: dict[str, str], origin: Origin) -> RatingRecord:
    """A ``ratings.csv`` row: the film's current rating, dated at noon UTC of ``Date``."""
    return RatingRecord(
        film=_film(row),
        half_stars=half_stars_from_stars(row["Rating"]),
        rated_at=_added_at(row),
        origin=origin,
    )


def _watched(row: dict[str, str], origin: Origin) -> WatchedRecord:
    """A ``watched.csv`` row: a film marked as seen, with no viewing date."""
    return WatchedRecord(film=_film(row), logged_at=_added_at(row), origin=origin)


def _watchlist_entry(row: dict[str, str], origin: Origin) -> WatchlistRecord:
    """A ``watchlist.csv`` row."""
    return WatchlistRecord(film=_film(row), added_at=_added_at(row), origin=origin)


def _like(row: dict[str, str], origin: Origin) -> LikeRecord:
    """A ``likes/films.csv`` row."""
    return LikeRecord(film=_film(row), liked_at=_added_at(row), origin=origin)


def _film_list(text: str, file: str, parsed: ParsedExport) -> ListRecord | None:
    """A ``lists/*.csv`` file: the list's own row, then its films in order.

    A list whose name cannot be used is skipped whole; a film row that cannot be used is
    skipped and the rest of the list kept.
    """
    head_text, items_text, items_line = _list_blocks(text, file)
    head = next(csv_rows(head_text, file=file, required=LIST_COLUMNS, header_line=2), None)
    if head is None:
        raise InputError("list", "has no row naming the list after its header", file=file, line=3)
    line, row = head
    origin = Origin(file, line)
    try:
        name = _text_line(row["Name"], field="Name", max_chars=MAX_LIST_NAME_CHARS)
        description = _text_block(
            row["Description"], field="Description", max_chars=MAX_LIST_TEXT_CHARS
        )
    except RowError as error:
        parsed.skip(origin, str(error))
        return None
    items: tuple[ListItemRecord, ...] = ()
    if items_text:
        items = tuple(
            _records(
                items_text, file, LIST_ITEM_COLUMNS, _list_item, parsed, header_line=items_line
            )
        )
    return ListRecord(name=name, origin=origin, description=description, items=items)


def _list_blocks(text: str, file: str) -> tuple[str, str, int]:
    """Split a list file into its header block (from line 2), its items block, and the line
    the items block starts on.

    The blocks are separated by a blank line, but a description may hold blank lines of its
    own inside quotes, so the split is found by reading CSV records, not by looking for lines.
    """
    stream = io.StringIO(text, newline="")
    first = stream.readline()
    if not first.startswith(LIST_SIGNATURE):
        raise InputError(
            "header",
            f"expected {LIST_SIGNATURE!r} on the first line, found {first.strip()[:60]!r}",
            file=file,
            line=1,
        )
    head_start = stream.tell()
    csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(stream)
    try:
        next(reader, None)  # the list's column names
        next(reader, None)  # the list's own row
        while True:
            items_start, lines_read = stream.tell(), reader.line_num
            row = next(reader, None)
            if row is None:
                return text[head_start:], "", 0
            if any(value.strip() for value in row):
                # line 1 was read before the CSV reader started counting
                return text[head_start:items_start], text[items_start:], lines_read + 2
    except csv.Error as error:
        raise InputError("csv", str(error), file=file, line=reader.line_num + 1) from None


def _list_item(row: dict[str, str], origin: Origin) -> ListItemRecord:
    """A film row of a list file: its position, and the member's note on it."""
    return ListItemRecord(
        film=_film(row),
        position=_position(row["Position"]),
        origin=origin,
        note=_text_block(row["Description"], field="Description", max_chars=MAX_LIST_TEXT_CHARS),
    )


# -- values -----------------------------------------------------------------------------------


def _film(row: dict[str, str]) -> FilmRef:
    if not row["Name"]:
        raise RowError("Name is empty")
    return FilmRef(title=row["Name"], year=parse_year(row["Year"]))


def _added_at(row: dict[str, str]) -> datetime:
    return parse_datetime(row["Date"], field="Date")


def _tags(value: str) -> tuple[str, ...]:
    """Letterboxd writes all tags in one quoted field: ``"horror, rewatch, 35mm"``."""
    tags = (tag.strip() for tag in value.split(","))
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def _source_key(row: dict[str, str]) -> str:
    """The diary entry's own URI (``https://boxd.it/...``), so a re-import finds it again."""
    uri = row["Letterboxd URI"]
    if len(uri) > MAX_SOURCE_KEY_CHARS:
        raise RowError(f"Letterboxd URI is longer than {MAX_SOURCE_KEY_CHARS} characters")
    return uri


def _position(value: str) -> int:
    try:
        position = int(value)
    except ValueError:
        raise RowError(f"Position {value!r} is not a whole number") from None
    if position < 1:
        raise RowError(f"Position {value!r} is not a position from 1 up")
    return position


def _text_line(value: str, *, field: str, max_chars: int) -> str:
    try:
        return clean_line(value, field=field, max_chars=max_chars)
    except InputError as error:
        raise RowError(f"{field} {error.message}") from None


def _text_block(value: str, *, field: str, max_chars: int) -> str:
    try:
        return clean_block(value, field=field, max_chars=max_chars, required=False)
    except InputError as error:
        raise RowError(f"{field} {error.message}") from None
