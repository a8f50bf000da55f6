"""IMDb's non-commercial datasets into the catalog: films with their directors, writers,
principal cast and alternate titles.

IMDb publishes its datasets (https://datasets.imdbws.com/, personal and non-commercial use) as
gzip-compressed, tab-separated files with a header row, ``\\N`` for null and no quoting:

- ``title.ratings.tsv.gz``: tconst averageRating numVotes
- ``title.basics.tsv.gz``: tconst titleType primaryTitle originalTitle isAdult startYear
  endYear runtimeMinutes genres (comma-separated)
- ``title.crew.tsv.gz``: tconst directors writers (comma-separated nconsts)
- ``title.principals.tsv.gz``: tconst ordering nconst category job characters (a JSON list)
- ``name.basics.tsv.gz``: nconst primaryName birthYear deathYear primaryProfession
  knownForTitles
- ``title.akas.tsv.gz``: titleId ordering title region language types attributes
  isOriginalTitle

What is kept: titles of type ``movie`` and ``tvMovie`` (TV films such as *Duel* are reviewed like
films; ``video``, shorts, series and episodes are not films), not adult, with at least
``min_votes`` votes. Their directors and writers (crew), principal cast (principals'
actor, actress and self, with billing order and character; their director and writer rows too),
the people those credits name, and their alternate titles: one per distinct title (by match key),
with the region and language of its first listing, leaving out working titles (never release
titles, often generic phrases) and titles the film already goes by.

The files are gigabytes (basics about 10 million rows, principals 90 million, akas 50 million),
so each is streamed once, in an order that lets every pass keep only what the later ones need:
ratings give the ids of titles with enough votes (a set of ints); basics the films among them;
crew and principals those films' credits, spilled to an unnamed temporary file, and the set of
people they name; name.basics those people's names; akas the films' titles, spilled too. Memory
grows with the number of films kept, never with the size of the files.

Everything is read, and every file's header checked, before the database is touched. Then one
transaction writes the difference, in bulk: a failure or a dry run leaves the database as it
was, and the write lock is held for the writing only, not for the minutes the reading takes.
Films are matched by IMDb id, then (films without one) by title and year when exactly one fits;
a matched film only has its blanks filled (year, original title, runtime, IMDb id, genres when it
has none), never its curated values. People are matched by IMDb id; a person without one who is
already credited on the same film under the same name gets the IMDb id rather than a twin.
Existing credits and titles are kept as they are. A second load of the same files changes
nothing.

Bad input: a missing file or column, or a file that is not gzip, is an ``InputError`` before
anything is written. A line that cannot be used (wrong number of fields, an id that is not one,
a value that is not a number, bytes that are not UTF-8) is skipped and listed with its file and
line, as the other loaders do; lines of titles and people not kept are not checked beyond their
id, which is what makes reading 90 million lines affordable.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import pickle
import re
import tempfile
import zlib
from collections.abc import Callable, Collection, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from marquee.catalog.loaders import (
    MAX_DATASET_BYTES,
    MAX_TITLE_CHARS,
    DryRun,
    LoadReport,
    NameTable,
    Progress,
    Slugs,
    Tally,
    batches,
    cap,
    films_insert,
    insert_new,
    untrusted_line,
    update_rows,
)
from marquee.catalog.matching import name_match_key, title_match_key
from marquee.catalog.models import AlternateTitle, Credit, Film, Genre, Person
from marquee.errors import InputError
from marquee.imports.files import CSV_FIELD_LIMIT, check_file_size
from marquee.imports.values import RowError

DEFAULT_MIN_VOTES = 1_000
FILM_TYPES = ("movie", "tvMovie")
NULL = "\\N"

RATINGS = "title.ratings.tsv.gz"
BASICS = "title.basics.tsv.gz"
CREW = "title.crew.tsv.gz"
PRINCIPALS = "title.principals.tsv.gz"
NAMES = "name.basics.tsv.gz"
AKAS = "title.akas.tsv.gz"
# The columns each file must have; a file may have more.
COLUMNS = {
    RATINGS: ("tconst", "numVotes"),
    BASICS: (
        "tconst", "titleType", "primaryTitle", "originalTitle", "isAdult", "startYear",
        "runtimeMinutes", "genres",
    ),
    CREW: ("tconst", "directors", "writers"),
    PRINCIPALS: ("tconst", "ordering", "nconst", "category", "characters"),
    NAMES: ("nconst", "primaryName"),
    AKAS: ("titleId", "title", "region", "language", "types"),
}  # fmt: skip
# The files in the order they are read, then the writing: what a progress display counts.
FILES = (RATINGS, BASICS, CREW, PRINCIPALS, NAMES, AKAS)
STAGES = len(FILES) + 1
WRITING = "writing to the database"

CAST_CATEGORIES = {
    "actor": Credit.Role.CAST.value,
    "actress": Credit.Role.CAST.value,
    "self": Credit.Role.CAST.value,
    "director": Credit.Role.DIRECTOR.value,
    "writer": Credit.Role.WRITER.value,
}
# IMDb's genre names as the catalog (and TMDB) spells them; None is "not a genre to keep".
GENRE_NAMES: dict[str, str | None] = {
    "Sci-Fi": "Science Fiction",
    "Film-Noir": "Film Noir",
    "Adult": None,
}
MAX_NAME_CHARS = 200
MAX_CHARACTER_CHARS = 200
MAX_ORDER = 32_767  # PositiveSmallIntegerField
MAX_RUNTIME_MINUTES = 32_767
SPILL_BATCH = 10_000
# SQLite's page cache while writing, so the indexes of the tables written stay in memory.
SQLITE_CACHE_KIB = 32 * 1024
PROGRESS_BYTES = 1 << 20
_REGION = re.compile(r"[A-Z]{2,4}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
# Bytes that are not UTF-8 are read as lone surrogates (``surrogateescape``), so a bad byte
# costs its own line, not the file; only the lines that are kept are looked at.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")

StageProgress = Callable[[str, int, str], Progress]
"""``progress(stage, total, unit)`` is called as each stage starts (each file, counted in bytes
of the compressed file, unit ``"B"``; then the writing, in rows, unit ``"row"``) and returns the
``Progress`` that stage reports to."""


# -- the report -------------------------------------------------------------------------------


@dataclass
class ImdbReport(LoadReport):
    """A ``LoadReport`` that also counts people, credits and alternate titles."""

    people: Tally = field(default_factory=Tally)
    credits: Tally = field(default_factory=Tally)
    titles: Tally = field(default_factory=Tally)

    def summary(self) -> str:
        if not self.changed_anything and not self.dry_run:
            text = f"Nothing changed: all {self.unchanged:,} items were already here."
        else:
            text = "Dry run, nothing written. " if self.dry_run else ""
            text += (
                f"Films: {self.films}. People: {self.people}. Credits: {self.credits}. "
                f"Alternate titles: {self.titles}."
            )
        if self.skipped_total:
            text += f" Skipped {self.skipped_total:,} rows"
            if self.skipped_total > len(self.skipped):
                text += f" (the first {len(self.skipped):,} are listed)"
            text += "."
        return text

    def to_dict(self) -> dict:
        return super().to_dict() | {
            "people": self.people.to_dict(),
            "credits": self.credits.to_dict(),
            "alternate_titles": self.titles.to_dict(),
        }


# -- files ------------------------------------------------------------------------------------


class _CountingReader:
    """A binary file that reports how many of its bytes have been read, every megabyte or so:
    the progress of a gzip stream, measured where the file's size is known, at no cost a row."""

    def __init__(self, handle: io.BufferedReader, size: int, progress: Progress | None) -> None:
        self._handle = handle
        self._size = size
        self._progress = progress
        self._done = self._reported = 0

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self._done += len(data)
        if self._progress and (not data or self._done - self._reported >= PROGRESS_BYTES):
            self._reported = self._done
            self._progress(min(self._done, self._size), self._size)
        return data


