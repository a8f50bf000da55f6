"""MovieLens packs year, article, original and a.k.a. titles into one string; they come apart."""

import pytest

from marquee.catalog.loaders.movielens import (
    MovieTitle,
    front_article,
    imdb_id_from_links,
    parse_movielens_title,
)
from marquee.imports.values import RowError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Toy Story (1995)", MovieTitle("Toy Story", 1995)),
        ("Shawshank Redemption, The (1994)", MovieTitle("The Shawshank Redemption", 1994)),
        (
            "City of Lost Children, The (Cité des enfants perdus, La) (1995)",
            MovieTitle("The City of Lost Children", 1995, "La Cité des enfants perdus"),
        ),
        ("Seven (a.k.a. Se7en) (1995)", MovieTitle("Seven", 1995, "", ("Se7en",))),
        (
            "Léon: The Professional (a.k.a. The Professional) (Léon) (1994)",
            MovieTitle("Léon: The Professional", 1994, "Léon", ("The Professional",)),
        ),
        ("Bear, The (Ours, L') (1988)", MovieTitle("The Bear", 1988, "L'Ours")),
        ("Hip Hop Witch, Da (2000)", MovieTitle("Da Hip Hop Witch", 2000)),
        ("Death Note: Desu nôto (2006–2007)", MovieTitle("Death Note: Desu nôto", 2006)),
        ("Babylon 5", MovieTitle("Babylon 5")),
        ("(500) Days of Summer (2009)", MovieTitle("(500) Days of Summer", 2009)),
        ("Honey, I Shrunk the Kids (1989)", MovieTitle("Honey, I Shrunk the Kids", 1989)),
        ("  Runaway Brain (1995) ", MovieTitle("Runaway Brain", 1995)),
        ("1776 (1972)", MovieTitle("1776", 1972)),
        ("1776", MovieTitle("1776")),
    ],
)
def test_a_movielens_title_comes_apart_into_title_year_and_other_titles(raw, expected):
    assert parse_movielens_title(raw) == expected


def test_an_alternate_title_that_only_differs_in_punctuation_is_not_kept_twice():
    parsed = parse_movielens_title("Jungle2Jungle (a.k.a. Jungle 2 Jungle) (1997)")
    assert parsed.alternate_titles == ("Jungle 2 Jungle",)
    parsed = parse_movielens_title("Heavyweights (Heavy Weights) (1995)")
    assert parsed.original_title == "Heavy Weights"
    parsed = parse_movielens_title("Alien (ALIEN) (1979)")
    assert (parsed.original_title, parsed.alternate_titles) == ("ALIEN", ())


def test_a_trailing_article_moves_to_the_front_only_after_a_comma():
    assert front_article("Thing, The") == "The Thing"
    assert front_article("Misérables, Les") == "Les Misérables"
    assert front_article("Lord of the Rings: The Return of the King, The") == (
        "The Lord of the Rings: The Return of the King"
    )
    assert front_article("Crouching Tiger, Hidden Dragon") == "Crouching Tiger, Hidden Dragon"
    assert front_article("The End") == "The End"


@pytest.mark.parametrize(
    ("value", "imdb_id"),
    [("0114709", "tt0114709"), ("114709", "tt0114709"), ("10872600", "tt10872600"), ("", None)],
)
def test_links_imdb_numbers_become_imdb_ids(value, imdb_id):
    assert imdb_id_from_links(value) == imdb_id


@pytest.mark.parametrize("value", ["tt0114709", "0", "12a", "-5", "٣٤٥"])
def test_links_imdb_numbers_that_are_not_numbers_are_refused(value):
    with pytest.raises(RowError, match="imdbId"):
        imdb_id_from_links(value)
