"""Writing a reader's history in the CSV layout Letterboxd's importer reads.

Columns ``Title,Year,imdbID,tmdbID,WatchedDate,Rating,Rewatch,Tags,Review``: one row per diary
entry, then one per rated or watched film that has no diary entry (with no date).
"""

from __future__ import annotations

import csv
from pathlib import Path

from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.imports.files import written_atomically
from marquee.readers.models import DiaryEntry, Rating, WatchedFilm, stars_text

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
            *_film_columns(entry.film), entry.watched_on.isoformat(), stars_text(entry.half_stars),
            "true" if entry.rewatch else "false", ", ".join(entry.tags), entry.note,
        ])  # fmt: skip
    rated = set()
    for rating in Rating.objects.filter(user=user).select_related("film").order_by("film__title"):
        rated.add(rating.film_id)
        if rating.film_id not in in_diary:
            rows.append(
                [*_film_columns(rating.film), "", stars_text(rating.half_stars), "false", "", ""]
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
    with (
        written_atomically(Path(out)) as temporary,
        temporary.open("w", encoding="utf-8", newline="") as stream,
    ):
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return len(rows)
