"""A small catalog with stories: clone films close to each other, and films about other things."""

from __future__ import annotations

import pytest
from django.utils.text import slugify

from marquee.catalog.models import Film, Keyword
from marquee.catalog.services import film_create


def with_keywords(film: Film, *names: str) -> Film:
    for name in names:
        keyword, _ = Keyword.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
        film.keywords.add(keyword)
    return film


def story_film(title: str, year: int | None, synopsis: str, keywords=(), genres=()) -> Film:
    film = film_create(title=title, year=year, synopsis=synopsis, genres=genres)
    return with_keywords(film, *keywords)


@pytest.fixture
def stories(db) -> dict[str, Film]:
    """Three clone stories (1990, 2005, 2010), two unrelated stories, and one film with no text."""
    return {
        "copies": story_film(
            "Copies",
            1990,
            "In a remote facility, clones are raised to donate their organs to the people they "
            "were copied from. One clone learns the truth and plans an escape.",
            ["clone", "organ donation"],
            ["Science Fiction"],
        ),
        "island": story_film(
            "The Island of Spares",
            2005,
            "Residents of a sealed facility discover they are clones grown as spare organs for "
            "wealthy sponsors, and escape to find the people they were copied from.",
            ["clone", "organ donation", "escape"],
            ["Science Fiction", "Action"],
        ),
        "harvest": story_film(
            "Quiet Harvest",
            2010,
            "At an English boarding school, children slowly learn they are clones whose organs "
            "will be harvested; three friends face the short lives they were given.",
            ["clone", "organ donation", "boarding school"],
            ["Science Fiction", "Drama"],
        ),
        "bakery": story_film(
            "Seaside Bakery",
            2008,
            "A baker in a seaside town falls for the fisherman who delivers her flour every "
            "morning, while her bakery struggles through a cold winter.",
            ["bakery", "romance", "seaside"],
            ["Comedy", "Romance"],
        ),
        "harbour": story_film(
            "Harbour Lights",
            1998,
            "A fisherman and a baker in a small seaside town fall in love over one long winter.",
            ["romance", "seaside"],
            ["Romance"],
        ),
        "blank": film_create(title="Untitled Reel", year=2001),
    }
