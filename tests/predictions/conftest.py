"""A small site with two kinds of taste, trained once per test into a temporary data folder."""

from datetime import UTC, datetime

import pytest

from marquee.catalog.services import film_create
from marquee.predictions import store
from marquee.predictions.services import models_train
from marquee.readers.models import Rating
from tests.conftest import make_user

WHEN = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
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
                    user=reader, film=film, half_stars=9 + index % 2, rated_at=WHEN
                )
        for index, film in enumerate(hates):
            if (index + n) % 4:
                Rating.objects.create(
                    user=reader, film=film, half_stars=2 + index % 2, rated_at=WHEN
                )
        readers.append(reader)
    return {"horror": horror, "romance": romance, "readers": readers}


@pytest.fixture
def trained(taste_site):
    models_train()
    return taste_site
