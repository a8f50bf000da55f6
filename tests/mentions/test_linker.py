"""The matching core on a small hand-made catalog: each rule, and the cases it must not link."""

import time

import pytest

from marquee.mentions.linker import (
    MAX_SCAN_CHARS,
    FilmRecord,
    Gazetteer,
    PersonRecord,
    _fold_any_word,
    fold_word,
    surface_key,
)

# People: ids 1xx; films: ids below 100.
SCOTT, WEAVER, HURT, CAMERON, CARPENTER, RUSSELL = 101, 102, 103, 104, 105, 106
KUBRICK, DUVALL, DE_NIRO, SCORSESE, DICAPRIO, TONY_SCOTT, MIYAZAKI = (
    107,
    108,
    109,
    110,
    111,
    112,
    113,
)
NIXON_ACTOR = 114

FILMS = [
    FilmRecord(
        1, "Alien", 1979, directors=frozenset({SCOTT}), people=frozenset({SCOTT, WEAVER, HURT})
    ),
    FilmRecord(
        2, "Aliens", 1986, directors=frozenset({CAMERON}), people=frozenset({CAMERON, WEAVER})
    ),
    FilmRecord(
        3,
        "The Thing",
        1982,
        directors=frozenset({CARPENTER}),
        people=frozenset({CARPENTER, RUSSELL}),
    ),
    FilmRecord(4, "The Thing", 2011),
    FilmRecord(5, "Up", 2009),
    FilmRecord(6, "Her", 2013),
    FilmRecord(
        7, "The Shining", 1980, directors=frozenset({KUBRICK}), people=frozenset({KUBRICK, DUVALL})
    ),
    FilmRecord(
        8,
        "Taxi Driver",
        1976,
        directors=frozenset({SCORSESE}),
        people=frozenset({SCORSESE, DE_NIRO}),
    ),
    FilmRecord(9, "Mad Max: Fury Road", 2015),
    FilmRecord(10, "Mad Max", 1979),
    FilmRecord(11, "The Godfather: Part II", 1974),
    FilmRecord(
        12,
        "Spirited Away",
        2001,
        other_titles=("千と千尋の神隠し",),
        directors=frozenset({MIYAZAKI}),
        people=frozenset({MIYAZAKI}),
    ),
    FilmRecord(13, "Pan's Labyrinth", 2006, other_titles=("El laberinto del fauno",)),
    FilmRecord(14, "Kill Bill: Vol. 1", 2003),
    FilmRecord(15, "Kill Bill: Vol. 2", 2004),
    FilmRecord(16, "Raiders of the Lost Ark", 1981),
    FilmRecord(17, "Heat", 1995),
    FilmRecord(18, "It", 2017),
    FilmRecord(
        19,
        "The Departed",
        2006,
        directors=frozenset({SCORSESE}),
        people=frozenset({SCORSESE, DICAPRIO}),
    ),
    FilmRecord(20, "Blade Runner", 1982, directors=frozenset({SCOTT}), people=frozenset({SCOTT})),
    FilmRecord(
        21, "True Romance", 1993, directors=frozenset({TONY_SCOTT}), people=frozenset({TONY_SCOTT})
    ),
    FilmRecord(22, "Carrie", 2013),
    FilmRecord(23, "Mission: Impossible", 1996),
    FilmRecord(24, "Nixon", 1995, people=frozenset({NIXON_ACTOR})),
]
PEOPLE = [
    PersonRecord(SCOTT, "Ridley Scott", films=frozenset({1, 20})),
    PersonRecord(WEAVER, "Sigourney Weaver", films=frozenset({1, 2})),
    PersonRecord(HURT, "John Hurt", films=frozenset({1})),
    PersonRecord(CAMERON, "James Cameron", films=frozenset({2})),
    PersonRecord(CARPENTER, "John Carpenter", films=frozenset({3})),
    PersonRecord(RUSSELL, "Kurt Russell", films=frozenset({3})),
    PersonRecord(KUBRICK, "Stanley Kubrick", films=frozenset({7})),
    PersonRecord(DUVALL, "Shelley Duvall", films=frozenset({7})),
    PersonRecord(DE_NIRO, "Robert De Niro", films=frozenset({8})),
    PersonRecord(SCORSESE, "Martin Scorsese", films=frozenset({8, 19})),
    PersonRecord(DICAPRIO, "Leonardo DiCaprio", films=frozenset({19})),
    PersonRecord(TONY_SCOTT, "Tony Scott", films=frozenset({21})),
    PersonRecord(MIYAZAKI, "Hayao Miyazaki", aliases=("宮崎駿",), films=frozenset({12})),
    PersonRecord(NIXON_ACTOR, "Anthony Hopkins", films=frozenset({24})),
]


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer(FILMS, PEOPLE)


