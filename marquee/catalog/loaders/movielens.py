"""MovieLens into the catalog: films with their ids, genres and titles, and optionally every
rating, each MovieLens user becoming a reader.

Two layouts are read, told apart by their files:

- "latest" (ml-latest-small, ml-25m...): ``movies.csv`` (movieId,title,genres), ``links.csv``
  (movieId,imdbId,tmdbId), ``tags.csv`` (userId,movieId,tag,timestamp) and ``ratings.csv``
  (userId,movieId,rating,timestamp; half stars 0.5-5), UTF-8 with or without a BOM.
- ml-100k: ``u.item`` (Latin-1, ``|`` separated: id|title|release date|video release
  date|IMDb URL|one 0/1 flag per genre of ``u.genre``) and ``u.data`` (tab separated
  user, item, rating 1-5, timestamp).

Films are found by MovieLens id, then IMDb id, then TMDB id, then by title and year, and are
created only when none fits. ml-100k numbers its films its own way (its item 2 is GoldenEye,
MovieLens's movie 2 is Jumanji), so its ids are not kept as ``movielens_id``; its films are found
by title and year. A film already in the catalog only has its blanks filled (ids, year,
original title, genres when it has none) and titles and keywords added: the loader never
overwrites what is there, so it composes with the TMDB loader and with critics' edits.

Ratings are streamed: rows are gathered in chunks of about ``CHUNK_ROWS`` that end where a user
does, each chunk is compared with what its users already have (one query per chunk) and only
the difference is written, with ``executemany``. MovieLens's latest files are sorted by user; a
file that is not (ml-100k's u.data) is first grouped by user through temporary files. Memory
stays flat however long the file: nothing is kept per rating, only film and reader ids. Each
MovieLens user becomes a reader ``ml-<id>`` (``ml100k-<id>`` for ml-100k, whose users are other
people) with an unusable password.
"""

from __future__ import annotations

import re
import secrets
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from pathlib import Path

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, is_password_usable
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from marquee.accounts.models import User
from marquee.catalog.loaders import (
    MAX_TITLE_CHARS,
    DryRun,
    LoadReport,
    NameTable,
    Progress,
    Table,
    batches,
    cap,
    count_lines,
    films_insert,
    insert_new,
    insert_values,
    keyword_name,
    untrusted_line,
    update_rows,
)
from marquee.catalog.matching import title_match_key
from marquee.catalog.models import AlternateTitle, Film, Genre, Keyword
from marquee.errors import InputError
from marquee.imports.values import RowError, half_stars_from_stars
from marquee.readers.models import Rating, Source

CHUNK_ROWS = 5_000
PARSE_BATCH = 1_000
# A chunk normally ends where a user does; one user with more rows than this is split.
MAX_CHUNK_ROWS = 50_000
# A ratings file not grouped by user is grouped on disk, in files of about this many rows.
BUCKET_ROWS = 100_000
# From this many new ratings on, SQLite's indexes are built again rather than kept up to date.
BULK_INDEX_ROWS = 200_000
# Tags are free text typed by one person; one is kept as a keyword only when several users
# gave the same tag to the same film.
MIN_TAG_USERS = 2
MAX_ID = 2**31 - 1
Row = tuple[int, int, int, int, int]  # (line, MovieLens user, film pk, half stars, unix time)
SOURCE = Source.MOVIELENS.value

LATEST = "latest"
ML_100K = "100k"
# Readers are per dataset: ml-100k's user 1 is not ml-latest-small's user 1.
READER_PREFIX = {
    LATEST: ("ml-", "MovieLens user"),
    ML_100K: ("ml100k-", "MovieLens 100K user"),
}

# ml-100k's u.genre, used when the folder lacks that file.
ML_100K_GENRES = (
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
    "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
    "Sci-Fi", "Thriller", "War", "Western",
)  # fmt: skip
# MovieLens genre names as the catalog (and TMDB) spells them; None is "no genre".
GENRE_NAMES: dict[str, str | None] = {
    "Sci-Fi": "Science Fiction",
    "Children's": "Children",
    "Film-Noir": "Film Noir",
    "IMAX": None,  # a screen format, not a genre
    "(no genres listed)": None,
    "unknown": None,
}