class ImdbFile:
    """One IMDb file read as a stream of rows: ``reader`` gives each row's values, ``line``
    the line it ended on. Read rows inside ``reading()``, which turns a broken file into an
    ``InputError`` naming the file and line."""

    def __init__(self, directory: Path, name: str, progress: Progress | None = None) -> None:
        path = directory / name
        check_file_size(path, limit=MAX_DATASET_BYTES)
        self.name = name
        self._handle = path.open("rb")
        stream = gzip.GzipFile(
            fileobj=_CountingReader(self._handle, path.stat().st_size, progress), mode="rb"
        )
        self._text = io.TextIOWrapper(
            stream, encoding="utf-8-sig", errors="surrogateescape", newline=""
        )
        csv.field_size_limit(CSV_FIELD_LIMIT)
        self.reader = csv.reader(self._text, delimiter="\t", quoting=csv.QUOTE_NONE)
        try:
            self.positions, self.width = self._read_header(COLUMNS[name])
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> ImdbFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._text.close()
        self._handle.close()

    @property
    def line(self) -> int:
        return self.reader.line_num

    @contextmanager
    def reading(self) -> Iterator[None]:
        try:
            yield
        except csv.Error as error:
            raise InputError("tsv", str(error), file=self.name, line=self.line + 1) from None
        except (OSError, EOFError, zlib.error) as error:
            # gzip.BadGzipFile is an OSError; a truncated download ends in EOFError.
            raise InputError(
                "gzip", f"cannot be read as gzip ({error})", file=self.name, line=self.line + 1
            ) from None

    def _read_header(self, columns: tuple[str, ...]) -> tuple[dict[str, int], int]:
        with self.reading():
            header = next(self.reader, None)
        if header is None:
            raise InputError("file", "is empty", file=self.name)
        names = [name.strip() for name in header]
        missing = [name for name in columns if name not in names]
        if missing:
            found = ", ".join(names)[:200] or "nothing"
            raise InputError(
                "header",
                f"missing column(s) {', '.join(missing)}; found {found}",
                file=self.name,
                line=1,
            )
        return {name: names.index(name) for name in columns}, len(names)

    def problem(self, values: list[str]) -> str | None:
        """Why a row of this file cannot be used as it is, or None."""
        if len(values) != self.width:
            return f"has {len(values)} fields; expected {self.width}"
        if _NOT_UTF8.search("\t".join(values)):
            return "is not valid UTF-8"
        return None