def found(gazetteer, text, film_id=None):
    """{(mention text, target)} linked in ``text``."""
    return {(m.text, m.target) for m in gazetteer.link(text, film_id=film_id)}


def test_a_full_title_and_names_are_found_with_their_offsets(gazetteer):
    text = "Ridley Scott's Alien (1979) still works; Sigourney Weaver is tremendous."
    mentions = gazetteer.link(text)
    assert [(m.text, m.kind, m.target) for m in mentions] == [
        ("Ridley Scott", "person", "Ridley Scott"),
        ("Alien", "film", "Alien (1979)"),
        ("Sigourney Weaver", "person", "Sigourney Weaver"),
    ]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert 0 < mention.confidence <= 1


def test_titles_are_found_with_or_without_their_article(gazetteer):
    assert ("Godfather II", "The Godfather: Part II (1974)") in found(
        gazetteer, "I rewatched Godfather II last night."
    )
    assert ("The Godfather Part II", "The Godfather: Part II (1974)") in found(
        gazetteer, "Then came The Godfather Part II, even better."
    )


def test_a_subtitle_after_a_colon_names_its_film(gazetteer):
    assert ("Fury Road", "Mad Max: Fury Road (2015)") in found(
        gazetteer, "Nothing tops Fury Road for sheer momentum."
    )


def test_a_franchise_title_names_its_first_film_but_not_the_series(gazetteer):
    assert ("Mad Max", "Mad Max (1979)") in found(
        gazetteer, "Next to it, Mad Max (1979) looks thin."
    )
    assert not found(gazetteer, "It is the best of the Mission: Impossible films.")


def test_a_shared_franchise_part_is_left_unlinked(gazetteer):
    assert not found(gazetteer, "They made Kill Bill as one film and cut it in two.")
    assert ("Kill Bill: Vol. 2", "Kill Bill: Vol. 2 (2004)") in found(
        gazetteer, "They made Kill Bill: Vol. 2 the talky half."
    )


def test_original_and_alternate_titles_name_the_film(gazetteer):
    assert ("El laberinto del fauno", "Pan's Labyrinth (2006)") in found(
        gazetteer, "Del Toro made El laberinto del fauno in Spain."
    )
    assert ("千と千尋の神隠し", "Spirited Away (2001)") in found(
        gazetteer, "宮崎駿の千と千尋の神隠しは傑作だ。"
    )
    assert ("宮崎駿", "Hayao Miyazaki") in found(gazetteer, "宮崎駿の千と千尋の神隠しは傑作だ。")


def test_a_slightly_misremembered_title_is_found(gazetteer):
    assert ("Raiders of the Lost Arc", "Raiders of the Lost Ark (1981)") in found(
        gazetteer, "Nothing beats Raiders of the Lost Arc for pure adventure.", film_id=16
    )


@pytest.mark.parametrize(
    ("text", "film_id", "surface", "target"),
    [
        ("Stanley Kubrik's film is cold.", 7, "Stanley Kubrik", "Stanley Kubrick"),  # dropped
        ("Shelly Duvall is wonderful.", 7, "Shelly Duvall", "Shelley Duvall"),  # undoubled
        ("Martin Scorcese at his best.", 8, "Martin Scorcese", "Martin Scorsese"),  # wrong letter
        ("Sigourney Waever is superb.", 1, "Sigourney Waever", "Sigourney Weaver"),  # transposed
        ("Kurt Russel is superb.", 3, "Kurt Russel", "Kurt Russell"),  # undoubled
        ("Leonardo Di Caprio plays it straight.", 19, "Leonardo Di Caprio", "Leonardo DiCaprio"),
    ],
)
def test_common_misspellings_of_names_are_found(gazetteer, text, film_id, surface, target):
    assert (surface, target) in found(gazetteer, text, film_id=film_id)


def test_a_misspelt_name_with_nothing_to_support_it_is_not_linked(gazetteer):
    assert not found(gazetteer, "My friend Kurt Rusel came along.")


def test_a_surname_alone_names_someone_the_review_is_about(gazetteer):
    assert ("Scott", "Ridley Scott") in found(gazetteer, "Scott frames it beautifully.", film_id=1)
    assert ("Scott", "Tony Scott") in found(
        gazetteer, "Tony Scott's True Romance is pure Scott on the screen.", film_id=21
    )
    assert not found(gazetteer, "Scott frames it beautifully.")


