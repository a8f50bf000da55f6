"""Small IMDb dataset files in their real layout, written where a test asks: gzip-compressed,
tab-separated, a header row, ``\\N`` for null, no quoting."""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from pathlib import Path

N = "\\N"
HEADERS = {
    "title.ratings.tsv.gz": "tconst averageRating numVotes",
    "title.basics.tsv.gz": (
        "tconst titleType primaryTitle originalTitle isAdult startYear endYear runtimeMinutes "
        "genres"
    ),
    "title.crew.tsv.gz": "tconst directors writers",
    "title.principals.tsv.gz": "tconst ordering nconst category job characters",
    "name.basics.tsv.gz": (
        "nconst primaryName birthYear deathYear primaryProfession knownForTitles"
    ),
    "title.akas.tsv.gz": (
        "titleId ordering title region language types attributes isOriginalTitle"
    ),
}

# A row is a tuple of fields, or a str written as the whole line (for broken lines).
Row = tuple[str, ...] | str

ALIEN, ALIENS, SPIRITED_AWAY, DUEL = "tt0078748", "tt0090605", "tt0245429", "tt0067023"
TOTORO, FRIENDS, ADULT, UNDATED = "tt0096283", "tt0108778", "tt9999991", "tt1234567"
WEAVER, SKERRITT, SCOTT, OBANNON = "nm0000244", "nm0000949", "nm0000631", "nm0001014"
CAMERON, MIYAZAKI, HIIRAGI, SPIELBERG = "nm0000116", "nm0594503", "nm0385296", "nm0000229"
MISSING_PERSON = "nm7777777"
BROKEN = "tt0000010"

