"""ratings.csv: a film's current rating, kept as exact half-stars and dated at noon UTC."""

from datetime import UTC, datetime

from marquee.imports.letterboxd import parse
from marquee.imports.records import FilmRef, Origin, RatingRecord

from .conftest import csv_text, rating_row


def test_a_rating_row_becomes_an_exact_rating_at_noon_utc(export_zip):
    parsed = parse(export_zip({"ratings.csv": csv_text([rating_row("Alien", "1979", "3.5")])}))
    assert parsed.records == [
        RatingRecord(
            film=FilmRef("Alien", 1979),
            half_stars=7,
            rated_at=datetime(2024, 1, 5, 12, tzinfo=UTC),
            origin=Origin("ratings.csv", 2),
        )
    ]


def test_half_and_whole_stars_at_both_ends(export_zip):
    rows = [rating_row("Alien", "1979", "0.5"), rating_row("The Thing", "1982", "5")]
    parsed = parse(export_zip({"ratings.csv": csv_text(rows)}))
    assert [record.half_stars for record in parsed.records] == [1, 10]


def test_a_film_without_a_year_is_matched_by_title_alone(export_zip):
    parsed = parse(export_zip({"ratings.csv": csv_text([rating_row("Alien", "", "4")])}))
    assert parsed.records[0].film == FilmRef("Alien", None)
