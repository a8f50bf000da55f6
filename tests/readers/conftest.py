"""Fixtures for readers' tests: a few films with credits and genres."""

from __future__ import annotations

import pytest

from marquee.catalog.models import Credit, Film
from marquee.catalog.services import film_create, film_set_people


def make_film(
    title: str,
    year: int | None,
    *,
    genres: tuple[str, ...] = (),
    directors: tuple[str, ...] = (),
    cast: tuple[str, ...] = (),
    runtime: int | None = None,
) -> Film:
    film = film_create(title=title, year=year, genres=genres, runtime_minutes=runtime)
    film_set_people(film=film, role=Credit.Role.DIRECTOR, names=directors)
    film_set_people(film=film, role=Credit.Role.CAST, names=cast)
    return film


@pytest.fixture
def other_film(db) -> Film:
    return make_film("Blade Runner", 1982, genres=("Science Fiction",), directors=("Ridley Scott",))
