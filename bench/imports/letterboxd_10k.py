"""Import a synthetic 10,000-entry Letterboxd export into a 5,000-film catalog, end to end.

    .venv/bin/python bench/imports/letterboxd_10k.py
    .venv/bin/python bench/imports/letterboxd_10k.py --films 5000 --entries 10000 --repeat 5

It builds a fresh SQLite site in a temporary folder (``MARQUEE_DATA_DIR``; ``DATABASE_URL`` is
cleared), creates the catalog through ``film_create``, writes an export ZIP (diary, ratings,
watchlist) whose titles are spelt the way Letterboxd spells them (``The Thing`` for the catalog's
``Thing, The``, accents where the catalog has none, a year off by one now and then), then times
``letterboxd.parse`` plus ``import_apply``, and a second import of the same file, which must
change nothing. Each of ``--repeat`` new readers imports the export into the same catalog; the
median is shown. Nothing outside the temporary folder is touched. Target: under 3 s.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_SECONDS = 3.0

ADJECTIVES = [
    "Silent", "Crimson", "Last", "Hidden", "Broken", "Golden", "Lonely", "Distant", "Burning",
    "Frozen", "Little", "Wild", "Secret", "Bitter", "Endless", "Hollow", "Velvet", "Iron",
    "Pale", "Midnight", "Shattered", "Electric", "Quiet", "Savage", "Tender",
]  # fmt: skip
NOUNS = [
    "Harbor", "Garden", "Witness", "River", "Summer", "Stranger", "Kingdom", "Mirror", "Road",
    "Café", "Island", "Promise", "Letter", "Station", "Season", "Frontier", "Dream", "Mountain",
    "Empire", "Detective", "Daughter", "Machine", "Orchestra", "Winter", "Éclair",
]  # fmt: skip
# Each a word of its own: "Harbor!" and "Harbor" are one title to the matcher.
SUBTITLES = [
    "", ": Reckoning", ": The Return", " & Sons", " II", ": Origins", " Redux", " in Paris",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--films", type=int, default=5_000, help="films in the catalog")
    parser.add_argument("--entries", type=int, default=10_000, help="rows in the export")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="imports timed; the median is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="marquee-bench-") as folder:
        _setup_django(Path(folder))
        table = bench(
            Path(folder), films=args.films, entries=args.entries, seed=args.seed, repeat=args.repeat
        )
        print(table)


def _setup_django(folder: Path) -> None:
    """A throwaway SQLite site: settings read these variables once, at django.setup()."""
    os.environ["MARQUEE_DATA_DIR"] = str(folder / "data")
    os.environ["DATABASE_URL"] = ""
    os.environ["DJANGO_SETTINGS_MODULE"] = "marquee.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@dataclass(frozen=True)
class Round:
    """Seconds one reader's import took: wall clock, and the CPU time of the whole import."""

    parse: float
    apply: float
    cpu: float
    reimport: float

    @property
    def total(self) -> float:
        return self.parse + self.apply


def bench(folder: Path, *, films: int, entries: int, seed: int, repeat: int) -> str:
    """Median seconds over ``repeat`` readers importing the export, as a markdown table.

    CPU time is shown beside the wall clock because a busy machine stretches the wall clock
    (the import is one thread, and SQLite runs in it), while CPU time stays what the work costs.
    """
    rng = random.Random(seed)
    catalog = _catalog(films, rng)
    export = _write_export(folder / "letterboxd.zip", catalog, entries, rng)
    rounds = [_one_import(export, entries, reader=f"bench-{n}") for n in range(repeat)]

    def median(name: str) -> float:
        return statistics.median(getattr(one, name) for one in rounds)

    verdict = "yes" if median("total") < TARGET_SECONDS else "**no**"
    return "\n".join(
        [
            "| export | films in catalog | parse s | apply s | total s | total CPU s | "
            "re-import s | < 3 s |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
            f"| Letterboxd, {entries:,} rows | {films:,} | {median('parse'):.2f} | "
            f"{median('apply'):.2f} | {median('total'):.2f} | {median('cpu'):.2f} | "
            f"{median('reimport'):.2f} | {verdict} |",
        ]
    )


