"""A small indexed site: films with stories, people, published and draft reviews, vectors.

The index follows changes once their transaction commits. Tests run inside one transaction
that never commits, so they run the commit callbacks themselves with ``committed()``.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import connection

from marquee.catalog.models import Credit
from marquee.catalog.services import film_create, film_set_people
from marquee.reviews.models import Verdict
from marquee.reviews.services import review_create
from marquee.search import keyword, scope, vectors

STORIES = {
    ("Never Let Me Go", 2010): (
        "Three friends grow up at an English boarding school and slowly learn that they are "
        "clones, raised to donate their organs until they die young.",
        ["Drama", "Science Fiction"],
        "Mark Romanek",
    ),
    ("Jaws", 1975): (
        "A great white shark attacks swimmers at a seaside resort town, and the police chief "
        "hunts it with a marine biologist and a fisherman.",
        ["Thriller", "Horror"],
        "Steven Spielberg",
    ),
    ("Up", 2009): (
        "An elderly widower ties thousands of balloons to his house and flies away to South "
        "America, with a boy scout stowed away on the porch.",
        ["Animation", "Adventure"],
        "Pete Docter",
    ),
    ("Her", 2013): (
        "A lonely writer falls in love with the artificially intelligent operating system of "
        "his computer.",
        ["Romance", "Science Fiction"],
        "Spike Jonze",
    ),
    ("Pride & Prejudice", 2005): (
        "Sparks fly when spirited Elizabeth Bennet meets single, rich and proud Mr. Darcy in "
        "Georgian England.",
        ["Romance", "Drama"],
        "Joe Wright",
    ),
    ("The Godfather", 1972): (
        "The aging patriarch of an organized crime dynasty transfers control of his empire "
        "to his reluctant son.",
        ["Crime", "Drama"],
        "Francis Ford Coppola",
    ),
}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` runs what would follow a commit (indexing, vectors) at the end,
    and forgets those callbacks as a real commit does."""

    @contextmanager
    def commit():
        with django_capture_on_commit_callbacks(execute=True):
            yield
        connection.run_on_commit.clear()

    return commit


@pytest.fixture(autouse=True)
def _fresh_search_caches():
    """Each test reads the index of its own database, never a matrix another test loaded."""
    vectors._matrices.clear()
    keyword._vocabularies.clear()
    scope._caches.clear()
    yield
    vectors._matrices.clear()
    keyword._vocabularies.clear()
    scope._caches.clear()


def make_film(title: str, year: int, synopsis: str, genres: list[str], director: str):
    film = film_create(title=title, year=year, genres=genres, synopsis=synopsis)
    film_set_people(film=film, role=Credit.Role.DIRECTOR, names=[director])
    return film


@pytest.fixture
def catalog(db, committed) -> dict:
    """The films of ``STORIES`` by title, plus "Amelie" with its French original title and
    "Spirited Away" with its Japanese one, indexed with their vectors."""
    with committed():
        return _films()


def _films() -> dict:
    films = {
        title: make_film(title, year, synopsis, genres, director)
        for (title, year), (synopsis, genres, director) in STORIES.items()
    }
    films["Amelie"] = film_create(
        title="Amelie",
        year=2001,
        original_title="Le fabuleux destin d'Amélie Poulain",
        synopsis="A shy waitress in Paris decides to change the lives of those around her.",
        genres=["Comedy", "Romance"],
    )
    films["Spirited Away"] = film_create(
        title="Spirited Away",
        year=2001,
        original_title="千と千尋の神隠し",
        synopsis="A girl wanders into a world of spirits and must work in a bathhouse to free "
        "her parents.",
        genres=["Animation", "Fantasy"],
    )
    return films


@pytest.fixture
def reviewed(catalog, critic, committed) -> dict:
    """A published review of Jaws and a draft review of Up, indexed with their vectors."""
    with committed():
        return {**catalog, **_reviews(catalog, critic)}


def _reviews(catalog: dict, critic) -> dict:
    essential = Verdict.objects.get(slug="essential")
    published = review_create(
        author=critic,
        film=catalog["Jaws"],
        verdict=essential,
        tagline="The summer the beaches emptied.",
        setup="A seaside town, a shark, and three men in a boat.",
        body="The **barrel** scenes are still the most frightening thing Spielberg shot.",
        should_watch="Yes, before your next holiday at the sea.",
        publish=True,
    )
    draft = review_create(
        author=critic,
        film=catalog["Up"],
        verdict=essential,
        tagline="Zanzibar marmalade",
        setup="Quokka whispers.",
        body="A secret word only this draft uses: xylophonic.",
        should_watch="Draft advice.",
    )
    return {"review": published, "draft": draft}
