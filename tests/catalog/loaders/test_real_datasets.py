"""The real ml-latest-small and tmdb-5000, where the shared data folder is beside the checkout."""

from pathlib import Path

import pytest

from marquee.catalog.loaders.movielens import movielens_load
from marquee.catalog.loaders.tmdb import tmdb_load
from marquee.readers.models import Rating

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
ML_LATEST_SMALL = DATA / "ml-latest-small"
TMDB_5000 = DATA / "tmdb-5000" / "tmdb_5000_movies.csv"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db,
    pytest.mark.skipif(not ML_LATEST_SMALL.is_dir(), reason=f"no {ML_LATEST_SMALL}"),
]


def test_ml_latest_small_loads_whole_then_changes_nothing_and_tmdb_joins_it():
    report = movielens_load(directory=ML_LATEST_SMALL, with_ratings=True)
    assert (report.films.created, report.ratings.created, report.readers_created) == (
        9_742, 100_836, 610,
    )  # fmt: skip
    # links.csv gives TMDB id 4912 to two films; the second goes without.
    assert [(row.file, row.line) for row in report.skipped] == [("links.csv", 9108)]
    assert Rating.objects.filter(half_stars=7).count() == 13_136  # 3.5 stars in ratings.csv
    again = movielens_load(directory=ML_LATEST_SMALL, with_ratings=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 9_742 + 100_836)
    if TMDB_5000.is_file():
        tmdb = tmdb_load(path=TMDB_5000)
        assert tmdb.films.updated > 3_400
        assert not tmdb.skipped
