"""Shared fixtures: users in each role, a film with credits, a published review, and a small
site with two kinds of taste that the recommender can be trained on."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marquee.accounts.models import User
from marquee.catalog.models import Credit, Film
from marquee.catalog.services import film_create, film_set_people
from marquee.predictions import store
from marquee.predictions.services import models_train
from marquee.readers.models import Rating
from marquee.reviews.models import Review, Verdict
from marquee.reviews.services import review_create

PASSWORD = "a-long-test-password-42"


def pytest_configure(config):
    """Argon2 is slow by design; tests that are not about hashing use a fast hasher."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
    # Each test run gets its own in-memory cache, never a folder another run could clear.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def make_user(username: str, **flags) -> User:
    return User.objects.create_user(
        username=username, email=f"{username}@example.test", password=PASSWORD, **flags
    )


@pytest.fixture
def reader(db) -> User:
    return make_user("rita_reader")


@pytest.fixture
def other_reader(db) -> User:
    return make_user("otto_other")


@pytest.fixture
def critic(db) -> User:
    return make_user("carla_critic", is_critic=True, display_name="Carla Critic")


@pytest.fixture
def other_critic(db) -> User:
    return make_user("cody_critic", is_critic=True)


@pytest.fixture
def staff(db) -> User:
    return make_user("sam_staff", is_staff=True)


@pytest.fixture
def owner(db) -> User:
    return User.objects.create_superuser(
        username="olga_owner", email="owner@example.test", password=PASSWORD
    )


@pytest.fixture
def film(db) -> Film:
    film = film_create(title="Alien", year=1979, genres=["Horror", "Science Fiction"])
    film_set_people(film=film, role=Credit.Role.DIRECTOR, names=["Ridley Scott"])
    film_set_people(
        film=film, role=Credit.Role.CAST, names=["Sigourney Weaver", "Tom Skerritt", "John Hurt"]
    )
    return film


@pytest.fixture
def verdict(db) -> Verdict:
    return Verdict.objects.get(slug="recommended-viewing")


@pytest.fixture
def review(critic, film, verdict) -> Review:
    return review_create(
        author=critic,
        film=film,
        verdict=verdict,
        tagline="In space, no one can hear you scream.",
        setup="A commercial towing ship answers a distress call from a barren moon.",
        body="A haunted-house film *in space*, built with patience.\n\nThe crew feels real.",
        should_watch="If you're a fan of slow-burn horror, yes.",
        publish=True,
    )


@pytest.fixture
def draft_review(critic, film, verdict) -> Review:
    return review_create(
        author=critic,
        film=film,
        verdict=verdict,
        tagline="A draft tagline.",
        setup="A draft setup.",
        body="Draft body.",
        should_watch="Draft advice.",
    )


@pytest.fixture(autouse=True)
def _tasks_run_inline(settings):
    """Background tasks run inline, so a test sees their result at once.

    Set through the ``settings`` fixture so django-tasks hears of the change and drops the
    backend it may already have made from the production settings.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so cached pages never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


TASTE_WHEN = datetime(2024, 1, 1, tzinfo=UTC)


# -- a small site with two kinds of taste, for the recommender's tests (predictions, API) --


@pytest.fixture
def models_folder(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    store._loaded.clear()
    yield tmp_path
    store._loaded.clear()


@pytest.fixture
def taste_site(db):
    """Horror fans love horror and dislike romance; romantics the opposite."""
    horror = [film_create(title=f"Horror {n}", year=1980 + n, genres=["Horror"]) for n in range(8)]
    romance = [
        film_create(title=f"Romance {n}", year=1990 + n, genres=["Romance"]) for n in range(8)
    ]
    readers = []
    for n in range(24):
        reader = make_user(f"fan{n}")
        loves, hates = (horror, romance) if n % 2 == 0 else (romance, horror)
        for index, film in enumerate(loves):
            if (index + n) % 5:  # everyone leaves a few unseen
                Rating.objects.create(
                    user=reader, film=film, half_stars=9 + index % 2, rated_at=TASTE_WHEN
                )
        for index, film in enumerate(hates):
            if (index + n) % 4:
                Rating.objects.create(
                    user=reader, film=film, half_stars=2 + index % 2, rated_at=TASTE_WHEN
                )
        readers.append(reader)
    return {"horror": horror, "romance": romance, "readers": readers}


@pytest.fixture
def trained(taste_site, models_folder):
    models_train()
    return taste_site