def _one_import(export: Path, entries: int, *, reader: str) -> Round:
    """A new reader imports the export (timed), then imports it again (timed)."""
    from marquee.accounts.models import User
    from marquee.imports import letterboxd
    from marquee.imports.services import import_apply

    user = User.objects.create_user(username=reader, email=f"{reader}@example.test")
    cpu_started, started = time.process_time(), time.perf_counter()
    parsed = letterboxd.parse(export)
    parsed_at = time.perf_counter()
    report = import_apply(user=user, source="letterboxd", parsed=parsed)
    applied_at, cpu_done = time.perf_counter(), time.process_time()
    again = import_apply(user=user, source="letterboxd", parsed=letterboxd.parse(export))
    reimported_at = time.perf_counter()
    # A benchmark that silently imported less would measure the wrong thing.
    assert (report.created, len(report.unmatched), len(report.skipped)) == (entries, 0, 0), (
        report.summary()
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, entries), again.summary()
    return Round(
        parse=parsed_at - started,
        apply=applied_at - parsed_at,
        cpu=cpu_done - cpu_started,
        reimport=reimported_at - applied_at,
    )


def _catalog(count: int, rng: random.Random) -> list[tuple[str, int]]:
    """``count`` films as (title, year), with titles distinct after matching normalization."""
    from marquee.catalog.services import film_create

    titles = [
        f"{adjective} {noun}{subtitle}"
        for subtitle in SUBTITLES
        for adjective in ADJECTIVES
        for noun in NOUNS
    ]
    if count > len(titles):
        raise SystemExit(f"at most {len(titles):,} distinct synthetic titles")
    films = []
    for title in rng.sample(titles, count):
        year = rng.randint(1930, 2023)
        # Catalogs built from other sources move the article to the end ("Thing, The").
        catalog_title = f"{title}, The" if rng.random() < 0.2 else title
        film_create(title=catalog_title, year=year)
        films.append((title, year))
    return films


def _letterboxd_name(title: str, year: int, rng: random.Random) -> tuple[str, str]:
    """The film as Letterboxd writes it: an article up front, sometimes a year off by one."""
    name = f"The {title}" if rng.random() < 0.2 else title
    year = year + rng.choice([-1, 1]) if rng.random() < 0.05 else year
    return name, str(year)


def _write_export(path: Path, films: list, entries: int, rng: random.Random) -> Path:
    """diary.csv (half the rows), ratings.csv (three tenths) and watchlist.csv (the rest)."""
    diary_count, rating_count = entries // 2, entries * 3 // 10
    watchlist_count = entries - diary_count - rating_count
    start = date(2015, 1, 1)
    diary, viewings = [], set()
    for number in range(diary_count):
        film = rng.choice(films)
        watched = start + timedelta(days=rng.randint(0, 3000))
        while (film, watched) in viewings:  # one viewing of a film a day, as people log them
            watched += timedelta(days=1)
        viewings.add((film, watched))
        name, year = _letterboxd_name(*film, rng)
        diary.append(
            {
                "Date": (watched + timedelta(days=1)).isoformat(),
                "Name": name,
                "Year": year,
                "Letterboxd URI": f"https://boxd.it/d{number:07d}",
                "Rating": _stars(rng) if rng.random() < 0.7 else "",
                "Rewatch": "Yes" if rng.random() < 0.1 else "",
                "Tags": "cinema, with friends" if rng.random() < 0.3 else "",
                "Watched Date": watched.isoformat(),
            }
        )
    # Each of these files names a film once, as Letterboxd's do.
    rated = rng.sample(films, min(rating_count, len(films)))
    listed = rng.sample(films, min(watchlist_count, len(films)))
    ratings = [{**_film_row(film, rng), "Rating": _stars(rng)} for film in rated]
    watchlist = [_film_row(film, rng) for film in listed]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("diary.csv", _csv(diary))
        archive.writestr("ratings.csv", _csv(ratings))
        archive.writestr("watchlist.csv", _csv(watchlist))
        archive.writestr("profile.csv", "Date Joined,Username\n2015-01-01,bench\n")
    return path


def _film_row(film: tuple[str, int], rng: random.Random) -> dict[str, str]:
    name, year = _letterboxd_name(*film, rng)
    added = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3000))
    uri = "https://letterboxd.com/film/" + "-".join(film[0].lower().split()) + "/"
    return {"Date": added.isoformat(), "Name": name, "Year": year, "Letterboxd URI": uri}


def _stars(rng: random.Random) -> str:
    return str(rng.randint(1, 10) / 2).removesuffix(".0")


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


if __name__ == "__main__":
    main()
