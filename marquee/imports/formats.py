"""The export formats Marquee reads, each a module with ``parse(path, *, name) -> ParsedExport``.

A parser reads files only: it never touches the database. ``marquee import FORMAT PATH`` and
the upload page look formats up here. The upload page passes ``name``, the file's name as its
owner gave it, because Django stores the upload under a cleaned name of its own
(``My_Favourite_Films_x1Yz2Ab.csv``); the command line leaves it out and the path's name is used.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from marquee.imports.records import ParsedExport
from marquee.readers.models import Source


class Parser(Protocol):
    def __call__(self, path: Path, *, name: str | None = None) -> ParsedExport: ...


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    module: str
    source: str
    accepts: str  # what the user gives: shown in help and on the upload page
    # A format that carries full film identities (Marquee's own) adds missing films itself.
    creates_films: bool = False

    def parser(self) -> Parser:
        return importlib.import_module(self.module).parse


FORMATS = {
    fmt.name: fmt
    for fmt in [
        ExportFormat(
            "letterboxd",
            "Letterboxd",
            "marquee.imports.letterboxd",
            Source.LETTERBOXD,
            "the export ZIP (Settings → Data → Export your data)",
        ),
        ExportFormat(
            "imdb",
            "IMDb",
            "marquee.imports.imdb",
            Source.IMDB,
            "ratings.csv, or a watchlist/list CSV export",
        ),
        ExportFormat(
            "trakt", "Trakt", "marquee.imports.trakt", Source.TRAKT, "the JSON export ZIP"
        ),
        ExportFormat(
            "movary",
            "Movary",
            "marquee.imports.movary",
            Source.MOVARY,
            "a folder or ZIP with history.csv, ratings.csv, watchlist.csv",
        ),
        ExportFormat(
            "journal",
            "Marquee",
            "marquee.imports.journal",
            Source.JOURNAL,
            "a Marquee journal export ZIP",
            creates_films=True,
        ),
    ]
}