@pytest.mark.parametrize(
    "text",
    [
        "It was up to her to carry the film, and she does. It never lets up.",
        "The heat of the desert is palpable, and her performance is the reason to go.",
        "Up there in the cold, the crew waits. Her voice does all the work.",
        "It is the thing that haunts you.",
        "Nixon resigned in 1974.",
    ],
)
def test_common_word_titles_are_not_linked_in_ordinary_use(gazetteer, text):
    assert not {m for m in found(gazetteer, text) if m[1] != "Anthony Hopkins"}


def test_common_word_titles_are_linked_with_strong_evidence(gazetteer):
    assert ("Up", "Up (2009)") in found(gazetteer, "Pixar's *Up* made me cry.")
    assert ("Her", "Her (2013)") in found(gazetteer, 'Spike Jonze\'s "Her" is tender.')
    assert ("Heat", "Heat (1995)") in found(gazetteer, "Michael Mann's Heat (1995) is long.")
    assert ("It", "It (2017)") in found(gazetteer, "I saw _It_ (2017) twice.")


def test_a_remake_is_told_apart_by_its_year_or_director(gazetteer):
    assert ("The Thing", "The Thing (2011)") in found(
        gazetteer, "The prequel, The Thing (2011), is weak."
    )
    assert ("The Thing", "The Thing (1982)") in found(
        gazetteer, "John Carpenter's The Thing is a classic."
    )


def test_a_remake_with_nothing_to_tell_it_apart_is_left_unlinked(gazetteer):
    assert not found(gazetteer, "I finally watched The Thing last night.")


def test_a_year_that_matches_no_version_rules_the_film_out(gazetteer):
    assert ("Carrie", "Carrie (2013)") not in found(
        gazetteer, "De Palma's Carrie (1976) is the one."
    )


def test_the_reviewed_films_cast_are_likely(gazetteer):
    mentions = {m.target: m.confidence for m in gazetteer.link("John Hurt is great.", film_id=1)}
    alone = {m.target: m.confidence for m in gazetteer.link("John Hurt is great.")}
    assert mentions["John Hurt"] > alone["John Hurt"]


def test_names_in_a_cast_line_are_found(gazetteer):
    text = "With Sigourney Weaver, John Hurt and Kurt Russell."
    assert {t for _, t in found(gazetteer, text)} == {
        "Sigourney Weaver",
        "John Hurt",
        "Kurt Russell",
    }


def test_code_links_and_html_tags_are_not_prose(gazetteer):
    text = "See <i>Blade Runner</i> ([notes](https://example.com/Alien-Aliens)); `Alien` fans too."
    assert found(gazetteer, text) == {("Blade Runner", "Blade Runner (1982)")}


def test_a_text_full_of_names_links_each_once(gazetteer):
    text = ", ".join(p.name for p in PEOPLE[:12]) + "."
    mentions = gazetteer.link(text)
    assert len(mentions) == 12
    assert len({(m.start, m.end) for m in mentions}) == 12


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "!!! ???",
        "Солярис и Сталкер",
        "كان الفيلم رائعا",
        "🎬🍿" * 100,
        "<script>x</script>",
    ],
)
def test_odd_texts_give_sensible_results(gazetteer, text):
    assert isinstance(gazetteer.link(text), list)


def test_very_long_texts_are_scanned_up_to_the_cap(gazetteer):
    filler = "The crew waits while the ship drifts. " * ((MAX_SCAN_CHARS // 38) + 10)
    text = filler + " Ridley Scott directed it."
    started = time.perf_counter()
    mentions = gazetteer.link(text)
    assert time.perf_counter() - started < 60  # a guard against a hang, not a speed target
    assert mentions == []
    assert gazetteer.link("Ridley Scott directed it. " + filler)[0].target == "Ridley Scott"


def test_folding_is_the_same_for_text_and_catalog():
    assert fold_word("Amélie") == "amelie"
    assert fold_word("II") == "2"
    assert fold_word("Alien³") == "alien 3"
    assert surface_key("Kubrick's") == surface_key("KUBRICK’S")


@pytest.mark.parametrize(
    "word", ["Kubrick", "KUBRICK", "iv", "Vi", "X", "Part", "x2", "O'Brien", "Zoë", "2001", "ǅ"]
)
def test_plain_words_fold_as_any_word_does(word):
    assert fold_word(word) == _fold_any_word(word)
