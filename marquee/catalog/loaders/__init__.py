"""Bulk loaders for public film datasets: MovieLens (``movielens``) and TMDB (``tmdb``).

``marquee.catalog.services`` writes one film at a time, a few queries each; a dataset holds tens
of thousands of films and millions of ratings. A loader reads its files as streams, compares
each row with what the database holds and writes only the difference, in bulk, inside one
transaction: a rerun changes nothing and says so, and a failure half-way leaves the database as
it was. This module holds what the loaders share: delimited files read row by row with line
numbers, the report, genres and keywords created in bulk, and film slugs.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from types import TracebackType

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.utils.text import slugify

from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.imports.files import CSV_FIELD_LIMIT, check_file_size
from marquee.imports.records import SkippedRow
from marquee.imports.report import ImportReport
from marquee.sanitize import normalize_text

Progress = Callable[[int, int], None]

# Datasets are streamed from disk, never read whole, so the upload cap does not apply; this only
# stops a wrong path (a disk image, say) from being read for minutes.
MAX_DATASET_BYTES = 8 * 1024**3
# A file of a million bad rows must not become a million-line report.
MAX_LISTED_SKIPS = 1_000
# SQLite builds before 3.32 take at most 999 parameters a statement: lookups by a list of values
# go in batches, and multi-row INSERTs stay under the limit.
LOOKUP_BATCH = 500
MAX_PARAMETERS = 999
MAX_TITLE_CHARS = 300
MAX_KEYWORD_CHARS = 100


class DryRun(Exception):
    """Raised inside a dry run's transaction so that nothing it wrote is kept."""


def batches(items: Sequence, size: int = LOOKUP_BATCH) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# -- text -------------------------------------------------------------------------------------


def cap(text: str, max_chars: int) -> str:
    """``text`` cut to ``max_chars``, with an ellipsis where it was cut."""
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


def untrusted_line(value: str, *, max_chars: int) -> str:
    """One line of untrusted text: control characters dropped, whitespace collapsed, capped."""
    return cap(" ".join(normalize_text(value).split()), max_chars)


def untrusted_block(value: str, *, max_chars: int) -> str:
    """Untrusted paragraphs: control characters dropped, lines trimmed, blank runs cut, capped."""
    lines = [" ".join(line.split()) for line in normalize_text(value).split("\n")]
    paragraphs, blank = [], False
    for line in lines:
        if line or not blank:
            paragraphs.append(line)
        blank = not line
    return cap("\n".join(paragraphs).strip(), max_chars)


def keyword_name(value: str) -> str:
    """Keywords are compared and stored in lower case: "Time Travel" is "time travel"."""
    return untrusted_line(value, max_chars=MAX_KEYWORD_CHARS).lower()


# -- files ------------------------------------------------------------------------------------


class Table:
    """A delimited text file read row by row, each row with the line it starts on.

    With a header, the wanted ``columns`` may come in any order and extra ones are ignored;
    missing ones are an error naming them. Without one, ``columns`` are the fixed layout.
    ``positions`` maps each wanted column to its index in a row. Bytes are decoded line by line,
    so an encoding error names its line, and nothing is held beyond the current row.
    """

    def __init__(
        self,
        path: Path,
        *,
        columns: Sequence[str],
        encoding: str = "utf-8",
        delimiter: str = ",",
        header: bool = True,
        quoted: bool = True,
    ) -> None:
        check_file_size(path, limit=MAX_DATASET_BYTES)
        self.path = path
        self.name = path.name
        self.encoding = encoding
        # "utf-8-sig" reads UTF-8 with or without a byte order mark.
        self._handle = path.open(
            encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline=""
        )
        csv.field_size_limit(CSV_FIELD_LIMIT)
        self._reader = csv.reader(
            self._handle,
            delimiter=delimiter,
            quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE,
            # An unclosed quote is an error at its line, not the rest of the file in one field.
            strict=True,
        )
        self._line = 0
        try:
            self.positions = self._read_header(columns) if header else _fixed(columns)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._handle.close()

    @property
    def width(self) -> int:
        """The fewest fields a row must have to hold every wanted column."""
        return max(self.positions.values()) + 1

    def _encoding_error(self) -> InputError:
        """Where the text stopped being valid: decoding is by blocks, so look for the line."""
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    raw.decode(self.encoding)
                except UnicodeDecodeError as error:
                    return InputError(
                        "encoding",
                        f"byte 0x{raw[error.start]:02x} is not valid {self.encoding.upper()}; "
                        "save the file as UTF-8",
                        file=self.name,
                        line=number,
                    )
        return InputError("encoding", f"is not valid {self.encoding.upper()}", file=self.name)

    def _read_header(self, columns: Sequence[str]) -> dict[str, int]:
        try:
            header = next(self._reader, None)
        except csv.Error as error:
            raise InputError("csv", str(error), file=self.name, line=1) from None
        except UnicodeDecodeError:
            raise self._encoding_error() from None
        self._line = self._reader.line_num
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
                line=self._line,
            )
        return {name: names.index(name) for name in columns}

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """``(line, values)`` for every row that is not blank."""
        reader, line = self._reader, self._line
        try:
            for values in reader:
                start, line = line + 1, reader.line_num
                if values and (len(values) > 1 or values[0].strip()):
                    yield start, values
        except csv.Error as error:
            raise InputError("csv", str(error), file=self.name, line=line + 1) from None
        except UnicodeDecodeError:
            raise self._encoding_error() from None


