"""Writing a reader's history in the CSV layout Letterboxd's importer reads.

Columns ``Title,Year,imdbID,tmdbID,WatchedDate,Rating,Rewatch,Tags,Review``: one row per diary
entry, then one per rated or watched film that has no diary entry (with no date).
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.readers.models import DiaryEntry, Rating, WatchedFilm

COLUMNS = [
    "Title",
    "Year",
    "imdbID",
    "tmdbID",
    "WatchedDate",
    "Rating",
    "Rewatch",
    "Tags",
    "Review",
]


def _stars(half_stars: int | None) -> str:
    return "" if half_stars is None else str(half_stars / 2).removesuffix(".0")


def _film_columns(film: Film) -> list:
    return [film.title, film.year or "", film.imdb_id or "", film.tmdb_id or ""]


def letterboxd_rows(user: User) -> list[list]:
    """The reader's diary, then ratings and watched films not already in it."""
    rows, in_diary = [], set()
    for entry in (
        DiaryEntry.objects.filter(user=user).select_related("film").order_by("watched_on", "id")
    ):
        in_diary.add(entry.film_id)
        rows.append([
            *_film_columns(entry.film), entry.watched_on.isoformat(), _stars(entry.half_stars),
            "true" if entry.rewatch else "false", ", ".join(entry.tags), entry.note,
        ])  # fmt: skip
    rated = set()
    for rating in Rating.objects.filter(user=user).select_related("film").order_by("film__title"):
        rated.add(rating.film_id)
        if rating.film_id not in in_diary:
            rows.append(
                [*_film_columns(rating.film), "", _stars(rating.half_stars), "false", "", ""]
            )
    for watched in (
        WatchedFilm.objects.filter(user=user).select_related("film").order_by("film__title")
    ):
        if watched.film_id not in in_diary | rated:
            rows.append([*_film_columns(watched.film), "", "", "false", "", ""])
    return rows


def letterboxd_export(*, user: User, out: Path) -> int:
    """Write the CSV to ``out`` (whole or not at all); returns the number of rows."""
    rows = letterboxd_rows(user)
    out = Path(out)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=".marquee-export-", suffix=".csv")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(COLUMNS)
            writer.writerows(rows)
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return len(rows)
