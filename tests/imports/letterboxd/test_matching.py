"""Letterboxd names films by title and year only; they must find the catalog's spelling of them."""

import pytest

from marquee.catalog.services import film_create
from marquee.imports.letterboxd import parse
from marquee.imports.services import import_apply
from marquee.readers.models import Rating

from .conftest import csv_text, rating_row

pytestmark = pytest.mark.django_db

# (as Letterboxd writes it, as the catalog has it)
SPELLINGS = [
    (("Amélie", "2001"), ("Amelie", 2001)),
    (("The Thing", "1982"), ("Thing, The", 1982)),
    (("Spirited Away", "2001"), ("Spirited Away", 2002)),
    (("Mad Max: Fury Road", "2015"), ("Mad Max - Fury Road", 2015)),
    (("Léon: The Professional", "1994"), ("Leon: The Professional", 1994)),
    (("Schindler's List", "1993"), ("Schindler’s List", 1993)),
    (("Les Misérables", "2012"), ("Misérables, Les", 2012)),
    (("WALL·E", "2008"), ("WALL-E", 2008)),
    (("Harold & Kumar Go to White Castle", "2004"), ("Harold and Kumar Go to White Castle", 2004)),
    (("Face/Off", "1997"), ("Face/Off", 1997)),
    (
        ("Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb", "1964"),
        ("Dr. Strangelove or How I Learned to Stop Worrying and Love the Bomb", 1964),
    ),
    (
        ("The Lord of the Rings: The Fellowship of the Ring", "2001"),
        ("Lord of the Rings: The Fellowship of the Ring, The", 2001),
    ),
]


def test_realistic_letterboxd_titles_find_the_catalogs_spelling(reader, export_zip):
    films = [film_create(title=title, year=year) for _, (title, year) in SPELLINGS]
    rows = [rating_row(name, year, "4") for (name, year), _ in SPELLINGS]
    parsed = parse(export_zip({"ratings.csv": csv_text(rows)}))
    report = import_apply(user=reader, source="letterboxd", parsed=parsed)
    assert [film.film.title for film in report.unmatched] == []
    rated = {rating.film_id for rating in Rating.objects.filter(user=reader)}
    assert rated == {film.pk for film in films}


def test_the_year_picks_between_films_of_the_same_title(reader, export_zip):
    film_create(title="The Thing", year=2011)
    original = film_create(title="The Thing", year=1982)
    parsed = parse(export_zip({"ratings.csv": csv_text([rating_row("The Thing", "1982", "5")])}))
    import_apply(user=reader, source="letterboxd", parsed=parsed)
    assert Rating.objects.get(user=reader).film == original


def test_a_remake_two_years_off_is_not_taken_for_the_original(reader, export_zip):
    film_create(title="Suspiria", year=1977)
    parsed = parse(export_zip({"ratings.csv": csv_text([rating_row("Suspiria", "2018", "3")])}))
    report = import_apply(user=reader, source="letterboxd", parsed=parsed)
    assert [str(film.film) for film in report.unmatched] == ["Suspiria (2018)"]
