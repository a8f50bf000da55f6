"""Reads of what readers keep: their lists, the state a film page shows, and their statistics.

Statistics are aggregated in the database, a fixed number of queries whatever the size of the
reader's history, and come back as plain numbers the charts can draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from marquee.accounts.models import User
from marquee.catalog.models import Credit, Film
from marquee.readers.models import DiaryEntry, FilmLike, Rating, WatchedFilm, WatchlistEntry

RECENT_VIEWINGS_ON_FILM_PAGE = 5
MONTHS_OF_HISTORY = 24
TOP_PEOPLE = 10
TOP_GENRES = 10
RATING_ORDERS = {"recent": ("-rated_at", "-id"), "highest": ("-half_stars", "-rated_at", "-id")}


def reader_ratings(user: User, *, order: str = "recent") -> QuerySet[Rating]:
    """The reader's current ratings with their films, newest or highest first."""
    return (
        Rating.objects.filter(user=user)
        .select_related("film")
        .order_by(*RATING_ORDERS.get(order, RATING_ORDERS["recent"]))
    )


def reader_diary(user: User) -> QuerySet[DiaryEntry]:
    """The reader's diary with films, latest viewing first."""
    return (
        DiaryEntry.objects.filter(user=user).select_related("film").order_by("-watched_on", "-id")
    )


def reader_watchlist(user: User) -> QuerySet[WatchlistEntry]:
    """The films the reader means to watch, most recently added first."""
    return (
        WatchlistEntry.objects.filter(user=user).select_related("film").order_by("-added_at", "-id")
    )


def reader_watched_films(user: User) -> QuerySet[Film]:
    """Every film the reader has seen: logged in the diary, rated, or marked as watched."""
    return Film.objects.filter(
        Q(pk__in=DiaryEntry.objects.filter(user=user).values("film_id"))
        | Q(pk__in=Rating.objects.filter(user=user).values("film_id"))
        | Q(pk__in=WatchedFilm.objects.filter(user=user).values("film_id"))
    )


@dataclass(frozen=True)
class FilmReaderState:
    """What the film page's widgets show one reader about one film."""

    half_stars: int | None
    on_watchlist: bool
    liked: bool
    times_watched: int
    recent_viewings: list[DiaryEntry]

    @property
    def stars(self) -> float | None:
        return self.half_stars / 2 if self.half_stars else None


def film_reader_state(user: User, film: Film) -> FilmReaderState:
    """The reader's rating, watchlist and like state, and viewings of ``film``."""
    diary = DiaryEntry.objects.filter(user=user, film=film).order_by("-watched_on", "-id")
    return FilmReaderState(
        half_stars=Rating.objects.filter(user=user, film=film)
        .values_list("half_stars", flat=True)
        .first(),
        on_watchlist=WatchlistEntry.objects.filter(user=user, film=film).exists(),
        liked=FilmLike.objects.filter(user=user, film=film).exists(),
        times_watched=diary.count(),
        recent_viewings=list(diary[:RECENT_VIEWINGS_ON_FILM_PAGE]),
    )


@dataclass(frozen=True)
class ReaderSummary:
    """The counts a reader's profile shows."""

    films_watched: int
    diary_entries: int
    ratings: int
    watchlist: int
    likes: int


def reader_summary(user: User) -> ReaderSummary:
    """How much the reader has logged, rated, listed and liked."""
    return ReaderSummary(
        films_watched=reader_watched_films(user).count(),
        diary_entries=DiaryEntry.objects.filter(user=user).count(),
        ratings=Rating.objects.filter(user=user).count(),
        watchlist=WatchlistEntry.objects.filter(user=user).count(),
        likes=FilmLike.objects.filter(user=user).count(),
    )


@dataclass(frozen=True)
class MonthCount:
    month: date  # the first day of the month
    viewings: int


@dataclass(frozen=True)
class DecadeCount:
    decade: int  # 1970 for the 1970s
    films: int

    @property
    def label(self) -> str:
        return f"{self.decade}s"


@dataclass(frozen=True)
class PersonCount:
    name: str
    slug: str
    films: int


@dataclass(frozen=True)
class GenreStats:
    """Films seen in a genre, and the reader's average rating there against other readers'."""

    name: str
    slug: str
    films: int
    your_average: float | None  # in stars, over the genre's films the reader rated
    site_average: float | None  # in stars, other readers' ratings of those same films