def _fixed(columns: Sequence[str]) -> dict[str, int]:
    return {name: index for index, name in enumerate(columns)}


def count_lines(path: Path) -> int:
    """Lines in a file, counted in blocks (for a progress total), without decoding it."""
    lines, last = 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")


# -- the report -------------------------------------------------------------------------------


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created:,} created, {self.updated:,} updated, {self.unchanged:,} unchanged"

    def to_dict(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class LoadReport(ImportReport):
    """An ``ImportReport`` counting films and ratings apart, and readers added.

    ``created``, ``updated`` and ``unchanged`` are the totals over films and ratings. Only the
    first ``MAX_LISTED_SKIPS`` skipped rows are listed; ``skipped_total`` counts them all.
    """

    films: Tally = field(default_factory=Tally)
    ratings: Tally = field(default_factory=Tally)
    readers_created: int = 0
    skipped_total: int = 0

    def count(self, tally: Tally, outcome: str, number: int = 1) -> None:
        """Add ``number`` films or ratings that were ``created``, ``updated`` or ``unchanged``."""
        setattr(tally, outcome, getattr(tally, outcome) + number)
        setattr(self, outcome, getattr(self, outcome) + number)
        if tally is self.films and outcome == "created":
            self.films_created += number

    def mark(self) -> tuple:
        """Where the ratings counts stand, to ``rewind`` to when ratings are loaded again."""
        return (
            self.created, self.updated, self.unchanged, replace(self.ratings),
            self.readers_created, len(self.skipped), self.skipped_total,
        )  # fmt: skip

    def rewind(self, mark: tuple) -> None:
        (
            self.created, self.updated, self.unchanged, self.ratings, self.readers_created,
            listed, self.skipped_total,
        ) = mark  # fmt: skip
        del self.skipped[listed:]

    def skip(self, file: str, line: int, reason: str) -> None:
        self.skipped_total += 1
        if len(self.skipped) < MAX_LISTED_SKIPS:
            self.skipped.append(SkippedRow(file, line, reason))

    def summary(self) -> str:
        """One sentence a person reads first, then what was left out."""
        if not self.changed_anything and not self.dry_run:
            text = f"Nothing changed: all {self.unchanged:,} items were already here."
        else:
            text = "Dry run, nothing written. " if self.dry_run else ""
            text += f"Films: {self.films}."
            if self.ratings.created or self.ratings.updated or self.ratings.unchanged:
                text += f" Ratings: {self.ratings}"
                if self.readers_created:
                    text += f"; {self.readers_created:,} readers added"
                text += "."
        if self.skipped_total:
            text += f" Skipped {self.skipped_total:,} rows"
            if self.skipped_total > len(self.skipped):
                text += f" (the first {len(self.skipped):,} are listed)"
            text += "."
        if self.unmatched:
            text += f" {len(self.unmatched):,} films not in the catalog."
        return text

    def to_dict(self) -> dict:
        return super().to_dict() | {
            "films": self.films.to_dict(),
            "ratings": self.ratings.to_dict(),
            "readers_created": self.readers_created,
            "skipped_total": self.skipped_total,
        }


# -- names and slugs --------------------------------------------------------------------------


class Slugs:
    """The slugs a model already uses, and new unique ones: ``base``, ``base-2``, ``base-3``..."""

    def __init__(self, model: type[Model], *, max_length: int, fallback: str) -> None:
        self.max_length = max_length
        self.fallback = fallback
        self.taken = set(model._default_manager.values_list("slug", flat=True).iterator())

    def new(self, base: str) -> str:
        root = slugify(base)[: self.max_length].strip("-") or self.fallback
        candidate, counter = root, 2
        while candidate in self.taken:
            candidate = f"{root}-{counter}"
            counter += 1
        self.taken.add(candidate)
        return candidate


def film_slugs() -> Slugs:
    """Film slugs are ``title-year``, like ``film_create`` makes them."""
    return Slugs(Film, max_length=300, fallback="untitled")


def film_slug_base(title: str, year: int | None) -> str:
    return f"{title} {year}" if year else title


class NameTable:
    """Genres or keywords by name, ignoring case; the missing ones are created in bulk."""

    def __init__(self, model: type[Model], *, max_chars: int, slug_chars: int) -> None:
        self.model = model
        self.max_chars = max_chars
        self.ids: dict[str, int] = {
            name.casefold(): pk
            for pk, name in model._default_manager.values_list("pk", "name").iterator()
        }
        self._slugs = Slugs(model, max_length=slug_chars, fallback=model.__name__.lower())

    def ensure(self, names: Iterable[str]) -> int:
        """Create the names not there yet; returns how many were created."""
        new: dict[str, str] = {}
        for name in names:
            name = cap(name, self.max_chars)
            if name and name.casefold() not in self.ids:
                new.setdefault(name.casefold(), name)
        if not new:
            return 0
        manager = self.model._default_manager
        manager.bulk_create(
            [self.model(name=name, slug=self._slugs.new(name)) for name in new.values()],
            batch_size=LOOKUP_BATCH,
        )
        for chunk in batches(list(new.values())):
            for pk, name in manager.filter(name__in=chunk).values_list("pk", "name"):
                self.ids[name.casefold()] = pk
        return len(new)

    def id(self, name: str) -> int:
        return self.ids[cap(name, self.max_chars).casefold()]


# -- bulk writes ------------------------------------------------------------------------------


def insert_new(model: type[Model], fields: Sequence[str], rows: Sequence[tuple]) -> None:
    """INSERT ``rows`` of values for ``fields``, many rows a statement.

    Values go to the database as they are, so they must be text, numbers or None. Every other
    column gets what a new instance would save (its default, ``auto_now``), computed once. This is
    ``bulk_create`` without a model instance per row, per-value SQL compilation and, on SQLite,
    batches of 999 parameters: many times faster for the tens of thousands of rows of a dataset.
    """
    if not rows:
        return
    # The wrapper itself, not the thread-local proxy ``connection``.
    database = connections[DEFAULT_DB_ALIAS]
    given = [model._meta.get_field(name) for name in fields]
    rest = [
        field
        for field in model._meta.local_concrete_fields
        if not field.primary_key and field not in given
    ]
    if any(field.has_db_default() for field in rest):
        model._default_manager.bulk_create(
            [model(**{field.attname: value for field, value in zip(given, row, strict=True)})
             for row in rows],
            batch_size=LOOKUP_BATCH,
        )  # fmt: skip
        return
    prototype = model()
    constants = tuple(
        field.get_db_prep_save(field.pre_save(prototype, True), database) for field in rest
    )
    quote = database.ops.quote_name
    columns = [field.column for field in [*given, *rest]]
    statement = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(column) for column in columns)}) VALUES "
    )
    with database.cursor() as cursor:
        insert_values(
            cursor,
            statement,
            f"({', '.join(['%s'] * len(columns))})",
            [row + constants for row in rows],
        )