RATINGS: list[Row] = [
    (DUEL, "7.6", "71000"),
    (ALIEN, "8.5", "950000"),
    (ALIENS, "8.4", "750000"),
    (TOTORO, "8.1", "500"),  # below the default threshold
    (FRIENDS, "8.9", "1100000"),  # a series
    (SPIRITED_AWAY, "8.6", "850000"),
    (UNDATED, "6.0", "2000"),
    (ADULT, "5.0", "5000"),
    (BROKEN, "5.0", "3000"),
]
BASICS: list[Row] = [
    (DUEL, "tvMovie", "Duel", "Duel", "0", "1971", N, "90", "Action,Thriller"),
    (ALIEN, "movie", "Alien", "Alien", "0", "1979", N, "117", "Horror,Sci-Fi"),
    (ALIENS, "movie", "Aliens", "Aliens", "0", "1986", N, "137", "Action,Adventure,Sci-Fi"),
    (TOTORO, "movie", "My Neighbor Totoro", "Tonari no Totoro", "0", "1988", N, "86", N),
    (FRIENDS, "tvSeries", "Friends", "Friends", "0", "1994", "2004", "22", "Comedy,Romance"),
    (
        SPIRITED_AWAY, "movie", "Spirited Away", "Sen to Chihiro no kamikakushi", "0", "2001",
        N, "125", "Adventure,Animation,Family",
    ),
    "tt0000009\tmovie\tMiss Jerry\t0\t1894",  # broken, but a title nobody voted on: ignored
    (UNDATED, "movie", "Untitled Project", N, "0", N, N, N, N),
    (ADULT, "movie", "Adult Film", "Adult Film", "1", "2001", N, "80", "Adult"),
    f"{BROKEN}\tmovie\tBroken\t0",  # voted on, and a line too short: skipped and listed
]  # fmt: skip
CREW: list[Row] = [
    (DUEL, SPIELBERG, N),
    (ALIEN, SCOTT, f"{OBANNON}"),
    (ALIENS, CAMERON, CAMERON),
    (SPIRITED_AWAY, MIYAZAKI, MIYAZAKI),
    (ADULT, "nm0000123", N),
]
PRINCIPALS: list[Row] = [
    (ALIEN, "1", WEAVER, "actress", N, '["Ripley"]'),
    (ALIEN, "2", SKERRITT, "actor", N, '["Dallas"]'),
    (ALIEN, "3", SCOTT, "director", N, N),
    (ALIEN, "4", "nm0000002", "composer", N, N),
    (ALIENS, "1", WEAVER, "actress", N, '["Ripley"]'),
    (ALIENS, "2", CAMERON, "director", N, N),
    (ALIENS, "3", MISSING_PERSON, "actor", N, '["Hudson"]'),
    (ALIENS, "4", "nm0000003", "actor", N, "Vasquez"),  # characters that are not JSON
    (SPIRITED_AWAY, "1", HIIRAGI, "actress", N, '["Chihiro", "Sen"]'),
    (SPIRITED_AWAY, "2", MIYAZAKI, "director", N, N),
]
NAMES: list[Row] = [
    ("nm0000001", "Fred Astaire", "1899", "1987", "actor", "tt0050419"),
    (CAMERON, "James Cameron", "1954", N, "writer,producer,director", ALIENS),
    (SPIELBERG, "Steven Spielberg", "1946", N, "producer,director", DUEL),
    (WEAVER, "Sigourney Weaver", "1949", N, "actress", ALIEN),
    (SCOTT, "Ridley Scott", "1937", N, "producer,director", ALIEN),
    (SKERRITT, "Tom Skerritt", "1933", N, "actor", ALIEN),
    (OBANNON, "Dan O'Bannon", "1946", "2009", "writer", ALIEN),
    (HIIRAGI, "Rumi Hiiragi", "1987", N, "actress", SPIRITED_AWAY),
    (MIYAZAKI, "Hayao Miyazaki", "1941", N, "writer,director", SPIRITED_AWAY),
    ("nm0000003", "Jenette Goldstein", "1960", N, "actress", ALIENS),
]
AKAS: list[Row] = [
    (ALIEN, "1", "Alien - Das unheimliche Wesen aus einer fremden Welt", "DE", N, N, N, "0"),
    (ALIEN, "2", "Alien", "US", N, "imdbDisplay", N, "0"),
    (ALIEN, "3", "Alien", N, N, "original", N, "1"),
    (ALIEN, "4", "Star Beast", "US", N, "working", N, "0"),
    (SPIRITED_AWAY, "1", "千と千尋の神隠し", "JP", "ja", "imdbDisplay", N, "0"),
    (SPIRITED_AWAY, "2", "Le voyage de Chihiro", "FR", N, "imdbDisplay", N, "0"),
    (SPIRITED_AWAY, "3", "Le Voyage de Chihiro", "BE", "fr", "imdbDisplay", N, "0"),
    (SPIRITED_AWAY, "4", "Sen to Chihiro no kamikakushi", N, N, "original", N, "1"),
    (SPIRITED_AWAY, "5", "Spirited Away", "US", N, "imdbDisplay", N, "0"),
    (SPIRITED_AWAY, "6", "Унесённые призраками", "RU", N, "imdbDisplay", N, "0"),
    (SPIRITED_AWAY, "7", "Chihiros Reise ins Zauberland", "DE", N, "imdbDisplay", N, "0"),
    (TOTORO, "1", "となりのトトロ", "JP", "ja", "imdbDisplay", N, "0"),
]


def line(row: Row) -> str:
    return row if isinstance(row, str) else "\t".join(row)


def write_gz(path: Path, header: str, rows: Sequence[Row]) -> Path:
    """``rows`` under ``header``; a lone surrogate "\\udcff" in a row is written as the byte
    0xff, which is not UTF-8."""
    text = "".join(f"{line(row)}\n" for row in [header.replace(" ", "\t"), *rows])
    path.write_bytes(gzip.compress(text.encode("utf-8", "surrogateescape")))
    return path


def write_imdb(folder: Path, **files: Sequence[Row] | None) -> Path:
    """An IMDb datasets folder; ``basics=[...]`` and so on replace a file's rows, ``None``
    leaves the file out. Keys: ratings, basics, crew, principals, names, akas."""
    folder.mkdir(parents=True, exist_ok=True)
    defaults = {
        "ratings": ("title.ratings.tsv.gz", RATINGS),
        "basics": ("title.basics.tsv.gz", BASICS),
        "crew": ("title.crew.tsv.gz", CREW),
        "principals": ("title.principals.tsv.gz", PRINCIPALS),
        "names": ("name.basics.tsv.gz", NAMES),
        "akas": ("title.akas.tsv.gz", AKAS),
    }
    unknown = set(files) - set(defaults)
    assert not unknown, f"no IMDb file called {unknown}"
    for key, (name, rows) in defaults.items():
        rows = files.get(key, rows)
        if rows is not None:
            write_gz(folder / name, HEADERS[name], rows)
    return folder