def check_directory(directory: Path) -> None:
    """Refuse a folder that lacks a file, or whose files lack a column, before reading rows."""
    if not directory.is_dir():
        raise InputError("directory", "is not a folder", file=str(directory))
    missing = [name for name in FILES if not (directory / name).is_file()]
    if missing:
        raise InputError(
            "directory",
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing; the IMDb "
            "folder needs all six files from https://datasets.imdbws.com/",
            file=str(directory),
        )
    for name in FILES:
        ImdbFile(directory, name).close()


# -- values -----------------------------------------------------------------------------------


def imdb_number(text: str, prefix: str, column: str) -> int:
    """``tt0114709`` is 114709 (``nm`` for people); anything else is a ``RowError``."""
    digits = text[2:]
    if text[:2] != prefix or not digits.isascii() or not digits.isdigit() or len(digits) > 10:
        raise RowError(f"{column} {text[:30]!r} is not an IMDb id like {prefix}0000001")
    return int(digits)


def stored_number(value: str | None, prefix: str) -> int | None:
    """The number of an IMDb id as the catalog stores it, None when it is not one."""
    try:
        return imdb_number(value or "", prefix, "")
    except RowError:
        return None


def title_id(number: int) -> str:
    return f"tt{number:07d}"


def name_id(number: int) -> str:
    return f"nm{number:07d}"


def clean_line(value: str, *, max_chars: int) -> str:
    """``untrusted_line``, with a shortcut for the printable ASCII most IMDb text is: there
    is nothing to normalize or drop in it, only whitespace to collapse."""
    if value.isascii() and value.isprintable():
        return cap(" ".join(value.split()), max_chars)
    return untrusted_line(value, max_chars=max_chars)


def _whole_number(text: str, column: str) -> int | None:
    if text == NULL:
        return None
    if not text.isascii() or not text.isdigit():
        raise RowError(f"{column} {text[:30]!r} is not a whole number")
    return int(text)


def _genres(text: str) -> tuple[str, ...]:
    if text == NULL:
        return ()
    names: list[str] = []
    for name in text.split(","):
        name = clean_line(name, max_chars=60)
        name = GENRE_NAMES.get(name, name) if name else None
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _characters(text: str) -> str:
    """``["Ripley"]`` is "Ripley"; several characters are joined with " / "."""
    if text == NULL:
        return ""
    try:
        names = json.loads(text)
    except (ValueError, RecursionError):
        names = None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise RowError(f"characters {text[:40]!r} is not a JSON list of names")
    return clean_line(" / ".join(names), max_chars=MAX_CHARACTER_CHARS)


def _people(text: str, column: str) -> list[int]:
    if text == NULL:
        return []
    return [imdb_number(nconst, "nm", column) for nconst in text.split(",")]


