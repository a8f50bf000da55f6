"""What an import did: counts, the rows it skipped and the films it could not match."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from marquee.imports.records import FilmRef, Origin, SkippedRow


@dataclass(frozen=True)
class UnmatchedFilm:
    origin: Origin
    film: FilmRef

    def to_dict(self) -> dict:
        return {
            "file": self.origin.file,
            "line": self.origin.line,
            "title": self.film.title,
            "year": self.film.year,
            "imdb_id": self.film.imdb_id,
        }


@dataclass
class ImportReport:
    """Counts of items created, updated and unchanged, and everything left out with its reason."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    films_created: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    unmatched: list[UnmatchedFilm] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated or self.films_created)

    def summary(self) -> str:
        """One sentence a person reads first."""
        prefix = "Dry run, nothing written: would have " if self.dry_run else ""
        if not self.changed_anything and not self.dry_run:
            text = f"Nothing changed: all {self.unchanged} items were already here."
        else:
            verbs = "created {}, updated {}" if self.dry_run else "Created {}, updated {}"
            text = prefix + verbs.format(self.created, self.updated)
            text += f", {self.unchanged} unchanged"
            if self.films_created:
                text += f"; added {self.films_created} films to the catalog"
            text += "."
        if self.skipped:
            text += f" Skipped {len(self.skipped)} rows."
        if self.unmatched:
            text += f" {len(self.unmatched)} films not in the catalog."
        return text

    def lines(self, *, film_note: Callable[[FilmRef], str] = lambda film: "") -> list[str]:
        """Each skipped or unmatched row as a command prints it, under the summary.

        ``film_note`` adds what a format knows about an unmatched film (its TMDB id, say).
        """
        out = [f"  skipped {row.file}:{row.line}: {row.reason}" for row in self.skipped]
        out += [
            f"  not in the catalog {unmatched.origin}: {unmatched.film} "
            f"({film_note(unmatched.film)}rerun with --create-missing to add it)"
            for unmatched in self.unmatched
        ]
        return out

    def to_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "films_created": self.films_created,
            "skipped": [row.to_dict() for row in self.skipped],
            "unmatched": [film.to_dict() for film in self.unmatched],
            "dry_run": self.dry_run,
            "summary": self.summary(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        """Rebuild a report stored as JSON (for the import progress page)."""
        return cls(
            created=data["created"],
            updated=data["updated"],
            unchanged=data["unchanged"],
            films_created=data.get("films_created", 0),
            skipped=[SkippedRow(**row) for row in data["skipped"]],
            unmatched=[
                UnmatchedFilm(
                    Origin(row["file"], row["line"]),
                    FilmRef(row["title"], row["year"], row.get("imdb_id")),
                )
                for row in data["unmatched"]
            ],
            dry_run=data.get("dry_run", False),
        )
