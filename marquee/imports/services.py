"""Applying parsed exports to a reader's data: idempotent, all-or-nothing, with a report.

Importers only parse files into records (``marquee.imports.records``); this module is the one
place that writes them. It loads what the reader already has once, compares every record with
it, and writes only the difference in bulk, so importing the same export twice changes nothing
the second time and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from marquee.accounts.models import User
from marquee.catalog.index import FilmIndex
from marquee.catalog.services import film_create
from marquee.errors import InputError
from marquee.imports.records import (
    DiaryRecord,
    FilmRef,
    LikeRecord,
    ListRecord,
    Origin,
    ParsedExport,
    RatingRecord,
    Record,
    SkippedRow,
    WatchedRecord,
    WatchlistRecord,
)
from marquee.imports.report import ImportReport, UnmatchedFilm
from marquee.readers.models import (
    DiaryEntry,
    FilmLike,
    FilmList,
    FilmListItem,
    Rating,
    WatchedFilm,
    WatchlistEntry,
)

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 250
BATCH_SIZE = 1000


class _RollBack(Exception):
    """Raised inside the transaction of a dry run so nothing it wrote is kept."""


def import_apply(
    *,
    user: User,
    source: str,
    parsed: ParsedExport,
    dry_run: bool = False,
    strict: bool = False,
    create_missing: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Write ``parsed`` into ``user``'s data in one transaction and report what changed.

    ``strict`` stops at the first bad row (an ``InputError`` naming file and line) and writes
    nothing; otherwise bad rows are skipped and listed. Films the catalog lacks are listed as
    unmatched, or created from the row with ``create_missing``. ``dry_run`` reports without
    writing.
    """
    report = ImportReport(skipped=list(parsed.skipped), dry_run=dry_run)
    if strict and report.skipped:
        raise _row_error(report.skipped[0])
    total = len(parsed.records)
    try:
        with transaction.atomic():
            writer = _Writer(user, source, report, strict=strict, create_missing=create_missing)
            for done, record in enumerate(parsed.records, start=1):
                writer.apply(record)
                if progress and (done % PROGRESS_EVERY == 0 or done == total):
                    progress(done, total)
            writer.flush()
            if dry_run:
                raise _RollBack
    except _RollBack:
        pass
    report.skipped.sort(key=lambda row: (row.file, row.line))
    return report


def _row_error(row: SkippedRow) -> InputError:
    return InputError("row", row.reason, file=row.file, line=row.line)


