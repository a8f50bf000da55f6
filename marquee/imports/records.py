"""Plain records every importer parses its files into, before anything touches the database.

Each record remembers its origin (file and line), so every problem found later can say where.
Ratings are whole half-stars (1-10), the way they are stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Origin:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class FilmRef:
    """How an export names a film: a title and year, and whatever ids it knows."""

    title: str
    year: int | None = None
    imdb_id: str | None = None
    tmdb_id: int | None = None
    original_title: str = ""

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title


@dataclass(frozen=True)
class RatingRecord:
    film: FilmRef
    half_stars: int
    rated_at: datetime
    origin: Origin


@dataclass(frozen=True)
class DiaryRecord:
    film: FilmRef
    watched_on: date
    origin: Origin
    rewatch: bool = False
    half_stars: int | None = None
    tags: tuple[str, ...] = ()
    note: str = ""
    # Identifies the entry in its source (Letterboxd's diary URI, Trakt's history id), so a
    # re-import finds it again; without one, film + date + rewatch identify the entry.
    source_key: str = ""
    # Where the entry first came from, when that is not the export being read: Marquee's own
    # export keeps it, so re-importing the original Letterboxd export later adds nothing twice.
    source: str = ""


@dataclass(frozen=True)
class WatchlistRecord:
    film: FilmRef
    added_at: datetime
    origin: Origin


@dataclass(frozen=True)
class WatchedRecord:
    """A film marked as seen, with when it was logged but no viewing date."""

    film: FilmRef
    logged_at: datetime
    origin: Origin


@dataclass(frozen=True)
class LikeRecord:
    film: FilmRef
    liked_at: datetime
    origin: Origin


@dataclass(frozen=True)
class ListItemRecord:
    film: FilmRef
    position: int
    origin: Origin
    note: str = ""


@dataclass(frozen=True)
class ListRecord:
    name: str
    origin: Origin
    description: str = ""
    items: tuple[ListItemRecord, ...] = ()


Record = RatingRecord | DiaryRecord | WatchedRecord | WatchlistRecord | LikeRecord | ListRecord


@dataclass(frozen=True)
class SkippedRow:
    """A row left out, and why."""

    file: str
    line: int
    reason: str

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "reason": self.reason}


@dataclass
class ParsedExport:
    """What a parser found in an export: records to apply and rows it could not read."""

    records: list[Record] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)

    def skip(self, origin: Origin, reason: str) -> None:
        self.skipped.append(SkippedRow(origin.file, origin.line, reason))

    def extend(self, other: ParsedExport) -> None:
        self.records.extend(other.records)
        self.skipped.extend(other.skipped)