# -- what the files say -----------------------------------------------------------------------


@dataclass(slots=True)
class ImdbFilm:
    line: int
    tconst: int
    title: str
    original_title: str
    year: int | None
    runtime_minutes: int | None
    genres: tuple[str, ...]
    keys: tuple[str, str]  # the match keys of title and original title ("" for none)


class Spill:
    """Tuples kept in an unnamed temporary file, in pickled batches, and read back in order:
    the credits and titles of the films kept, which can be millions of rows."""

    def __init__(self) -> None:
        # Closed by ``close``; unnamed, so it goes with the process whatever happens.
        self._file = tempfile.TemporaryFile(prefix="marquee-imdb-")  # noqa: SIM115
        self._pending: list[tuple] = []
        self.rows = 0

    def add(self, row: tuple) -> None:
        self._pending.append(row)
        self.rows += 1
        if len(self._pending) >= SPILL_BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = []

    def batches(self) -> Iterator[list[tuple]]:
        self._flush()
        self._file.seek(0)
        while True:
            try:
                # Only ever this process's own file, written just above.
                yield pickle.load(self._file)
            except EOFError:
                return

    def close(self) -> None:
        self._file.close()


@dataclass
class ImdbData:
    """What the load keeps from the files: all of it grows with the number of films kept."""

    films: dict[int, ImdbFilm]  # tconst -> film
    names: dict[int, str]  # nconst -> name, for the people credited on those films
    credits: Spill  # (tconst, nconst, role, order, character, file, line), crew first
    titles: Spill  # (tconst, title, match key, language, region)


