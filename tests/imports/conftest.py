"""A reader with some of everything, for export and round-trip tests."""

from datetime import UTC, date, datetime

import pytest

from marquee.catalog.services import film_create
from marquee.readers.models import (
    DiaryEntry,
    FilmLike,
    FilmList,
    FilmListItem,
    Rating,
    WatchedFilm,
    WatchlistEntry,
)

WHEN = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)


@pytest.fixture
def history(reader):
    """Films and a reader's full history over them."""
    alien = film_create(title="Alien", year=1979, imdb_id="tt0078748")
    amelie = film_create(
        title="Amélie", year=2001, original_title="Le Fabuleux Destin d'Amélie Poulain"
    )
    moon = film_create(title="Moon", year=2009, tmdb_id=17431)
    Rating.objects.create(user=reader, film=alien, half_stars=7, rated_at=WHEN)
    Rating.objects.create(user=reader, film=amelie, half_stars=10, rated_at=WHEN)
    DiaryEntry.objects.create(
        user=reader, film=alien, watched_on=date(2020, 1, 2), half_stars=8,
        tags=["space", "rewatchable, really"], note='Said "wow", twice.\nNew line.',
        source="letterboxd", source_key="https://boxd.it/abc",
    )  # fmt: skip
    DiaryEntry.objects.create(user=reader, film=alien, watched_on=date(2024, 5, 1), rewatch=True)
    WatchlistEntry.objects.create(user=reader, film=moon, added_at=WHEN)
    FilmLike.objects.create(user=reader, film=amelie, liked_at=WHEN)
    WatchedFilm.objects.create(user=reader, film=moon, logged_at=WHEN)
    favourites = FilmList.objects.create(user=reader, name="Favourites", description="Best")
    FilmListItem.objects.create(film_list=favourites, film=amelie, position=1, note="Paris")
    FilmListItem.objects.create(film_list=favourites, film=alien, position=2)
    FilmList.objects.create(user=reader, name="Empty for now")
    return reader
