"""Reader statistics on a small hand-made history, every number worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marquee.readers.models import WatchedFilm
from marquee.readers.selectors import (
    DecadeCount,
    GenreStats,
    PersonCount,
    film_reader_state,
    reader_stats,
    reader_summary,
)
from marquee.readers.services import (
    diary_entry_add,
    film_like_toggle,
    rating_set,
    watchlist_toggle,
)
from tests.conftest import make_user
from tests.readers.conftest import make_film

pytestmark = pytest.mark.django_db
TODAY = date(2025, 6, 15)


@pytest.fixture
def history(reader, other_reader):
    """The reader has seen Alpha twice, Beta, Gamma (rated or logged) and Epsilon (watched).

    Delta is only on the watchlist, so it counts nowhere. Other readers rate some of the same
    films, and a film the reader never saw.
    """
    alpha = make_film(
        "Alpha", 1979, genres=("Horror", "Science Fiction"), directors=("Ann Director",),
        cast=("Xavier Actor", "Yara Actor"), runtime=100,
    )  # fmt: skip
    beta = make_film(
        "Beta", 1986, genres=("Horror",), directors=("Ann Director",), cast=("Xavier Actor",),
        runtime=120,
    )  # fmt: skip
    gamma = make_film(
        "Gamma", 2003, genres=("Drama",), directors=("Bob Director",), cast=("Zed Actor",)
    )
    delta = make_film("Delta", 2011, genres=("Drama",), directors=("Bob Director",))
    epsilon = make_film("Epsilon", 1962, genres=("Drama",), directors=("Cy Director",))

    diary_entry_add(user=reader, film=alpha, watched_on=date(2025, 3, 10))
    diary_entry_add(
        user=reader, film=alpha, watched_on=date(2025, 6, 1), rewatch=True, half_stars=8
    )
    diary_entry_add(user=reader, film=beta, watched_on=date(2024, 7, 4))
    diary_entry_add(user=reader, film=gamma, watched_on=date(2023, 1, 1))  # before the 24 months
    rating_set(user=reader, film=beta, half_stars=5)
    rating_set(user=reader, film=gamma, half_stars=10)
    WatchedFilm.objects.create(user=reader, film=epsilon, logged_at=timezone.now())
    watchlist_toggle(user=reader, film=delta)

    rating_set(user=other_reader, film=alpha, half_stars=4)
    rating_set(user=other_reader, film=gamma, half_stars=6)
    rating_set(user=other_reader, film=delta, half_stars=2)  # the reader did not rate Delta
    diary_entry_add(user=other_reader, film=alpha, watched_on=date(2025, 6, 2))
    return {"alpha": alpha, "beta": beta, "gamma": gamma, "delta": delta, "epsilon": epsilon}


def test_counts_cover_diary_ratings_and_watched_films(reader, history):
    stats = reader_stats(reader, today=TODAY)
    assert stats.films_watched == 4  # Alpha, Beta, Gamma, Epsilon
    assert stats.viewings == 4
    assert stats.rewatches == 1
    assert stats.hours_watched == 5  # 100 + 100 + 120 minutes; Gamma's runtime is unknown
    assert stats.ratings == 3


def test_the_histogram_counts_current_ratings_per_half_star(reader, history):
    stats = reader_stats(reader, today=TODAY)
    assert stats.ratings_histogram == [0, 0, 0, 0, 1, 0, 0, 1, 0, 1]


def test_films_per_month_cover_the_last_24_months_from_the_diary(reader, history):
    months = reader_stats(reader, today=TODAY).months
    assert len(months) == 24
    assert months[0].month == date(2023, 7, 1)
    assert months[-1].month == date(2025, 6, 1)
    counted = {m.month: m.viewings for m in months if m.viewings}
    assert counted == {date(2024, 7, 1): 1, date(2025, 3, 1): 1, date(2025, 6, 1): 1}


def test_decades_are_counted_per_film_with_gaps_filled(reader, history):
    assert reader_stats(reader, today=TODAY).decades == [
        DecadeCount(1960, 1),
        DecadeCount(1970, 1),
        DecadeCount(1980, 1),
        DecadeCount(1990, 0),
        DecadeCount(2000, 1),
    ]


def test_top_people_count_films_seen_not_viewings(reader, history):
    stats = reader_stats(reader, today=TODAY)
    assert stats.top_directors == [
        PersonCount("Ann Director", "ann-director", 2),
        PersonCount("Bob Director", "bob-director", 1),
        PersonCount("Cy Director", "cy-director", 1),
    ]
    assert [(p.name, p.films) for p in stats.top_actors] == [
        ("Xavier Actor", 2),
        ("Yara Actor", 1),
        ("Zed Actor", 1),
    ]


def test_averages_compare_the_reader_with_other_readers_on_the_same_films(reader, history):
    stats = reader_stats(reader, today=TODAY)
    assert stats.your_average == 3.83  # (8 + 5 + 10) / 3 half-stars = 3.833 stars
    assert stats.site_average == 2.5  # Alpha 4 and Gamma 6 half-stars; Delta is not counted


def test_genres_count_films_seen_and_compare_averages(reader, history):
    assert reader_stats(reader, today=TODAY).genres == [
        GenreStats("Drama", "drama", 2, your_average=5.0, site_average=3.0),
        GenreStats("Horror", "horror", 2, your_average=3.25, site_average=2.0),
        GenreStats("Science Fiction", "science-fiction", 1, your_average=4.0, site_average=2.0),
    ]


def test_a_reader_with_no_history_gets_zeros_and_no_averages(other_critic):
    stats = reader_stats(other_critic, today=TODAY)
    assert stats.films_watched == stats.viewings == stats.ratings == stats.hours_watched == 0
    assert stats.ratings_histogram == [0] * 10
    assert [m.viewings for m in stats.months] == [0] * 24
    assert stats.decades == stats.top_directors == stats.top_actors == stats.genres == []
    assert stats.your_average is None and stats.site_average is None


def test_stats_take_the_same_number_of_queries_however_long_the_history(reader, history):
    with CaptureQueriesContext(connection) as small:
        reader_stats(reader, today=TODAY)
    for index in range(15):
        film = make_film(
            f"More {index}", 1990 + index, genres=(f"Genre {index}",),
            directors=(f"Director {index}",), cast=(f"Actor {index}", f"Actor {index + 1}"),
        )  # fmt: skip
        diary_entry_add(user=reader, film=film, watched_on=date(2025, 1, 1), half_stars=3)
    with CaptureQueriesContext(connection) as large:
        reader_stats(reader, today=TODAY)
    assert len(large) == len(small) <= 12


def test_the_film_page_state_shows_only_the_readers_own_things(reader, other_reader, history):
    alpha = history["alpha"]
    film_like_toggle(user=other_reader, film=alpha)
    watchlist_toggle(user=reader, film=alpha)
    state = film_reader_state(reader, alpha)
    assert state.half_stars == 8
    assert state.on_watchlist is True
    assert state.liked is False
    assert state.times_watched == 2
    assert [e.watched_on for e in state.recent_viewings] == [date(2025, 6, 1), date(2025, 3, 10)]
    assert film_reader_state(reader, history["delta"]).half_stars is None


def test_the_summary_counts_what_a_profile_shows(reader, history):
    film_like_toggle(user=reader, film=history["alpha"])
    summary = reader_summary(reader)
    assert (summary.films_watched, summary.diary_entries, summary.ratings) == (4, 4, 3)
    assert (summary.watchlist, summary.likes) == (1, 1)


def test_ratings_of_films_the_reader_never_rated_leave_the_site_average_alone(reader, history):
    stranger = make_user("stranger")
    rating_set(user=stranger, film=history["epsilon"], half_stars=1)
    assert reader_stats(reader, today=TODAY).site_average == 2.5
