from datetime import date, timedelta

import pytest
from django.utils import timezone

from marquee.imports.values import (
    RowError,
    half_stars_from_stars,
    half_stars_from_ten,
    parse_date,
    parse_datetime,
    parse_imdb_id,
    parse_year,
)


@pytest.mark.parametrize(("text", "half"), [("0.5", 1), ("3.5", 7), ("5", 10), ("4,5", 9)])
def test_star_ratings_become_exact_half_stars(text, half):
    assert half_stars_from_stars(text) == half


@pytest.mark.parametrize("text", ["0", "3.25", "5.5", "-1", "four", ""])
def test_impossible_star_ratings_are_refused(text):
    with pytest.raises(RowError, match="Rating"):
        half_stars_from_stars(text)


@pytest.mark.parametrize(("text", "half"), [("1", 1), ("7", 7), ("10", 10)])
def test_ten_point_ratings_map_to_half_stars(text, half):
    assert half_stars_from_ten(text) == half


@pytest.mark.parametrize("text", ["0", "11", "7.5", "x"])
def test_impossible_ten_point_ratings_are_refused(text):
    with pytest.raises(RowError):
        half_stars_from_ten(text)


def test_dates_in_the_future_are_refused():
    tomorrow = (timezone.now().date() + timedelta(days=2)).isoformat()
    with pytest.raises(RowError, match="in the future"):
        parse_date(tomorrow, field="Watched Date")


def test_unparsable_dates_name_the_field():
    with pytest.raises(RowError, match="Watched Date '31/12/2020' is not a date"):
        parse_date("31/12/2020", field="Watched Date")
    assert parse_date("2020-12-31", field="d") == date(2020, 12, 31)


def test_timestamps_become_aware_datetimes():
    assert parse_datetime("2021-03-04T05:06:07.000Z", field="watched_at").tzinfo is not None
    assert parse_datetime("2021-03-04", field="Date").year == 2021


def test_years_and_imdb_ids():
    assert parse_year("") is None and parse_year("1979") == 1979
    with pytest.raises(RowError):
        parse_year("79")
    assert parse_imdb_id("https://www.imdb.com/title/tt0078748/") == "tt0078748"
    with pytest.raises(RowError):
        parse_imdb_id("nm0000123")
