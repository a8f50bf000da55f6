import pytest

from marquee.catalog.matching import fold, name_match_key, title_match_key


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("The Thing", "thing"),
        ("Thing, The", "The Thing"),
        ("Amélie", "Amelie"),
        ("Crouching Tiger, Hidden Dragon", "crouching tiger hidden dragon"),
        ("Pan's Labyrinth", "Pans Labyrinth"),
        ("Pan’s Labyrinth", "Pan's Labyrinth"),
        ("Le Samouraï", "Samourai"),
        ("Fast & Furious", "Fast and Furious"),
        ("8½", "8 1/2"),
        ("L'Avventura", "Avventura, L'"),
        ("L’Atalante", "Atalante, L'"),
    ],
)
def test_spellings_of_one_title_share_a_match_key(left, right):
    assert title_match_key(left) == title_match_key(right)


def test_different_titles_keep_different_keys():
    assert title_match_key("Alien") != title_match_key("Aliens")
    assert title_match_key("A Man Escaped") != title_match_key("Man")


def test_a_title_that_is_only_an_article_keeps_its_word():
    assert title_match_key("The") == "the"


def test_names_ignore_accents_and_case():
    assert name_match_key("Stanisław Lem") != ""
    assert name_match_key("Penélope Cruz") == name_match_key("penelope cruz")


def test_fold_keeps_non_latin_scripts():
    assert fold("千と千尋の神隠し") == "千と千尋の神隠し"
