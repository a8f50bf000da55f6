"""A few more films and people around the shared ``film`` (Alien, 1979), and a helper to write
reviews that name them."""

import pytest

from marquee.catalog.models import Credit, Film
from marquee.catalog.services import film_create, film_set_people
from marquee.reviews.services import review_create, review_update


@pytest.fixture
def aliens(film) -> Film:
    aliens = film_create(title="Aliens", year=1986)
    film_set_people(film=aliens, role=Credit.Role.DIRECTOR, names=["James Cameron"])
    film_set_people(film=aliens, role=Credit.Role.CAST, names=["Sigourney Weaver"])
    return aliens


@pytest.fixture
def blade_runner(film) -> Film:
    blade_runner = film_create(title="Blade Runner", year=1982)
    film_set_people(film=blade_runner, role=Credit.Role.DIRECTOR, names=["Ridley Scott"])
    film_set_people(film=blade_runner, role=Credit.Role.CAST, names=["Harrison Ford"])
    return blade_runner


@pytest.fixture
def write_review(critic, film, verdict):
    """``write_review(body=..., publish=...)``: a review of Alien by the critic."""

    def write(*, body: str, publish: bool = True, author=None, of=None, setup: str = "A setup."):
        return review_create(
            author=author or critic,
            film=of or film,
            verdict=verdict,
            tagline="A tagline.",
            setup=setup,
            body=body,
            should_watch="Yes.",
            publish=publish,
        )

    return write


@pytest.fixture
def rewrite(critic, verdict):
    def rewrite_(review, *, body: str, user=None):
        return review_update(
            review=review,
            user=user or critic,
            verdict=verdict,
            tagline=review.tagline,
            setup=review.setup,
            body=body,
            should_watch=review.should_watch,
        )

    return rewrite_
