"""IMDb's CSV exports: your ratings, your watchlist, and your lists.

IMDb exports three kinds of CSV; the header says which one a file is (columns may come in any
order, and extra ones are ignored):

- ratings: ``Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,
  Runtime (mins),Year,Genres,Num Votes,Release Date,Directors`` (older exports lack
  ``Original Title``). Recognised by ``Your Rating`` without ``Position``.
- the watchlist and other lists: ``Position,Const,Created,Modified,Description,Title,
  Original Title,URL,Title Type,...`` (older ones lack ``Original Title``; some add
  ``Your Rating`` and ``Date Rated``). A file whose name says "watchlist" becomes watchlist
  entries added on ``Created``; any other becomes a list named after the file, its items in
  ``Position`` order with ``Description`` as each item's note. Rated rows of either also
  become ratings.

IMDb rates 1-10, which is exactly the half-star scale Marquee stores: 7/10 is 3.5 stars.
Only films are imported: a row whose ``Title Type`` names a series, an episode, a game, a
podcast or a music video is skipped (movies, TV movies, videos, shorts and specials are kept).
Files are UTF-8, with or without a byte-order mark; older exports were Windows-1252, which is
tried next. A ZIP holding such CSV files is read file by file.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path, PurePosixPath

from marquee.errors import InputError
from marquee.imports.files import check_file_size, csv_rows, decode_text, open_zip
from marquee.imports.records import (
    FilmRef,
    ListItemRecord,
    ListRecord,
    Origin,
    ParsedExport,
    RatingRecord,
    WatchlistRecord,
)
from marquee.imports.values import (
    RowError,
    half_stars_from_ten,
    parse_datetime,
    parse_imdb_id,
    parse_year,
)

ENCODINGS = ("utf-8-sig", "cp1252")
RATINGS_COLUMNS = ("Const", "Your Rating", "Date Rated", "Title")
LIST_COLUMNS = ("Position", "Const", "Created", "Title")
# Words in a Title Type that mean "not a film", in IMDb's English and camelCase spellings and
# the localised ones its exports use for readers browsing in other languages ("Serie TV").
NOT_FILM_WORDS = ("serie", "episod", "game", "podcast", "music video", "musicvideo")
MAX_LIST_NAME_CHARS = 200  # FilmList.name


def parse(path: Path, *, name: str | None = None) -> ParsedExport:
    """Read an IMDb ratings, watchlist or list CSV (or a ZIP of them) into records.

    ``name`` is the file's name as its owner gave it, when ``path`` is where it was stored
    under another (an upload); reports, and anything named after the file, use it.
    """
    name = name or path.name
    if path.suffix.lower() == ".zip":
        return _parse_zip(path, name)
    check_file_size(path, name=name)
    return parse_csv(path.read_bytes(), file=name)


def _parse_zip(path: Path, name: str) -> ParsedExport:
    archive = open_zip(path, name=name)
    try:
        members = [member for member in archive.names() if member.lower().endswith(".csv")]
        if not members:
            raise InputError("file", "holds no CSV file", file=name)
        parsed = ParsedExport()
        for member in sorted(members):
            parsed.extend(parse_csv(archive.read(member), file=member))
        return parsed
    finally:
        archive.close()


def parse_csv(data: bytes, *, file: str) -> ParsedExport:
    """One IMDb CSV, whose kind (ratings, watchlist or list) its header and name decide."""
    text = decode_text(data, file=file, encodings=ENCODINGS)
    columns = _header(text, file=file)
    if "Position" in columns:
        return _parse_list(text, file=file)
    if "Your Rating" in columns:
        return _parse_ratings(text, file=file)
    raise InputError(
        "header",
        "is neither IMDb's ratings export (Const, Your Rating, Date Rated, Title, ...) nor a "
        f"watchlist or list export (Position, Const, Created, Title, ...); found "
        f"{', '.join(columns) or 'nothing'}",
        file=file,
        line=1,
    )


def _header(text: str, *, file: str) -> list[str]:
    if not text.strip():
        raise InputError("file", "is empty", file=file)
    try:
        first = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as error:
        raise InputError("csv", str(error), file=file, line=1) from None
    return [name.strip() for name in first]


def _parse_ratings(text: str, *, file: str) -> ParsedExport:
    parsed = ParsedExport()
    for line, row in csv_rows(text, file=file, required=RATINGS_COLUMNS):
        origin = Origin(file, line)
        try:
            parsed.records.append(_rating(row, _film(row), origin))
        except RowError as error:
            parsed.skip(origin, str(error))
    return parsed


def _parse_list(text: str, *, file: str) -> ParsedExport:
    """A watchlist or a named list; rated rows also give ratings."""
    is_watchlist = "watchlist" in PurePosixPath(file).stem.lower()
    parsed = ParsedExport()
    items: list[tuple[int, ListItemRecord]] = []
    for line, row in csv_rows(text, file=file, required=LIST_COLUMNS):
        origin = Origin(file, line)
        try:
            film = _film(row)
            if is_watchlist:
                added_at = _parse_datetime(row["Created"], field="Created")
                parsed.records.append(WatchlistRecord(film, added_at, origin))
            else:
                position = _position(row["Position"])
                items.append(
                    (position, ListItemRecord(film, 0, origin, row.get("Description", "")))
                )
        except RowError as error:
            parsed.skip(origin, str(error))
            continue
        # A bad rating costs only the rating: the row still belongs on the list.
        if row.get("Your Rating"):
            try:
                parsed.records.append(_rating(row, film, origin))
            except RowError as error:
                parsed.skip(origin, str(error))
    if not is_watchlist:
        parsed.records.append(_list_record(file, items))
    return parsed


def _list_record(file: str, items: list[tuple[int, ListItemRecord]]) -> ListRecord:
    """The list in Position order, renumbered 1..n.

    Renumbering keeps the order while making sure positions never repeat, even when a
    hand-edited file has gaps or the same Position twice (the list stores them uniquely).
    """
    ordered = sorted(items, key=lambda pair: (pair[0], pair[1].origin.line))
    numbered = tuple(
        ListItemRecord(item.film, number, item.origin, item.note)
        for number, (_, item) in enumerate(ordered, start=1)
    )
    name = PurePosixPath(file).stem[:MAX_LIST_NAME_CHARS].rstrip()
    return ListRecord(name, Origin(file, 1), items=numbered)


def _film(row: dict[str, str]) -> FilmRef:
    kind = row.get("Title Type", "")
    if any(word in kind.lower() for word in NOT_FILM_WORDS):
        raise RowError(f"Title Type {kind!r} is not a film")
    title = row["Title"]
    if not title:
        raise RowError("Title is empty")
    original = row.get("Original Title", "")
    return FilmRef(
        title=title,
        year=parse_year(row.get("Year", "")),
        imdb_id=parse_imdb_id(row["Const"]),
        original_title="" if original == title else original,
    )


def _rating(row: dict[str, str], film: FilmRef, origin: Origin) -> RatingRecord:
    half_stars = half_stars_from_ten(row["Your Rating"])
    rated_at = _parse_datetime(row.get("Date Rated", ""), field="Date Rated")
    return RatingRecord(film, half_stars, rated_at, origin)


def _position(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise RowError(f"Position {value!r} is not a whole number from 1")
    return int(value)


def _parse_datetime(value: str, *, field: str) -> datetime:
    """``parse_datetime``, refusing times before films: year 1 overflows when made UTC."""
    parsed = parse_datetime(value, field=field)
    if parsed.year < 1870:
        raise RowError(f"{field} {value!r} is too far in the past")
    return parsed