class _ImdbReader:
    """The read passes, each over one file, each keeping what the next ones need."""

    def __init__(
        self,
        directory: Path,
        report: ImdbReport,
        progress: StageProgress | None,
        *,
        min_votes: int,
        title_types: Collection[str],
    ) -> None:
        self.directory = directory
        self.report = report
        self.progress = progress
        self.min_votes = min_votes
        self.title_types = frozenset(title_types)

    def open(self, name: str) -> ImdbFile:
        progress = None
        if self.progress:
            progress = self.progress(name, (self.directory / name).stat().st_size, "B")
        return ImdbFile(self.directory, name, progress)

    def skip(self, table: ImdbFile, reason: str) -> None:
        self.report.skip(table.name, table.line, reason)

    def read(self, credits: Spill, titles: Spill) -> ImdbData:
        films = self.films(self.voted())
        needed = self.credits(films, credits)
        names = self.names(needed)
        del needed
        self.titles(films, titles)
        return ImdbData(films, names, credits, titles)

    def kept_rows(
        self, table: ImdbFile, id_column: str, kept: Collection[int]
    ) -> Iterator[tuple[int, list[str]]]:
        """The rows of ``table`` whose id is in ``kept``, as (id number, fields).

        The id is read first and cheaply, because nearly every row of the big files is about a
        title or person not kept. A row with no readable id is reported and skipped, and so is a
        kept row that is broken (wrong number of fields, not UTF-8, an id of the wrong kind).
        """
        at = table.positions[id_column]
        prefix = "nm" if id_column == "nconst" else "tt"
        for values in table.reader:
            try:
                number = int(values[at][2:])
            except (ValueError, IndexError):
                if values:
                    self.skip(table, _bad_id(values, at, id_column))
                continue
            if number not in kept:
                continue
            try:
                problem = table.problem(values)
                if problem:
                    raise RowError(problem)
                imdb_number(values[at], prefix, id_column)
            except RowError as error:
                self.skip(table, str(error))
                continue
            yield number, values

    def voted(self) -> set[int]:
        """The titles with at least ``min_votes`` votes."""
        voted: set[int] = set()
        with self.open(RATINGS) as table, table.reading():
            tconst_at, votes_at = table.positions["tconst"], table.positions["numVotes"]
            for values in table.reader:
                if not values:
                    continue
                try:
                    problem = table.problem(values)
                    if problem:
                        raise RowError(problem)
                    tconst = imdb_number(values[tconst_at], "tt", "tconst")
                    votes = _whole_number(values[votes_at], "numVotes") or 0
                except RowError as error:
                    self.skip(table, str(error))
                    continue
                if votes >= self.min_votes:
                    voted.add(tconst)
        return voted

    def films(self, voted: set[int]) -> dict[int, ImdbFilm]:
        """The films among the titles voted on: of a wanted type, not adult, with a title."""
        films: dict[int, ImdbFilm] = {}
        with self.open(BASICS) as table, table.reading():
            at = table.positions
            type_at = at["titleType"]
            for tconst, values in self.kept_rows(table, "tconst", voted):
                if values[type_at] not in self.title_types:
                    continue
                try:
                    film = self._film(table, tconst, values, at)
                except RowError as error:
                    self.skip(table, str(error))
                    continue
                if film is None:
                    continue
                if tconst in films:
                    self.skip(table, f"{title_id(tconst)} is already on line {films[tconst].line}")
                    continue
                films[tconst] = film
        return films

    def _film(
        self, table: ImdbFile, tconst: int, values: list[str], at: dict[str, int]
    ) -> ImdbFilm | None:
        """The film a basics row describes; None for an adult one."""
        adult = values[at["isAdult"]]
        if adult not in ("0", "1"):
            raise RowError(f"isAdult {adult[:30]!r} is not 0 or 1")
        if adult == "1":
            return None
        title = clean_line(values[at["primaryTitle"]], max_chars=MAX_TITLE_CHARS)
        if not title or title == NULL:
            raise RowError("primaryTitle is empty")
        original = clean_line(values[at["originalTitle"]], max_chars=MAX_TITLE_CHARS)
        year = _whole_number(values[at["startYear"]], "startYear")
        runtime = _whole_number(values[at["runtimeMinutes"]], "runtimeMinutes")
        original = "" if original in (title, NULL) else original
        return ImdbFilm(
            line=table.line,
            tconst=tconst,
            title=title,
            original_title=original,
            year=year if year and 1870 <= year <= 2100 else None,
            runtime_minutes=runtime if runtime and runtime <= MAX_RUNTIME_MINUTES else None,
            genres=_genres(values[at["genres"]]),
            keys=(title_match_key(title), title_match_key(original) if original else ""),
        )

    def credits(self, films: dict[int, ImdbFilm], spill: Spill) -> set[int]:
        """Spill the films' crew, then principal credits; returns the people they name."""
        needed: set[int] = set()
        with self.open(CREW) as table, table.reading():
            columns = (
                (table.positions["directors"], "directors", Credit.Role.DIRECTOR.value),
                (table.positions["writers"], "writers", Credit.Role.WRITER.value),
            )
            for tconst, values in self.kept_rows(table, "tconst", films):
                try:
                    people = [
                        (role, _people(values[position], column))
                        for position, column, role in columns
                    ]
                except RowError as error:
                    self.skip(table, str(error))
                    continue
                for role, nconsts in people:
                    for order, nconst in enumerate(nconsts):
                        spill.add((tconst, nconst, role, order, "", CREW, table.line))
                        needed.add(nconst)
        with self.open(PRINCIPALS) as table, table.reading():
            at = table.positions
            category_at = at["category"]
            for tconst, values in self.kept_rows(table, "tconst", films):
                if values[category_at] not in CAST_CATEGORIES:
                    continue
                try:
                    nconst = imdb_number(values[at["nconst"]], "nm", "nconst")
                    order = _whole_number(values[at["ordering"]], "ordering") or 0
                    character = _characters(values[at["characters"]])
                except RowError as error:
                    self.skip(table, str(error))
                    continue
                role = CAST_CATEGORIES[values[category_at]]
                row = (tconst, nconst, role, min(order, MAX_ORDER), character, PRINCIPALS)
                spill.add((*row, table.line))
                needed.add(nconst)
        return needed

    def names(self, needed: set[int]) -> dict[int, str]:
        names: dict[int, str] = {}
        with self.open(NAMES) as table, table.reading():
            name_at = table.positions["primaryName"]
            for nconst, values in self.kept_rows(table, "nconst", needed):
                try:
                    name = clean_line(values[name_at], max_chars=MAX_NAME_CHARS)
                    if not name or name == NULL:
                        raise RowError("primaryName is empty")
                except RowError as error:
                    self.skip(table, str(error))
                    continue
                names.setdefault(nconst, name)
        return names

    def titles(self, films: dict[int, ImdbFilm], spill: Spill) -> None:
        """Spill each film's own titles, then its distinct alternate titles from akas."""
        for film in films.values():
            for title, key in zip((film.title, film.original_title), film.keys, strict=True):
                if key:
                    spill.add((film.tconst, title, key, "", ""))
        # akas lists a film's titles together; repeats within a run are dropped here (the same
        # title in twenty regions, mostly), the rest (a file not sorted by title) when written.
        current, seen, seen_keys = 0, set(), set()
        with self.open(AKAS) as table, table.reading():
            at = table.positions
            title_at, types_at = at["title"], at["types"]
            for tconst, values in self.kept_rows(table, "titleId", films):
                film = films[tconst]
                if tconst != current:
                    current = tconst
                    seen = {film.title, film.original_title}
                    seen_keys = set(film.keys)
                raw = values[title_at]
                if raw in seen or "working" in values[types_at].split("\x02"):
                    continue
                seen.add(raw)
                title = clean_line(raw, max_chars=MAX_TITLE_CHARS)
                key = title_match_key(title) if title != NULL else ""
                if not key or key in seen_keys:
                    continue
                seen_keys.add(key)
                region, language = values[at["region"]], values[at["language"]]
                spill.add((
                    tconst, title, key,
                    language if _LANGUAGE.fullmatch(language) else "",
                    region if _REGION.fullmatch(region) else "",
                ))  # fmt: skip