@dataclass(frozen=True)
class ReaderStats:
    """A reader's history as numbers for the stats page. Averages are in stars (0.5-5)."""

    films_watched: int
    viewings: int
    rewatches: int
    hours_watched: int
    ratings_histogram: list[int]  # counts for ½, 1, 1½ ... 5 stars
    months: list[MonthCount]  # the last 24 months, oldest first, from the diary
    decades: list[DecadeCount]  # release decades of films seen, gaps filled with 0
    top_directors: list[PersonCount]
    top_actors: list[PersonCount]
    genres: list[GenreStats]
    your_average: float | None
    site_average: float | None  # other readers, over the films this reader rated

    @property
    def ratings(self) -> int:
        return sum(self.ratings_histogram)


def _stars(average_half_stars: float | None) -> float | None:
    return None if average_half_stars is None else round(average_half_stars / 2, 2)


def _months_back(today: date, count: int) -> list[date]:
    """The first days of the ``count`` months ending with today's month, oldest first."""
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _top_people(watched: QuerySet[Film], role: str) -> list[PersonCount]:
    rows = (
        Credit.objects.filter(role=role, film__in=watched.values("pk"))
        .values("person__name", "person__slug")
        .annotate(films=Count("film", distinct=True))
        .order_by("-films", "person__name")[:TOP_PEOPLE]
    )
    return [PersonCount(r["person__name"], r["person__slug"], r["films"]) for r in rows]


def _genre_stats(user: User, watched: QuerySet[Film]) -> list[GenreStats]:
    film_genres = Film.genres.through.objects
    counts = (
        film_genres.filter(film__in=watched.values("pk"))
        .values("genre__name", "genre__slug")
        .annotate(films=Count("film", distinct=True))
        .order_by("-films", "genre__name")[:TOP_GENRES]
    )
    yours = dict(
        Rating.objects.filter(user=user)
        .values_list("film__genres__slug")
        .annotate(average=Avg("half_stars"))
        .order_by()
    )
    rated_by_reader = Rating.objects.filter(user=user).values("film_id")
    others = dict(
        Rating.objects.filter(film__in=rated_by_reader)
        .exclude(user=user)
        .values_list("film__genres__slug")
        .annotate(average=Avg("half_stars"))
        .order_by()
    )
    return [
        GenreStats(
            name=row["genre__name"],
            slug=row["genre__slug"],
            films=row["films"],
            your_average=_stars(yours.get(row["genre__slug"])),
            site_average=_stars(others.get(row["genre__slug"])),
        )
        for row in counts
    ]


def reader_ratings_histogram(user: User) -> list[int]:
    """How many films the reader rated ½ star, 1 star ... 5 stars (ten counts)."""
    histogram = [0] * 10
    for half_stars, count in (
        Rating.objects.filter(user=user)
        .values_list("half_stars")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        histogram[half_stars - 1] = count
    return histogram


def reader_stats(user: User, *, today: date | None = None) -> ReaderStats:
    """Everything the stats page charts, for ``user``, as of ``today`` (default: now)."""
    today = today or timezone.localdate()
    watched = reader_watched_films(user)

    histogram = reader_ratings_histogram(user)
    rated = sum(histogram)
    your_average = sum(i * n for i, n in enumerate(histogram, start=1)) / rated if rated else None
    site_average = (
        Rating.objects.filter(film__in=Rating.objects.filter(user=user).values("film_id"))
        .exclude(user=user)
        .aggregate(average=Avg("half_stars"))["average"]
    )

    diary = DiaryEntry.objects.filter(user=user).aggregate(
        viewings=Count("pk"),
        rewatches=Count("pk", filter=Q(rewatch=True)),
        minutes=Sum("film__runtime_minutes"),
    )

    months = _months_back(today, MONTHS_OF_HISTORY)
    per_month = {
        (row["month"].year, row["month"].month): row["n"]
        for row in DiaryEntry.objects.filter(
            user=user, watched_on__gte=months[0], watched_on__lte=today
        )
        .annotate(month=TruncMonth("watched_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    }

    per_decade = dict(
        watched.exclude(year=None)
        .annotate(decade=F("year") / 10 * 10)
        .values_list("decade")
        .annotate(n=Count("pk"))
        .order_by()
    )
    decades = (
        [
            DecadeCount(decade, per_decade.get(decade, 0))
            for decade in range(min(per_decade), max(per_decade) + 10, 10)
        ]
        if per_decade
        else []
    )

    return ReaderStats(
        films_watched=watched.count(),
        viewings=diary["viewings"],
        rewatches=diary["rewatches"],
        hours_watched=(diary["minutes"] or 0) // 60,
        ratings_histogram=histogram,
        months=[MonthCount(m, per_month.get((m.year, m.month), 0)) for m in months],
        decades=decades,
        top_directors=_top_people(watched, Credit.Role.DIRECTOR),
        top_actors=_top_people(watched, Credit.Role.CAST),
        genres=_genre_stats(user, watched),
        your_average=_stars(your_average),
        site_average=_stars(site_average),
    )