# "3.5" -> 7 without Decimal for the spellings MovieLens uses; others go through Decimal.
_LATEST_HALF_STARS = {f"{half / 2:.1f}": half for half in range(1, 11)} | {
    str(half // 2): half for half in range(2, 11, 2)
}
_100K_HALF_STARS = {str(stars): stars * 2 for stars in range(1, 6)}

# -- titles -----------------------------------------------------------------------------------

_YEAR = re.compile(r"\s*\((\d{4})(?:\s*[-–]\s*(?:\d{4})?\s*)?\)$")
_ARTICLES = (
    "The", "A", "An", "Le", "La", "Les", "L'", "El", "Los", "Las", "Il", "Lo", "I", "Gli", "Der",
    "Die", "Das", "Den", "Det", "De", "Het", "Un", "Une", "Una", "Uno", "Ein", "Eine", "O", "Os",
    "As", "Da",
)  # fmt: skip
_TRAILING_ARTICLE = re.compile(
    r"^(?P<rest>.*\S),\s*(?P<article>" + "|".join(re.escape(a) for a in _ARTICLES) + r")$"
)
_AKA = re.compile(r"^a\.?k\.?a\.?\s+", re.IGNORECASE)


@dataclass(frozen=True)
class MovieTitle:
    """A MovieLens title taken apart: "City of Lost Children, The (Cité des enfants perdus,
    La) (1995)" is "The City of Lost Children", 1995, original "La Cité des enfants perdus"."""

    title: str
    year: int | None = None
    original_title: str = ""
    alternate_titles: tuple[str, ...] = ()


def parse_movielens_title(raw: str) -> MovieTitle:
    """The title, year, original title and a.k.a. titles packed into a MovieLens title."""
    text = " ".join(raw.split())
    year = None
    found = _YEAR.search(text)
    if found and found.start() > 0 and 1870 <= int(found.group(1)) <= 2100:
        year, text = int(found.group(1)), text[: found.start()].rstrip()
    groups: list[str] = []
    while text.endswith(")"):
        opening = _opening_parenthesis(text)
        if opening is None or opening == 0 or text[opening - 1] != " ":
            break
        groups.insert(0, text[opening + 1 : -1].strip())
        text = text[:opening].rstrip()
    title = front_article(text)
    originals, alternates = [], []
    for group in filter(None, groups):
        aka = _AKA.match(group)
        if aka:
            alternates.append(front_article(group[aka.end() :].strip()))
        else:
            originals.append(front_article(group))
    # With several, the last is the original-language title: "Bicycle Thieves (a.k.a. The
    # Bicycle Thief) (Ladri di biciclette)"; the others are more alternates.
    original = originals.pop() if originals else ""
    unique = []
    if originals or alternates:
        keys = {title_match_key(title), title_match_key(original)}
        for alternate in [*originals, *alternates]:
            key = title_match_key(alternate)
            if alternate and key not in keys:
                keys.add(key)
                unique.append(alternate)
    return MovieTitle(title, year, original, tuple(unique))


def front_article(title: str) -> str:
    """ "Thing, The" is "The Thing"; "Ours, L'" is "L'Ours"."""
    found = _TRAILING_ARTICLE.match(title)
    if not found:
        return title
    article, rest = found.group("article"), found.group("rest")
    return f"{article}{rest}" if article.endswith("'") else f"{article} {rest}"


def _opening_parenthesis(text: str) -> int | None:
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                return index
    return None


def imdb_id_from_links(value: str) -> str | None:
    """links.csv's ``imdbId`` is digits without "tt" and leading zeros: 114709 is tt0114709."""
    value = value.strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 10 or int(value) == 0:
        raise RowError(f"imdbId {value!r} is not an IMDb number")
    return "tt" + value.lstrip("0").zfill(7)


# -- what the files say -----------------------------------------------------------------------


@dataclass(slots=True)
class MovieRow:
    """One film as the dataset describes it, with the line it came from."""

    file: str
    line: int
    dataset_id: int
    title: MovieTitle
    genres: tuple[str, ...]
    # Only the "latest" layout's ids are MovieLens's own (see the module docstring).
    movielens_id: int | None = None
    imdb_id: str | None = None
    tmdb_id: int | None = None
    links_line: int = 0
    keywords: frozenset[str] = frozenset()
    match_key: str = ""

    def __post_init__(self) -> None:
        self.match_key = self.match_key or title_match_key(self.title.title)


@dataclass
class Dataset:
    layout: str
    directory: Path
    movies: list[MovieRow]
    ratings_path: Path | None


def detect_layout(directory: Path) -> str:
    """``latest`` for a folder with movies.csv, ``100k`` for one with u.item."""
    if not directory.is_dir():
        raise InputError("directory", "is not a folder", file=str(directory))
    if (directory / "movies.csv").is_file():
        return LATEST
    if (directory / "u.item").is_file():
        return ML_100K
    raise InputError(
        "directory",
        "has neither movies.csv (MovieLens latest) nor u.item (MovieLens 100K)",
        file=str(directory),
    )


def _genres(names: list[str]) -> tuple[str, ...]:
    result: list[str] = []
    for name in names:
        name = untrusted_line(name, max_chars=60)
        name = GENRE_NAMES.get(name, name) if name else None
        if name and name not in result:
            result.append(name)
    return tuple(result)


def _movie_title(raw: str) -> MovieTitle:
    parsed = parse_movielens_title(untrusted_line(raw, max_chars=2_000))
    return MovieTitle(
        cap(parsed.title, MAX_TITLE_CHARS),
        parsed.year,
        cap(parsed.original_title, MAX_TITLE_CHARS),
        tuple(cap(title, MAX_TITLE_CHARS) for title in parsed.alternate_titles),
    )


def _positive_id(text: str, field_name: str) -> int:
    text = text.strip()
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= MAX_ID:
        raise RowError(f"{field_name} {text!r} is not a positive whole number")
    return int(text)


def _read_latest(directory: Path, report: LoadReport) -> list[MovieRow]:
    movies: dict[int, MovieRow] = {}
    with Table(directory / "movies.csv", columns=("movieId", "title", "genres")) as table:
        id_at, title_at, genres_at = table.positions.values()
        for line, values in table.rows():
            try:
                if len(values) < table.width:
                    raise RowError(f"has {len(values)} fields; expected at least {table.width}")
                movie_id = _positive_id(values[id_at], "movieId")
                title = _movie_title(values[title_at])
                if not title.title:
                    raise RowError("title is empty")
                if movie_id in movies:
                    raise RowError(f"movieId {movie_id} is already on line {movies[movie_id].line}")
            except RowError as error:
                report.skip(table.name, line, str(error))
                continue
            movies[movie_id] = MovieRow(
                table.name,
                line,
                movie_id,
                title,
                _genres(values[genres_at].split("|")),
                movielens_id=movie_id,
            )
    if (directory / "links.csv").is_file():
        _read_links(directory / "links.csv", movies, report)
    if (directory / "tags.csv").is_file():
        _read_tags(directory / "tags.csv", movies, report)
    return list(movies.values())


def _read_links(path: Path, movies: dict[int, MovieRow], report: LoadReport) -> None:
    with Table(path, columns=("movieId", "imdbId", "tmdbId")) as table:
        id_at, imdb_at, tmdb_at = table.positions.values()
        for line, values in table.rows():
            try:
                if len(values) < table.width:
                    raise RowError(f"has {len(values)} fields; expected at least {table.width}")
                movie = movies.get(_positive_id(values[id_at], "movieId"))
                if movie is None:
                    raise RowError(f"movieId {values[id_at]} is not in movies.csv")
                imdb_id = imdb_id_from_links(values[imdb_at])
                tmdb_text = values[tmdb_at].strip()
                tmdb_id = _positive_id(tmdb_text, "tmdbId") if tmdb_text else None
            except RowError as error:
                report.skip(table.name, line, str(error))
                continue
            movie.imdb_id, movie.tmdb_id, movie.links_line = imdb_id, tmdb_id, line


def _read_tags(path: Path, movies: dict[int, MovieRow], report: LoadReport) -> None:
    """Tags given to a film by at least ``MIN_TAG_USERS`` users become its keywords."""
    users: dict[tuple[int, str], set[int]] = {}
    with Table(path, columns=("userId", "movieId", "tag")) as table:
        user_at, movie_at, tag_at = table.positions.values()
        for line, values in table.rows():
            try:
                if len(values) < table.width:
                    raise RowError(f"has {len(values)} fields; expected at least {table.width}")
                user_id = _positive_id(values[user_at], "userId")
                movie_id = _positive_id(values[movie_at], "movieId")
            except RowError as error:
                report.skip(table.name, line, str(error))
                continue
            tag = keyword_name(values[tag_at])
            if not tag or movie_id not in movies:
                continue
            given = users.setdefault((movie_id, tag), set())
            if len(given) < MIN_TAG_USERS:
                given.add(user_id)
                if len(given) == MIN_TAG_USERS:
                    movies[movie_id].keywords |= {tag}


def _read_100k(directory: Path, report: LoadReport) -> list[MovieRow]:
    genres = _read_100k_genres(directory / "u.genre")
    movies: list[MovieRow] = []
    width = 5 + len(genres)
    with Table(
        directory / "u.item",
        columns=("movie id", "movie title", "release date"),
        encoding="latin-1",
        delimiter="|",
        header=False,
        quoted=False,
    ) as table:
        seen: dict[int, int] = {}
        for line, values in table.rows():
            try:
                if len(values) != width:
                    raise RowError(f"has {len(values)} fields; expected {width}")
                movie_id = _positive_id(values[0], "movie id")
                if movie_id in seen:
                    raise RowError(f"movie id {movie_id} is already on line {seen[movie_id]}")
                title = _movie_title(values[1])
                if not title.title or title.title.casefold() == "unknown":
                    raise RowError("has no title")
                flags = values[5:]
                if any(flag.strip() not in {"0", "1"} for flag in flags):
                    raise RowError("genre flags must be 0 or 1")
            except RowError as error:
                report.skip(table.name, line, str(error))
                continue
            seen[movie_id] = line
            released = re.search(r"(\d{4})\s*$", values[2])
            if title.year is None and released and 1870 <= int(released.group(1)) <= 2100:
                title = MovieTitle(
                    title.title, int(released.group(1)), title.original_title,
                    title.alternate_titles,
                )  # fmt: skip
            names = [name for name, flag in zip(genres, flags, strict=True) if flag.strip() == "1"]
            movies.append(MovieRow(table.name, line, movie_id, title, _genres(names)))
    return movies


def _read_100k_genres(path: Path) -> tuple[str, ...]:
    if not path.is_file():
        return ML_100K_GENRES
    names: dict[int, str] = {}
    with Table(
        path, columns=("genre", "index"), encoding="latin-1", delimiter="|", header=False,
        quoted=False,
    ) as table:  # fmt: skip
        for line, values in table.rows():
            index = values[1].strip() if len(values) == 2 else ""
            if not index.isdigit() or int(index) in names or not values[0].strip():
                raise InputError("u.genre", "expected name|index", file=path.name, line=line)
            names[int(index)] = values[0].strip()
    if sorted(names) != list(range(len(names))) or not names:
        raise InputError("u.genre", "indexes must run 0, 1, 2... without gaps", file=path.name)
    return tuple(names[index] for index in range(len(names)))


def read_dataset(directory: Path, *, with_ratings: bool, report: LoadReport) -> Dataset:
    """Parse and check the film files of a MovieLens folder; ratings are only located."""
    layout = detect_layout(directory)
    movies = (_read_latest if layout == LATEST else _read_100k)(directory, report)
    ratings_path = None
    if with_ratings:
        ratings_path = directory / ("ratings.csv" if layout == LATEST else "u.data")
        if not ratings_path.is_file():
            raise InputError("ratings", f"{ratings_path.name} is missing", file=str(directory))
    dataset = Dataset(layout, directory, movies, ratings_path)
    if ratings_path:
        _ratings_table(dataset).close()  # its header is checked before anything is written
    return dataset


# -- writing films ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Film:
    """What the catalog holds for one film, or will once the pending ones are created."""

    movielens_id: int | None
    imdb_id: str | None
    tmdb_id: int | None
    year: int | None
    original_title: str
    # Immutable and shared while empty: a catalog has tens of thousands of films.
    genre_ids: frozenset[int] = frozenset()
    keyword_ids: frozenset[int] = frozenset()
    title_keys: frozenset[str] = frozenset()
    changed: bool = False


class _FilmWriter:
    """Matches dataset rows to catalog films and writes the difference in bulk.

    Films are keyed by pk; a film this load will create has a negative stand-in key until
    it is inserted, so later rows (a duplicate title, a shared TMDB id) can find it too.
    """

    def __init__(self, report: LoadReport, *, with_keywords: bool) -> None:
        self.report = report
        self.films: dict[int, _Film] = {}
        self.by_movielens: dict[int, int] = {}
        self.by_imdb: dict[str, int] = {}
        self.by_tmdb: dict[int, int] = {}
        self.by_title: dict[tuple[str, int | None], list[int]] = {}
        rows = Film.objects.values_list(
            "pk", "movielens_id", "imdb_id", "tmdb_id", "year", "original_title", "match_key"
        )
        for pk, movielens_id, imdb_id, tmdb_id, year, original, key in rows.iterator(5_000):
            self.films[pk] = _Film(
                movielens_id, imdb_id, tmdb_id, year, original, title_keys=frozenset((key,))
            )
            self._index(pk, key)
        for film_id, genre_id in Film.genres.through.objects.values_list("film_id", "genre_id"):
            self.films[film_id].genre_ids |= {genre_id}
        if with_keywords:
            keywords = Film.keywords.through.objects.values_list("film_id", "keyword_id")
            for film_id, keyword_id in keywords.iterator(5_000):
                self.films[film_id].keyword_ids |= {keyword_id}
        for film_id, key in AlternateTitle.objects.values_list("film_id", "match_key"):
            self.films[film_id].title_keys |= {key}
        self.genres = NameTable(Genre, max_chars=60, slug_chars=70)
        self.keywords = NameTable(Keyword, max_chars=100, slug_chars=120)
        # (title, year, original_title, imdb_id, tmdb_id, movielens_id, match_key)
        self.new_films: list[tuple] = []
        self.new_titles: list[tuple[int, str, str]] = []
        self.new_genres: list[tuple[int, int]] = []
        self.new_keywords: list[tuple[int, int]] = []

    def _index(self, pk: int, match_key: str) -> None:
        film = self.films[pk]
        if film.movielens_id:
            self.by_movielens[film.movielens_id] = pk
        if film.imdb_id:
            self.by_imdb[film.imdb_id] = pk
        if film.tmdb_id:
            self.by_tmdb[film.tmdb_id] = pk
        self.by_title.setdefault((match_key, film.year), []).append(pk)

    # -- matching -------------------------------------------------------------------------

    def _fits(self, film: _Film, row: MovieRow) -> bool:
        """False when an id both have differs: then they are different films."""
        return (
            (row.movielens_id is None or film.movielens_id in (None, row.movielens_id))
            and (not row.imdb_id or film.imdb_id in (None, row.imdb_id))
            and (not row.tmdb_id or film.tmdb_id in (None, row.tmdb_id))
        )

    def match(self, row: MovieRow) -> int | None:
        """The film ``row`` describes: by MovieLens id, IMDb id, TMDB id, then title and year."""
        if row.movielens_id and row.movielens_id in self.by_movielens:
            return self.by_movielens[row.movielens_id]
        for index, value in ((self.by_imdb, row.imdb_id), (self.by_tmdb, row.tmdb_id)):
            pk = index.get(value) if value else None
            if pk is not None and self._fits(self.films[pk], row):
                return pk
        candidates = self.by_title.get((row.match_key, row.title.year), [])
        fitting = [pk for pk in candidates if self._fits(self.films[pk], row)]
        # The oldest film wins a tie, so every rerun picks the same one.
        return min(fitting, key=lambda pk: (pk < 0, abs(pk))) if fitting else None

    # -- one row ----------------------------------------------------------------------------

    def apply(self, row: MovieRow) -> int:
        """Create or complete the film ``row`` describes; returns its (stand-in) key."""
        pk = self.match(row)
        if pk is None:
            pk = self._create(row)
            self.report.count(self.report.films, "created")
        else:
            changed = self._complete(pk, row)
            # A film created earlier in this load (ml-100k lists a few twice) is counted once.
            outcome = "updated" if changed and pk > 0 else "unchanged"
            self.report.count(self.report.films, outcome)
        self._add_titles(pk, row)
        self._add_links(pk, row)
        return pk

    def _create(self, row: MovieRow) -> int:
        pk = -(len(self.new_films) + 1)
        imdb_id = self._free_id(self.by_imdb, row.imdb_id, row, "imdbId")
        tmdb_id = self._free_id(self.by_tmdb, row.tmdb_id, row, "tmdbId")
        title = row.title
        self.films[pk] = _Film(row.movielens_id, imdb_id, tmdb_id, title.year, title.original_title)
        match_key = row.match_key
        self.films[pk].title_keys = frozenset((match_key,))
        self._index(pk, match_key)
        self.new_films.append(
            (title.title, title.year, title.original_title, imdb_id, tmdb_id, row.movielens_id,
             match_key)
        )  # fmt: skip
        return pk

    def _free_id(self, index: dict, value, row: MovieRow, column: str):
        """``value`` when no other film has it; else None, and the links row says why."""
        if not value or value not in index:
            return value
        self.report.skip(
            "links.csv",
            row.links_line,
            f"{column} {value} already belongs to another film; not given to movieId "
            f"{row.dataset_id}",
        )
        return None

    def _complete(self, pk: int, row: MovieRow) -> bool:
        film = self.films[pk]
        before = (film.movielens_id, film.imdb_id, film.tmdb_id, film.year, film.original_title)
        if film.movielens_id is None and row.movielens_id:
            film.movielens_id = row.movielens_id
            self.by_movielens[row.movielens_id] = pk
        if film.imdb_id is None and row.imdb_id:
            film.imdb_id = self._free_id(self.by_imdb, row.imdb_id, row, "imdbId")
            if film.imdb_id:
                self.by_imdb[film.imdb_id] = pk
        if film.tmdb_id is None and row.tmdb_id:
            film.tmdb_id = self._free_id(self.by_tmdb, row.tmdb_id, row, "tmdbId")
            if film.tmdb_id:
                self.by_tmdb[film.tmdb_id] = pk
        if film.year is None and row.title.year:
            film.year = row.title.year
            self.by_title.setdefault((row.match_key, film.year), []).append(pk)
        if not film.original_title and row.title.original_title:
            film.original_title = row.title.original_title
        after = (film.movielens_id, film.imdb_id, film.tmdb_id, film.year, film.original_title)
        if after != before:
            film.changed = True
        return after != before

    def _add_titles(self, pk: int, row: MovieRow) -> None:
        film = self.films[pk]
        parsed = row.title
        if row.match_key not in film.title_keys:
            film.title_keys |= {row.match_key}
            self.new_titles.append((pk, parsed.title, row.match_key))
            self._note_change(pk)
        for title in filter(None, (parsed.original_title, *parsed.alternate_titles)):
            key = title_match_key(title)
            if key and key not in film.title_keys:
                film.title_keys |= {key}
                self.new_titles.append((pk, title, key))
                self._note_change(pk)

    def _add_links(self, pk: int, row: MovieRow) -> None:
        film = self.films[pk]
        if row.genres and not film.genre_ids:
            film.genre_ids = frozenset(self.genres.id(name) for name in row.genres)
            self.new_genres.extend((pk, genre_id) for genre_id in film.genre_ids)
            self._note_change(pk)
        for name in sorted(row.keywords):
            keyword_id = self.keywords.id(name)
            if keyword_id not in film.keyword_ids:
                film.keyword_ids |= {keyword_id}
                self.new_keywords.append((pk, keyword_id))
                self._note_change(pk)

    def _note_change(self, pk: int) -> None:
        """Count a film whose only change is a new title, genre or keyword as updated."""
        film = self.films[pk]
        if pk > 0 and not film.changed:
            film.changed = True
            self.report.count(self.report.films, "unchanged", -1)
            self.report.count(self.report.films, "updated")

    # -- writing ----------------------------------------------------------------------------

    def write(self, movies: list[MovieRow]) -> dict[int, int]:
        """Apply every row and write the result; returns dataset film id -> film pk."""
        self.genres.ensure(name for movie in movies for name in movie.genres)
        self.keywords.ensure(name for movie in movies for name in movie.keywords)
        keys = {movie.dataset_id: self.apply(movie) for movie in movies}
        real = self._insert_films()
        now = timezone.now()
        update_rows(
            Film,
            ("movielens_id", "imdb_id", "tmdb_id", "year", "original_title", "updated_at"),
            [
                (pk, film.movielens_id, film.imdb_id, film.tmdb_id, film.year,
                 film.original_title, now)
                for pk, film in self.films.items()
                if pk > 0 and film.changed
            ],
        )  # fmt: skip
        insert_new(
            AlternateTitle,
            ("film_id", "title", "match_key"),
            [(real(pk), title, key) for pk, title, key in self.new_titles],
        )
        insert_new(
            Film.genres.through,
            ("film_id", "genre_id"),
            [(real(pk), genre_id) for pk, genre_id in self.new_genres],
        )
        insert_new(
            Film.keywords.through,
            ("film_id", "keyword_id"),
            [(real(pk), keyword_id) for pk, keyword_id in self.new_keywords],
        )
        return {dataset_id: real(key) for dataset_id, key in keys.items()}

    def _insert_films(self) -> Callable[[int], int]:
        """Insert the new films; returns the function from a stand-in key to the real pk."""
        new_pks = films_insert(
            ("title", "year", "original_title", "imdb_id", "tmdb_id", "movielens_id",
             "match_key"),
            self.new_films,
        )  # fmt: skip

        def real(pk: int) -> int:
            return pk if pk > 0 else new_pks[-pk - 1]

        return real


# -- ratings ----------------------------------------------------------------------------------


def _unix_time_sql() -> tuple[str, Callable[[int], object] | None]:
    """How a Unix time goes into a DateTimeField column: SQL around the parameter, or a
    conversion in Python where the database has no function for it.

    SQLite's ``datetime(t, 'unixepoch')`` writes exactly the text Django stores (naive UTC), in C,
    far faster than an aware datetime through ``adapt_datetimefield_value`` a million times.
    """
    if connection.vendor == "sqlite" and connection.timezone_name == "UTC":
        return "datetime(%s, 'unixepoch')", None
    if connection.vendor == "postgresql":
        return "to_timestamp(%s)", None
    adapt = connection.ops.adapt_datetimefield_value
    return "%s", lambda seconds: adapt(datetime.fromtimestamp(seconds, UTC))


def unusable_password() -> str:
    """What ``make_password(None)`` stores, from one call to ``secrets`` instead of forty."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_hex(20)


class _SQLiteBulkWrites:
    """On SQLite, what makes a million inserts into an indexed table fast; undone afterwards.

    A bigger page cache keeps the indexes' pages in memory for the transaction. And once most
    of a long file turns out to be new (``drop_indexes``), the table's plain indexes are dropped
    and built again at the end: one sort per index instead of a random B-tree insert per row and
    index. Unique indexes stay, so the database still refuses a duplicate. SQLite's schema
    changes are transactional, so a failure or a dry run rolls the indexes back with the rows.
    """

    CACHE_KIB = 32 * 1024

    def __init__(self, table: str) -> None:
        self.table = table
        self.active = connection.vendor == "sqlite"
        self.indexes: list[str] = []  # the CREATE INDEX statements to run again
        self.cache_size: int | None = None

    def __enter__(self) -> _SQLiteBulkWrites:
        if self.active:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size")
                self.cache_size = int(cursor.fetchone()[0])
                cursor.execute(f"PRAGMA cache_size = -{self.CACHE_KIB}")
        return self

    def drop_indexes(self) -> None:
        if not self.active or self.indexes:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [self.table],
            )
            for name, sql in cursor.fetchall():
                if not sql.upper().startswith("CREATE UNIQUE"):
                    cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                    self.indexes.append(sql)

    def __exit__(self, kind, error, trace) -> None:
        if not self.active:
            return
        if kind is None:
            with connection.cursor() as cursor:
                for sql in self.indexes:
                    cursor.execute(sql)
        # After an error the transaction's rollback restores the indexes; the cache size is
        # put back if the connection still takes queries, else it goes with the connection.
        with suppress(DatabaseError), connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {self.cache_size}")


class _RatingWriter:
    """Writes ratings chunk by chunk, comparing each chunk with what its users already have."""

    def __init__(
        self,
        report: LoadReport,
        *,
        file: str,
        reader_prefix: tuple[str, str],
        stamp: datetime,
        lines: int,
        bulk: _SQLiteBulkWrites,
    ) -> None:
        self.report = report
        self.file = file
        self.username, self.display_name = reader_prefix
        self.lines = lines
        self.rows_seen = 0
        self.bulk = bulk
        self.readers: dict[int, int | None] = {}  # MovieLens user -> reader pk (None: taken)
        ops = connection.ops
        table = ops.quote_name(Rating._meta.db_table)
        column = {name: ops.quote_name(Rating._meta.get_field(name).column) for name in (
            "id", "user", "film", "half_stars", "rated_at", "source", "updated_at")}  # fmt: skip
        self.stamp = ops.adapt_datetimefield_value(stamp)
        when, self.convert = _unix_time_sql()
        self.insert_sql = (
            f"INSERT INTO {table} ({column['user']}, {column['film']}, {column['half_stars']}, "
            f"{column['rated_at']}, {column['source']}, {column['updated_at']}) VALUES "
        )
        # The source is this module's constant; everything from the file is a parameter.
        self.insert_row = f"(%s, %s, %s, {when}, '{SOURCE}', %s)"
        self.update_sql = (
            f"UPDATE {table} SET {column['half_stars']} = %s, {column['rated_at']} = {when}, "
            f"{column['updated_at']} = %s WHERE {column['user']} = %s AND {column['film']} = %s"
        )
        # Rows this load wrote carry its stamp, so a repeat later in the file is a duplicate.
        self.existing_sql = (
            f"SELECT {column['user']}, {column['film']}, "
            f"CASE WHEN {column['updated_at']} = %s THEN 0 ELSE {column['half_stars']} END "
            f"FROM {table} WHERE {column['user']} IN ({{}})"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({column['id']}) FROM {table}")
            self.table_rows = cursor.fetchone()[0] or 0  # an upper bound, found in O(1)

    def write(self, rows: list[Row]) -> None:
        """Write one chunk of rows, all of each user's rows in the file if it can."""
        self.rows_seen += len(rows)
        report, file, convert, stamp = self.report, self.file, self.convert, self.stamp
        self._add_readers({row[1] for row in rows} - self.readers.keys())
        readers = self.readers
        # (reader, film) -> the half stars of a rating this load has not met yet, or minus the
        # line that met it (0 when that was in an earlier chunk).
        existing = self._existing({readers[row[1]] for row in rows} - {None})
        inserts, updates, unchanged = [], [], 0
        for line, user, film_id, half_stars, seconds in rows:
            reader_id = readers[user]
            if reader_id is None:
                report.skip(
                    file, line, f"the account {self.username}{user} exists and is not MovieLens's"
                )
                continue
            key = (reader_id, film_id)
            have = existing.get(key)
            if have is not None and have <= 0:
                earlier = f"line {-have}" if have else "an earlier line"
                report.skip(file, line, f"duplicate of {earlier} (same user and film)")
                continue
            existing[key] = -line
            if convert is not None:
                seconds = convert(seconds)
            if have is None:
                inserts.append((reader_id, film_id, half_stars, seconds, stamp))
            elif have == half_stars:
                unchanged += 1
            else:
                updates.append((half_stars, seconds, stamp, reader_id, film_id))
        # Rebuilding indexes pays when most of a long file is new and the table is not huge.
        still_to_read = self.lines - self.rows_seen
        if (
            len(inserts) > len(rows) // 2
            and still_to_read >= BULK_INDEX_ROWS
            and still_to_read >= self.table_rows // 4
        ):
            self.bulk.drop_indexes()
        with connection.cursor() as cursor:
            insert_values(cursor, self.insert_sql, self.insert_row, inserts)
            if updates:
                cursor.executemany(self.update_sql, updates)
        report.count(report.ratings, "created", len(inserts))
        report.count(report.ratings, "updated", len(updates))
        report.count(report.ratings, "unchanged", unchanged)

    def _existing(self, reader_ids: set[int]) -> dict[tuple[int, int], int]:
        """(reader, film) -> half stars of these readers' ratings; 0 for those this load wrote."""
        found: dict[tuple[int, int], int] = {}
        with connection.cursor() as cursor:
            for chunk in batches(sorted(reader_ids)):
                sql = self.existing_sql.format(", ".join(["%s"] * len(chunk)))
                cursor.execute(sql, [self.stamp, *chunk])
                found.update({(user, film): half for user, film, half in cursor.fetchall()})
        return found

    def _add_readers(self, users: set[int]) -> None:
        """Find or create the reader ``ml-<id>`` for each MovieLens user new to this load."""
        if not users:
            return
        prefix = self.username
        names = {f"{prefix}{user}": user for user in users}
        for chunk in batches(sorted(names)):
            for pk, username, password in User.objects.filter(username__in=chunk).values_list(
                "pk", "username", "password"
            ):
                # Someone who signed up as "ml-7" keeps their account and gets no ratings.
                self.readers[names[username]] = None if is_password_usable(password) else pk
        missing = sorted(user for user in users if user not in self.readers)
        insert_new(
            User,
            ("username", "password", "display_name", "is_active"),
            [
                (f"{prefix}{user}", unusable_password(), f"{self.display_name} {user}", True)
                for user in missing
            ],
        )
        created = {f"{prefix}{user}": user for user in missing}
        for chunk in batches(sorted(created)):
            for pk, username in User.objects.filter(username__in=chunk).values_list(
                "pk", "username"
            ):
                self.readers[created[username]] = pk
        self.report.readers_created += len(missing)


def _checked_rows(
    table: Table, layout: str, film_ids: dict[int, int], report: LoadReport
) -> Iterator[list[Row]]:
    """The rating rows that can be used, in lists of ``PARSE_BATCH`` (handing them over one by
    one costs more than parsing them); the others go to the report with their reason."""
    user_at, movie_at, rating_at, time_at = table.positions.values()
    if layout == LATEST:
        scale, what = _LATEST_HALF_STARS, "a half-star rating from 0.5 to 5"
    else:
        scale, what = _100K_HALF_STARS, "a whole number from 1 to 5"
    width, file = table.width, table.name
    latest_time = int((timezone.now() + timedelta(days=1)).timestamp())
    batch: list[Row] = []
    for line, values in table.rows():
        try:
            if len(values) < width:
                raise RowError(f"has {len(values)} fields; expected {width}")
            half_stars = scale.get(values[rating_at])
            if half_stars is None:
                half_stars = _unusual_rating(values[rating_at], layout, what)
            user = int(values[user_at])
            movie = int(values[movie_at])
            seconds = int(values[time_at])
        except (RowError, ValueError) as error:
            report.skip(file, line, _row_problem(error, values, (user_at, movie_at, time_at)))
            continue
        film_id = film_ids.get(movie)
        if not 0 < user <= MAX_ID:
            report.skip(file, line, f"userId {user} is not a positive whole number")
        elif film_id is None:
            report.skip(file, line, f"movieId {movie} is not among the films loaded")
        elif not 0 < seconds <= latest_time:
            report.skip(file, line, f"timestamp {seconds} is not a time in the past")
        else:
            batch.append((line, user, film_id, half_stars, seconds))
            if len(batch) == PARSE_BATCH:
                yield batch
                batch = []
    if batch:
        yield batch


class _NotGrouped(Exception):
    """A user's rows come back after other users': the file must be grouped by user first."""


def _chunks_as_grouped(batches: Iterable[list[Row]]) -> Iterator[list[Row]]:
    """Chunks of about ``CHUNK_ROWS`` that end where a user does, from rows grouped by user
    (MovieLens's latest files are sorted by user); ``_NotGrouped`` when a user comes back.

    With all of a user's rows in one chunk, a repeated user and film is caught within it, and
    the first of the two wins on every load.
    """
    chunk: list[Row] = []
    last_user, finished = 0, set()
    for batch in batches:
        for row in batch:
            user = row[1]
            if user != last_user:
                if user in finished:
                    raise _NotGrouped
                finished.add(last_user)
                last_user = user
                if len(chunk) >= CHUNK_ROWS:
                    yield chunk
                    chunk = []
            elif len(chunk) >= MAX_CHUNK_ROWS:
                yield chunk
                chunk = []
            chunk.append(row)
    if chunk:
        yield chunk


def _chunks_grouped_on_disk(batches: Iterable[list[Row]], *, lines: int) -> Iterator[list[Row]]:
    """The same chunks from rows in any order (ml-100k's u.data is shuffled).

    Rows are spilled by user into temporary files of about ``BUCKET_ROWS`` rows each, then
    each file is read back sorted by user and line: memory holds one file's rows, not all.
    """
    buckets = max(1, -(-lines // BUCKET_ROWS))
    record = struct.Struct("<5q")
    with tempfile.TemporaryDirectory(prefix="marquee-ratings-") as folder, ExitStack() as files:
        spills = [files.enter_context((Path(folder) / str(n)).open("w+b")) for n in range(buckets)]
        for batch in batches:
            for row in batch:
                spills[row[1] % buckets].write(record.pack(*row))
        for spill in spills:
            spill.seek(0)
            yield from _chunks_as_grouped(
                [sorted(record.iter_unpack(spill.read()), key=itemgetter(1, 0))]
            )


def _unusual_rating(value: str, layout: str, what: str) -> int:
    """A rating spelled other than MovieLens does ("3.50"), or an error naming the field."""
    if layout == LATEST:
        try:
            return half_stars_from_stars(value, field="rating")
        except RowError:
            pass
    raise RowError(f"rating {value.strip()!r} is not {what}")


def _row_problem(error: Exception, values: list[str], positions: tuple[int, int, int]) -> str:
    if isinstance(error, RowError):
        return str(error)
    for name, index in zip(("userId", "movieId", "timestamp"), positions, strict=True):
        try:
            int(values[index])
        except ValueError:
            kind = "a Unix time in seconds" if name == "timestamp" else "a whole number"
            return f"{name} {values[index].strip()!r} is not {kind}"
    return str(error)


def _load_ratings(
    dataset: Dataset,
    film_ids: dict[int, int],
    report: LoadReport,
    *,
    stamp: datetime,
    lines: int,
    progress: Callable[[int], None],
) -> None:
    """Stream the ratings file into the database, grouping it by user first if it is not."""
    mark = report.mark()
    savepoint = transaction.savepoint()
    options = {"stamp": stamp, "lines": lines, "progress": progress}
    try:
        _write_ratings(dataset, film_ids, report, grouped=True, **options)
    except _NotGrouped:
        # Undo the chunks written so far and start again, grouping the rows on disk.
        transaction.savepoint_rollback(savepoint)
        report.rewind(mark)
        _write_ratings(dataset, film_ids, report, grouped=False, **options)
    else:
        transaction.savepoint_commit(savepoint)


def _write_ratings(
    dataset: Dataset,
    film_ids: dict[int, int],
    report: LoadReport,
    *,
    grouped: bool,
    stamp: datetime,
    lines: int,
    progress: Callable[[int], None],
) -> None:
    with (
        _ratings_table(dataset) as table,
        _SQLiteBulkWrites(Rating._meta.db_table) as bulk,
    ):
        writer = _RatingWriter(
            report,
            file=table.name,
            reader_prefix=READER_PREFIX[dataset.layout],
            stamp=stamp,
            lines=lines,
            bulk=bulk,
        )
        rows = _checked_rows(table, dataset.layout, film_ids, report)
        chunks = _chunks_as_grouped(rows) if grouped else _chunks_grouped_on_disk(rows, lines=lines)
        for chunk in chunks:
            writer.write(chunk)
            progress(writer.rows_seen)


def _ratings_table(dataset: Dataset) -> Table:
    latest = dataset.layout == LATEST
    assert dataset.ratings_path is not None
    return Table(
        dataset.ratings_path,
        columns=("userId", "movieId", "rating", "timestamp"),
        delimiter="," if latest else "\t",
        header=latest,
        quoted=latest,
    )


# -- the service ------------------------------------------------------------------------------


def movielens_load(
    *, directory: Path, with_ratings: bool, dry_run: bool = False, progress: Progress | None = None
) -> LoadReport:
    """Load a MovieLens folder's films (and with ``with_ratings`` its ratings) in one transaction.

    Idempotent: a second load of the same folder changes nothing. Bad rows are skipped and
    listed with file and line; an unreadable file (missing columns, wrong encoding) raises an
    ``InputError`` and writes nothing. ``progress(done, total)`` counts rows of the films and
    ratings files.
    """
    report = LoadReport(dry_run=dry_run)
    dataset = read_dataset(directory, with_ratings=with_ratings, report=report)
    rating_lines = count_lines(dataset.ratings_path) if dataset.ratings_path else 0
    total = len(dataset.movies) + rating_lines

    def advance(done: int) -> None:
        if progress:
            progress(min(done, total), total)

    stamp = timezone.now()
    try:
        with transaction.atomic():
            writer = _FilmWriter(report, with_keywords=dataset.layout == LATEST)
            film_ids = writer.write(dataset.movies)
            films = len(dataset.movies)
            # Only the ids are needed from here on; the ratings stream starts with room.
            del writer
            dataset.movies.clear()
            advance(films)
            if with_ratings:
                _load_ratings(
                    dataset,
                    film_ids,
                    report,
                    stamp=stamp,
                    lines=rating_lines,
                    progress=lambda rows: advance(films + rows),
                )
            advance(total)
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    report.skipped.sort(key=lambda row: (row.file, row.line))
    return report