def _bad_id(values: list[str], position: int, column: str) -> str:
    if position >= len(values):
        return f"has {len(values)} fields; no {column}"
    return f"{column} {values[position][:30]!r} is not an IMDb id"


# -- writing ----------------------------------------------------------------------------------


class _ImdbWriter:
    """Writes what the files say, comparing it with the catalog in batches."""

    def __init__(self, report: ImdbReport, data: ImdbData, progress: Progress | None) -> None:
        self.report = report
        self.data = data
        self.progress = progress
        self.total = len(data.films) + len(data.names) + data.credits.rows + data.titles.rows
        self.done = 0
        self.film_pks: dict[int, int] = {}  # tconst -> film pk
        self.matched: set[int] = set()  # pks of the films that were already there
        self.person_pks: dict[int, int] = {}  # nconst -> person pk

    def advance(self, rows: int) -> None:
        self.done += rows
        if self.progress:
            self.progress(min(self.done, self.total), self.total)

    def write(self) -> None:
        self.write_films()
        self.write_people()
        self.write_credits()
        self.write_titles()

    # -- films ------------------------------------------------------------------------------

    def write_films(self) -> None:
        by_imdb: dict[int, int] = {}
        by_title: dict[tuple[str, int], list[int]] = {}
        rows = Film.objects.values_list("pk", "imdb_id", "match_key", "year")
        for pk, imdb_id, key, year in rows.iterator(5_000):
            if imdb_id:
                number = stored_number(imdb_id, "tt")
                if number is not None:
                    by_imdb[number] = pk
            elif year:
                by_title.setdefault((key, year), []).append(pk)
        new: list[ImdbFilm] = []
        for film in self.data.films.values():
            pk = by_imdb.get(film.tconst) or _claim_by_title(by_title, film)
            if pk is None:
                new.append(film)
            else:
                self.film_pks[film.tconst] = pk
                self.matched.add(pk)
        genres = NameTable(Genre, max_chars=60, slug_chars=70)
        genres.ensure(name for film in self.data.films.values() for name in film.genres)
        new_genres = self._complete_films(genres)
        created = films_insert(
            ("title", "year", "original_title", "runtime_minutes", "imdb_id", "match_key"),
            [
                (film.title, film.year, film.original_title, film.runtime_minutes,
                 title_id(film.tconst), film.keys[0])
                for film in new
            ],
        )  # fmt: skip
        self.report.count(self.report.films, "created", len(created))
        for pk, film in zip(created, new, strict=True):
            self.film_pks[film.tconst] = pk
            new_genres.extend((pk, genres.id(name)) for name in film.genres)
        insert_new(Film.genres.through, ("film_id", "genre_id"), new_genres)
        self.advance(len(self.data.films))

    def _complete_films(self, genres: NameTable) -> list[tuple[int, int]]:
        """Fill the blanks of the films already in the catalog; returns genres to add."""
        films = self.data.films.values()
        by_pk = {self.film_pks[film.tconst]: film for film in films if film.tconst in self.film_pks}
        updates: list[tuple] = []
        new_genres: list[tuple[int, int]] = []
        now = timezone.now()
        for chunk in batches(sorted(by_pk)):
            with_genres = set(
                Film.genres.through.objects.filter(film_id__in=chunk).values_list(
                    "film_id", flat=True
                )
            )
            current = Film.objects.filter(pk__in=chunk).values_list(
                "pk", "title", "year", "original_title", "runtime_minutes", "imdb_id"
            )
            for pk, title, year, original, runtime, imdb_id in current:
                film = by_pk[pk]
                stored = (year, original, runtime, imdb_id)
                # IMDb's original-language title, where the catalog knows the film by another.
                imdb_original = film.original_title or film.title
                if original or title_match_key(imdb_original) == title_match_key(title):
                    imdb_original = original
                values = (
                    year or film.year,
                    imdb_original,
                    runtime or film.runtime_minutes,
                    imdb_id or title_id(film.tconst),
                )
                changed = values != stored
                if changed:
                    updates.append((pk, *values, now))
                if film.genres and pk not in with_genres:
                    new_genres.extend((pk, genres.id(name)) for name in film.genres)
                    changed = True
                self.report.count(self.report.films, "updated" if changed else "unchanged")
        update_rows(
            Film, ("year", "original_title", "runtime_minutes", "imdb_id", "updated_at"), updates
        )
        return new_genres

    # -- people -----------------------------------------------------------------------------

    def write_people(self) -> None:
        names = self.data.names
        by_imdb: dict[int, int] = {}
        rows = Person.objects.filter(imdb_id__isnull=False).values_list("pk", "imdb_id")
        for pk, imdb_id in rows.iterator(5_000):
            number = stored_number(imdb_id, "nm")
            if number is not None:
                by_imdb[number] = pk
        adopted = self._adoptions(by_imdb)
        update_rows(Person, ("imdb_id",), [(pk, name_id(n)) for n, pk in adopted.items()])
        self.report.count(self.report.people, "updated", len(adopted))
        slugs = Slugs(Person, max_length=200, fallback="person")
        new: list[tuple[str, str, str, str]] = []
        for nconst, name in names.items():
            pk = by_imdb.get(nconst) or adopted.get(nconst)
            if pk is None:
                new.append((name, name_id(nconst), slugs.new(name), name_match_key(name)))
                continue
            self.person_pks[nconst] = pk
            if nconst in by_imdb:
                self.report.count(self.report.people, "unchanged")
        insert_new(Person, ("name", "imdb_id", "slug", "match_key"), new)
        for chunk in batches([row[1] for row in new]):
            for imdb_id, pk in Person.objects.filter(imdb_id__in=chunk).values_list(
                "imdb_id", "pk"
            ):
                self.person_pks[int(imdb_id[2:])] = pk
        self.report.count(self.report.people, "created", len(new))
        self.advance(len(names))

    def _adoptions(self, by_imdb: dict[int, int]) -> dict[int, int]:
        """IMDb people already credited, without an IMDb id, on the same film under the same
        name (a critic's cast line made them): nconst -> that person's pk."""
        unlinked: dict[int, dict[str, int]] = {}
        for chunk in batches(sorted(self.matched)):
            credited = Credit.objects.filter(film_id__in=chunk, person__imdb_id__isnull=True)
            for film_id, person_id, key in credited.values_list(
                "film_id", "person_id", "person__match_key"
            ):
                unlinked.setdefault(film_id, {}).setdefault(key, person_id)
        adopted: dict[int, int] = {}
        if not unlinked:
            return adopted
        taken: set[int] = set()
        names = self.data.names
        for batch in self.data.credits.batches():
            for tconst, nconst, *_ in batch:
                people = unlinked.get(self.film_pks[tconst])
                if not people or nconst in by_imdb or nconst in adopted or nconst not in names:
                    continue
                pk = people.get(name_match_key(names[nconst]))
                if pk is not None and pk not in taken:
                    adopted[nconst] = pk
                    taken.add(pk)
        return adopted

    # -- credits and titles -----------------------------------------------------------------

    def write_credits(self) -> None:
        # Rows this load inserts have higher pks: a repeat of one is no "unchanged" credit.
        before = _max_pk(Credit)
        for batch in self.data.credits.batches():
            films = sorted({self.film_pks[row[0]] for row in batch})
            known: dict[tuple[int, int, str], bool] = {}  # -> still to count as unchanged
            for chunk in batches(films):
                rows = Credit.objects.filter(film_id__in=chunk).values_list(
                    "film_id", "person_id", "role", "pk"
                )
                known.update(
                    {(film, person, role): pk <= before for film, person, role, pk in rows}
                )
            new: list[tuple] = []
            unchanged = 0
            for tconst, nconst, role, order, character, file, line in batch:
                person = self.person_pks.get(nconst)
                if person is None:
                    self.report.skip(file, line, f"{name_id(nconst)} is not in {NAMES}")
                    continue
                key = (self.film_pks[tconst], person, role)
                if key not in known:
                    new.append((*key, character, order))
                elif known[key]:
                    unchanged += 1
                known[key] = False
            insert_new(Credit, ("film_id", "person_id", "role", "character", "order"), new)
            self.report.count(self.report.credits, "created", len(new))
            self.report.count(self.report.credits, "unchanged", unchanged)
            self.advance(len(batch))

    def write_titles(self) -> None:
        before = _max_pk(AlternateTitle)
        for batch in self.data.titles.batches():
            films = sorted({self.film_pks[row[0]] for row in batch})
            # match key -> None for the film's own title, else whether to count it unchanged
            known: dict[int, dict[str, bool | None]] = {pk: {} for pk in films}
            for chunk in batches(films):
                for pk, key in Film.objects.filter(pk__in=chunk).values_list("pk", "match_key"):
                    known[pk][key] = None
                rows = AlternateTitle.objects.filter(film_id__in=chunk).values_list(
                    "film_id", "match_key", "pk"
                )
                for film_id, key, pk in rows:
                    known[film_id].setdefault(key, pk <= before)
            new: list[tuple] = []
            unchanged = 0
            for tconst, title, key, language, region in batch:
                pk = self.film_pks[tconst]
                state = known[pk].get(key, "new")
                if state == "new":
                    new.append((pk, title, language, region, key))
                elif state:
                    unchanged += 1
                if state is not None:
                    known[pk][key] = False
            insert_new(AlternateTitle, ("film_id", "title", "language", "region", "match_key"), new)
            self.report.count(self.report.titles, "created", len(new))
            self.report.count(self.report.titles, "unchanged", unchanged)
            self.advance(len(batch))


