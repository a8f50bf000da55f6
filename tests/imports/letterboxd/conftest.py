"""Small Letterboxd exports written by the tests: CSV text from dicts, zipped like the real one.

Real exports are never committed; each test writes the few rows it needs. The helpers fill in
realistic values (Letterboxd's column names and order, ``boxd.it`` URIs) so a test only states
what it is about.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from marquee.catalog.models import Film
from marquee.catalog.services import film_create

FILM_COLUMNS = ["Date", "Name", "Year", "Letterboxd URI"]
RATING_COLUMNS = [*FILM_COLUMNS, "Rating"]
DIARY_COLUMNS = [*RATING_COLUMNS, "Rewatch", "Tags", "Watched Date"]
REVIEW_COLUMNS = [*RATING_COLUMNS, "Rewatch", "Review", "Tags", "Watched Date"]
LIST_ITEM_COLUMNS = ["Position", "Name", "Year", "URL", "Description"]


def csv_text(
    rows: list[dict[str, str]], columns: list[str] | None = None, *, newline: str = "\n"
) -> str:
    """Rows as CSV the way Letterboxd writes it: a header, then fields quoted when needed."""
    columns = columns or list(rows[0])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator=newline)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def film_row(name: str, year: str, *, date: str = "2024-01-05", uri: str = "") -> dict[str, str]:
    """A row of watched.csv, watchlist.csv or likes/films.csv."""
    return {"Date": date, "Name": name, "Year": year, "Letterboxd URI": uri or _uri(name)}


def rating_row(name: str, year: str, rating: str, *, date: str = "2024-01-05") -> dict[str, str]:
    return {**film_row(name, year, date=date), "Rating": rating}


def diary_row(
    name: str,
    year: str,
    *,
    watched: str = "2024-03-09",
    rating: str = "",
    rewatch: str = "",
    tags: str = "",
    date: str = "2024-03-10",
    uri: str = "",
) -> dict[str, str]:
    return {
        **rating_row(name, year, rating, date=date),
        "Letterboxd URI": uri or _uri(f"{name} {watched}"),
        "Rewatch": rewatch,
        "Tags": tags,
        "Watched Date": watched,
    }


def review_row(name: str, year: str, review: str, **diary) -> dict[str, str]:
    """A reviews.csv row: the diary columns with ``Review`` among them."""
    row = {**diary_row(name, year, **diary), "Review": review}
    return {column: row[column] for column in REVIEW_COLUMNS}


def list_text(
    name: str,
    items: list[dict[str, str]],
    *,
    description: str = "",
    version: str = "v7",
    newline: str = "\n",
) -> str:
    """A lists/*.csv file: the v7 header block, a blank line, then the films."""
    head = csv_text(
        [
            {
                "Date": "2023-11-02",
                "Name": name,
                "Tags": "",
                "URL": "https://letterboxd.com/rita/list/" + name.lower().replace(" ", "-") + "/",
                "Description": description,
            }
        ],
        newline=newline,
    )
    body = csv_text(items, LIST_ITEM_COLUMNS, newline=newline) if items else ""
    return f"Letterboxd list export {version}{newline}{head}{newline}{body}"


def list_item(position: int, name: str, year: str, note: str = "") -> dict[str, str]:
    return {
        "Position": str(position),
        "Name": name,
        "Year": year,
        "URL": "https://letterboxd.com/film/" + name.lower().replace(" ", "-") + "/",
        "Description": note,
    }


def write_zip(path: Path, files: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in files.items():
            archive.writestr(member, content.encode() if isinstance(content, str) else content)
    return path


def _uri(seed: str) -> str:
    return f"https://boxd.it/{zlib.crc32(seed.encode()):08x}"


@pytest.fixture
def export_zip(tmp_path) -> Callable[..., Path]:
    """Write a Letterboxd export ZIP from ``{"diary.csv": text, ...}`` and return its path."""

    def write(
        files: dict[str, str | bytes], name: str = "letterboxd-rita-2024-05-01-12-00-utc.zip"
    ) -> Path:
        return write_zip(tmp_path / name, files)

    return write


@pytest.fixture
def catalog(db) -> dict[str, Film]:
    """Films as a catalog built from another source names them (articles moved, accents lost)."""
    return {
        "alien": film_create(title="Alien", year=1979),
        "amelie": film_create(title="Amelie", year=2001),
        "thing": film_create(title="Thing, The", year=1982),
        "spirited": film_create(title="Spirited Away", year=2002),
        "mad_max": film_create(title="Mad Max - Fury Road", year=2015),
        "crouching": film_create(title="Crouching Tiger, Hidden Dragon", year=2000),
    }
