"""What readers keep: ratings, diary entries, a watchlist, liked films and lists.

Ratings are stored as whole half-stars (1 = ½ star ... 10 = 5 stars), so 3.5 stays exactly 3.5
whatever the database. ``source`` and ``source_key`` record where an imported item came from, so
importing the same export again finds it instead of adding it twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from marquee.catalog.models import Film

HALF_STARS = Q(half_stars__gte=1) & Q(half_stars__lte=10)


class Source(models.TextChoices):
    MARQUEE = "marquee", "Marquee"
    LETTERBOXD = "letterboxd", "Letterboxd"
    IMDB = "imdb", "IMDb"
    TRAKT = "trakt", "Trakt"
    MOVARY = "movary", "Movary"
    MOVIELENS = "movielens", "MovieLens"
    JOURNAL = "journal", "Marquee export"


def stars_text(half_stars: int | None) -> str:
    """Half stars as the decimal people and exports write: 7 is ``"3.5"``, 8 is ``"4"``."""
    return "" if half_stars is None else str(half_stars / 2).removesuffix(".0")


def stars_label(half_stars: int) -> str:
    """3.5 stars as ``★★★½``."""
    return "★" * (half_stars // 2) + ("½" if half_stars % 2 else "")


class Rating(models.Model):
    """A reader's current rating of a film, on the half-star scale 0.5-5."""

    # No single-column indexes on the two keys: the unique (user, film) constraint serves
    # lookups by user and the (film, half_stars) index serves lookups by film, and every extra
    # index slows the bulk loads of millions of ratings.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ratings",
        db_index=False,
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="ratings", db_index=False)
    half_stars = models.PositiveSmallIntegerField(help_text="1 = ½ star ... 10 = 5 stars")
    rated_at = models.DateTimeField()
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.MARQUEE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-rated_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "film"], name="one_rating_per_film"),
            models.CheckConstraint(condition=HALF_STARS, name="rating_in_half_stars"),
        ]
        indexes = [models.Index(fields=["film", "half_stars"])]

    def __str__(self) -> str:
        return f"{self.user} rated {self.film} {self.stars}"

    @property
    def stars(self) -> float:
        return self.half_stars / 2

    @property
    def stars_label(self) -> str:
        return stars_label(self.half_stars)


class DiaryEntry(models.Model):
    """One viewing: a date, whether it was a rewatch, and optionally a rating, tags and a note."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diary"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="diary_entries")
    watched_on = models.DateField()
    rewatch = models.BooleanField(default=False)
    half_stars = models.PositiveSmallIntegerField(null=True, blank=True)
    tags = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True, max_length=20_000)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.MARQUEE)
    source_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-watched_on", "-id"]
        verbose_name_plural = "diary entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(half_stars__isnull=True) | HALF_STARS, name="diary_rating_in_half_stars"
            ),
            models.UniqueConstraint(
                fields=["user", "source", "source_key"],
                condition=~Q(source_key=""),
                name="one_diary_entry_per_source_key",
            ),
        ]
        indexes = [models.Index(fields=["user", "-watched_on"])]

    def __str__(self) -> str:
        return f"{self.user} watched {self.film} on {self.watched_on}"

    @property
    def stars_label(self) -> str:
        return stars_label(self.half_stars) if self.half_stars else ""


class WatchlistEntry(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watchlist"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="watchlisted_by")
    added_at = models.DateTimeField()
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.MARQUEE)

    class Meta:
        ordering = ["-added_at"]
        verbose_name_plural = "watchlist entries"
        constraints = [
            models.UniqueConstraint(fields=["user", "film"], name="one_watchlist_entry_per_film")
        ]

    def __str__(self) -> str:
        return f"{self.film} on {self.user}'s watchlist"


class FilmLike(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="film_likes"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="likes")
    liked_at = models.DateTimeField()
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.MARQUEE)

    class Meta:
        ordering = ["-liked_at"]
        constraints = [models.UniqueConstraint(fields=["user", "film"], name="one_like_per_film")]

    def __str__(self) -> str:
        return f"{self.user} likes {self.film}"


class WatchedFilm(models.Model):
    """A film the reader has seen, when no diary entry says when (Letterboxd's "watched")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watched_films"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    logged_at = models.DateTimeField()
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.MARQUEE)

    class Meta:
        ordering = ["-logged_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "film"], name="one_watched_per_film")
        ]

    def __str__(self) -> str:
        return f"{self.user} has seen {self.film}"


class FilmList(models.Model):
    """A reader's named, ordered list of films (imported from Letterboxd or made here)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="film_lists"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=5000)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.MARQUEE)
    source_key = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="unique_list_name")]

    def __str__(self) -> str:
        return self.name


class FilmListItem(models.Model):
    film_list = models.ForeignKey(FilmList, on_delete=models.CASCADE, related_name="items")
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    note = models.TextField(blank=True, max_length=5000)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["film_list", "position"], name="unique_list_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.film}"