def insert_values(cursor, statement: str, row: str, rows: Sequence[Sequence]) -> None:
    """Run ``statement``, an INSERT ending in VALUES, for ``rows``, many rows a statement.

    ``row`` is the placeholder for one row, like ``(%s, %s)``. SQLite pays a statement's set-up
    (cursors on the table, its indexes and those its foreign keys point at) for every statement,
    so 150 rows a statement insert about twice as fast as one. Statements keep under 999
    parameters, the lowest limit SQLite has been built with.
    """
    if not rows:
        return
    per_statement = max(1, MAX_PARAMETERS // len(rows[0]))
    whole = len(rows) - len(rows) % per_statement
    if whole:
        cursor.executemany(
            statement + ", ".join([row] * per_statement),
            [
                list(chain.from_iterable(rows[start : start + per_statement]))
                for start in range(0, whole, per_statement)
            ],
        )
    if whole < len(rows):
        cursor.execute(
            statement + ", ".join([row] * (len(rows) - whole)),
            list(chain.from_iterable(rows[whole:])),
        )


def update_rows(model: type[Model], fields: Sequence[str], rows: Sequence[tuple]) -> None:
    """UPDATE ``fields`` of each row ``(pk, *values)`` with one ``executemany``.

    Values are model values (a datetime, a string), prepared for the database here.
    """
    if not rows:
        return
    database = connections[DEFAULT_DB_ALIAS]
    quote = database.ops.quote_name
    targets = [model._meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in targets)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    prepared = [
        (
            *(
                field.get_db_prep_save(value, database)
                for field, value in zip(targets, values, strict=True)
            ),
            pk,
        )
        for pk, *values in rows
    ]
    with database.cursor() as cursor:
        cursor.executemany(sql, prepared)


def films_insert(fields: Sequence[str], rows: Sequence[tuple]) -> list[int]:
    """Create films from ``rows`` of values for ``fields``, which start with title and year.

    Each gets a unique ``title-year`` slug, as ``film_create`` gives; returns their pks in order.
    The caller computes ``match_key``.
    """
    assert tuple(fields[:2]) == ("title", "year") and "match_key" in fields
    slugs = film_slugs()
    rows = [(*row, slugs.new(film_slug_base(row[0], row[1]))) for row in rows]
    insert_new(Film, (*fields, "slug"), rows)
    pks: dict[str, int] = {}
    for chunk in batches([row[-1] for row in rows]):
        pks.update(Film.objects.filter(slug__in=chunk).values_list("slug", "pk"))
    return [pks[row[-1]] for row in rows]