def _claim_by_title(by_title: dict[tuple[str, int], list[int]], film: ImdbFilm) -> int | None:
    """The one catalog film without an IMDb id that has this film's title and year; taken, so
    no other IMDb film gets it too."""
    if not film.year:
        return None
    for key in filter(None, film.keys):
        candidates = by_title.get((key, film.year), [])
        if len(candidates) == 1:
            del by_title[(key, film.year)]
            return candidates[0]
    return None


@contextmanager
def _sqlite_page_cache() -> Iterator[None]:
    """On SQLite, a page cache big enough for the credit, person and title indexes the writing
    goes back and forth in (about a third less CPU than the 2 MiB default); put back after."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with suppress(DatabaseError), connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")


def _max_pk(model) -> int:
    last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return last or 0


# -- the service ------------------------------------------------------------------------------


def imdb_load(
    *,
    directory: Path,
    min_votes: int = DEFAULT_MIN_VOTES,
    title_types: Collection[str] = FILM_TYPES,
    dry_run: bool = False,
    progress: StageProgress | None = None,
) -> ImdbReport:
    """Load an IMDb datasets folder's films, people, credits and titles, and report it.

    Films are the titles of ``title_types`` with at least ``min_votes`` votes, not adult.
    Every file is read first; the writing is one transaction. Idempotent; bad lines are
    skipped with file and line; a missing or unreadable file raises ``InputError`` and writes
    nothing. ``progress`` (see ``StageProgress``) follows each file, then the writing.
    """
    if min_votes < 0:
        raise InputError("min-votes", f"{min_votes} is not a number of votes (0 or more)")
    check_directory(directory)
    report = ImdbReport(dry_run=dry_run)
    reader = _ImdbReader(directory, report, progress, min_votes=min_votes, title_types=title_types)
    with ExitStack() as spills:
        credits = Spill()
        spills.callback(credits.close)
        titles = Spill()
        spills.callback(titles.close)
        data = reader.read(credits, titles)
        writing = data.credits.rows + data.titles.rows + len(data.films) + len(data.names)
        try:
            with transaction.atomic(), _sqlite_page_cache():
                stage = progress(WRITING, writing, "row") if progress else None
                _ImdbWriter(report, data, stage).write()
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
    report.skipped.sort(key=lambda row: (row.file, row.line))
    return report