@dataclass
class _Writer:
    """Compares records with what the reader has and collects the writes."""

    user: User
    source: str
    report: ImportReport
    strict: bool
    create_missing: bool
    index: FilmIndex = field(init=False)
    ratings: dict[int, Rating] = field(init=False)
    diary_by_key: dict[str, DiaryEntry] = field(init=False)
    diary_by_viewing: dict[tuple[int, date, bool], DiaryEntry] = field(init=False)
    watchlist: set[int] = field(init=False)
    likes: set[int] = field(init=False)
    watched: set[int] = field(init=False)
    seen: dict[tuple, Origin] = field(default_factory=dict)
    new_rows: dict[type, list] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = FilmIndex.build()
        self.ratings = {r.film_id: r for r in Rating.objects.filter(user=self.user)}
        diary = list(DiaryEntry.objects.filter(user=self.user))
        self.diary_by_key = {(e.source, e.source_key): e for e in diary if e.source_key}
        self.diary_by_viewing = {(e.film_id, e.watched_on, e.rewatch): e for e in diary}
        self.watchlist = set(
            WatchlistEntry.objects.filter(user=self.user).values_list("film_id", flat=True)
        )
        self.likes = set(FilmLike.objects.filter(user=self.user).values_list("film_id", flat=True))
        self.watched = set(
            WatchedFilm.objects.filter(user=self.user).values_list("film_id", flat=True)
        )

    # -- dispatch -----------------------------------------------------------------------------

    def apply(self, record: Record) -> None:
        if isinstance(record, ListRecord):
            self._list(record)
            return
        film_id = self._film_id(record.film, record.origin)
        if film_id is None:
            return
        if isinstance(record, RatingRecord):
            self._rating(record, film_id)
        elif isinstance(record, DiaryRecord):
            self._diary(record, film_id)
        elif isinstance(record, WatchlistRecord):
            self._simple(
                record, film_id, self.watchlist, WatchlistEntry, "added_at", record.added_at
            )
        elif isinstance(record, LikeRecord):
            self._simple(record, film_id, self.likes, FilmLike, "liked_at", record.liked_at)
        elif isinstance(record, WatchedRecord):
            self._simple(record, film_id, self.watched, WatchedFilm, "logged_at", record.logged_at)

    def flush(self) -> None:
        for model, rows in self.new_rows.items():
            model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.new_rows.clear()

    # -- helpers ------------------------------------------------------------------------------

    def _skip(self, origin: Origin, reason: str) -> None:
        row = SkippedRow(origin.file, origin.line, reason)
        if self.strict:
            raise _row_error(row)
        self.report.skipped.append(row)

    def _first_time(self, key: tuple, origin: Origin) -> bool:
        """False (and the row skipped) when this import already had the same item."""
        earlier = self.seen.get(key)
        if earlier is not None:
            self._skip(origin, f"duplicate of {earlier.file} line {earlier.line}")
            return False
        self.seen[key] = origin
        return True

    def _add(self, row) -> None:
        self.new_rows.setdefault(type(row), []).append(row)
        self.report.created += 1

    def _film_id(self, ref: FilmRef, origin: Origin) -> int | None:
        film_id = self.index.find(
            title=ref.title,
            year=ref.year,
            imdb_id=ref.imdb_id,
            tmdb_id=ref.tmdb_id,
            original_title=ref.original_title,
        )
        if film_id is not None:
            return film_id
        if not self.create_missing:
            if self.strict:
                raise InputError(
                    "film", f"{ref} is not in the catalog", file=origin.file, line=origin.line
                )
            self.report.unmatched.append(UnmatchedFilm(origin, ref))
            return None
        try:
            film = film_create(
                title=ref.title,
                year=ref.year,
                imdb_id=ref.imdb_id,
                tmdb_id=ref.tmdb_id,
                original_title=ref.original_title,
            )
        except InputError as error:
            self._skip(origin, f"cannot add the film: {error.message}")
            return None
        self.index.add(film)
        self.report.films_created += 1
        return film.pk

    # -- one method per kind of record --------------------------------------------------------

    def _rating(self, record: RatingRecord, film_id: int) -> None:
        if not self._first_time(("rating", film_id), record.origin):
            return
        existing = self.ratings.get(film_id)
        if existing is None:
            rating = Rating(
                user=self.user,
                film_id=film_id,
                half_stars=record.half_stars,
                rated_at=record.rated_at,
                source=self.source,
            )
            self.ratings[film_id] = rating
            self._add(rating)
        elif existing.half_stars == record.half_stars:
            self.report.unchanged += 1
        else:
            existing.half_stars, existing.rated_at = record.half_stars, record.rated_at
            existing.save(update_fields=["half_stars", "rated_at", "updated_at"])
            self.report.updated += 1

    def _diary(self, record: DiaryRecord, film_id: int) -> None:
        source = record.source or self.source
        viewing = (film_id, record.watched_on, record.rewatch)
        key = ("diary", source, record.source_key) if record.source_key else ("diary", *viewing)
        if not self._first_time(key, record.origin):
            return
        existing = self._diary_entry_for(record, source, viewing)
        values = {
            "film_id": film_id,
            "watched_on": record.watched_on,
            "rewatch": record.rewatch,
            "half_stars": record.half_stars,
            "tags": list(record.tags),
            "note": record.note,
        }
        if existing is None:
            entry = DiaryEntry(
                user=self.user, source=source, source_key=record.source_key, **values
            )
            self.diary_by_viewing[viewing] = entry
            self._add(entry)
        elif all(getattr(existing, name) == value for name, value in values.items()):
            self.report.unchanged += 1
        else:
            for name, value in values.items():
                setattr(existing, name, value)
            existing.save(update_fields=list(values))
            self.report.updated += 1

    def _diary_entry_for(
        self, record: DiaryRecord, source: str, viewing: tuple[int, date, bool]
    ) -> DiaryEntry | None:
        """The entry this record describes: by its source key, else by film, date and rewatch.

        An entry that carries its own key from the same source is another viewing (Movary and
        Trakt list two plays on one day as two rows), so a keyed record never takes it over.
        """
        if record.source_key:
            existing = self.diary_by_key.get((source, record.source_key))
            if existing is not None:
                return existing
        candidate = self.diary_by_viewing.get(viewing)
        if candidate is not None and candidate.pk is None:
            return None  # another row of this same import: a viewing of its own
        keyed_elsewhere = (
            candidate is not None
            and record.source_key
            and candidate.source_key
            and candidate.source == source
        )
        return None if keyed_elsewhere else candidate

    def _simple(self, record, film_id: int, have: set[int], model, date_field: str, when) -> None:
        """Watchlist, likes and watched films: either the reader has the film there or not."""
        if not self._first_time((model.__name__, film_id), record.origin):
            return
        if film_id in have:
            self.report.unchanged += 1
            return
        have.add(film_id)
        self._add(model(user=self.user, film_id=film_id, source=self.source, **{date_field: when}))

    def _list(self, record: ListRecord) -> None:
        if not self._first_time(("list", record.name), record.origin):
            return
        items = []
        for item in record.items:
            film_id = self._film_id(item.film, item.origin)
            if film_id is not None:
                items.append((film_id, item.position, item.note))
        film_list = FilmList.objects.filter(user=self.user, name=record.name).first()
        if film_list is None:
            film_list = FilmList.objects.create(
                user=self.user, name=record.name, description=record.description, source=self.source
            )
            self.report.created += 1
        else:
            current = list(film_list.items.values_list("film_id", "position", "note"))
            if current == items and film_list.description == record.description:
                self.report.unchanged += 1
                return
            film_list.description = record.description
            film_list.save(update_fields=["description"])
            film_list.items.all().delete()
            self.report.updated += 1
        FilmListItem.objects.bulk_create(
            FilmListItem(film_list=film_list, film_id=film_id, position=position, note=note)
            for film_id, position, note in items
        )
