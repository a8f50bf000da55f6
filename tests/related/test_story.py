"""The framework-free core: words, TF-IDF rows, shared elements, co-liking, neighbours."""

import numpy as np
import scipy.sparse as sp

from marquee.related.story import (
    CoLiking,
    FilmText,
    StoryIndex,
    film_neighbours,
    top_positive,
    words_of,
)

CLONES = FilmText("Clones raised for their organs escape the facility.", ["clone"], ["Sci-Fi"])
MORE_CLONES = FilmText("Two clones escape; their organs were promised.", ["clone"], ["Sci-Fi"])
ROMANCE = FilmText("A baker falls in love by the sea.", ["romance"], ["Romance"])
ROMANCE_TOO = FilmText("A fisherman falls in love with a baker.", ["romance"], ["Romance"])
GENRE_ONLY = FilmText("", [], ["Sci-Fi"])


def test_words_drop_stop_words_numbers_accents_and_possessives():
    assert words_of("The Clone's 2 organs, and an Émigré's café!") == [
        "clone",
        "organs",
        "emigre",
        "cafe",
    ]


def test_rows_are_unit_length_and_genres_alone_are_no_story():
    index = StoryIndex.build([CLONES, MORE_CLONES, ROMANCE, ROMANCE_TOO, GENRE_ONLY])
    norms = np.sqrt(np.asarray(index.matrix.multiply(index.matrix).sum(axis=1)).ravel())
    assert np.allclose(norms[:4], 1.0, atol=1e-5)
    assert index.has_story.tolist() == [True, True, True, True, False]
    assert not index.similarities(np.array([4])).any()


def test_closer_stories_score_higher_and_shared_elements_explain_them():
    index = StoryIndex.build([CLONES, MORE_CLONES, ROMANCE, ROMANCE_TOO])
    scores = index.similarities(np.array([0]))[0]
    assert scores[1] > scores[2]
    shared = index.shared(0, 1)
    assert shared.keywords == ["clone"]
    assert {"clones", "organs", "escape"} <= set(shared.terms)
    assert shared.genres == ["Sci-Fi"]


def test_co_liking_is_a_shrunk_cosine_with_counts():
    # 3 readers; films 0 and 1 liked together by two of them, film 2 by the third.
    liked = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1]], dtype=np.float32).T)
    scores, shared = CoLiking(liked).similarities(np.array([0]))
    assert shared[0].tolist() == [2, 2, 0]
    assert 0 < scores[0, 1] < 1 and scores[0, 2] == 0


def test_neighbours_blend_leave_out_the_film_itself_and_keep_influences_earlier():
    index = StoryIndex.build([CLONES, MORE_CLONES, ROMANCE, ROMANCE_TOO, GENRE_ONLY])
    years = np.array([1990, 2000, 1995, 2010, 0])
    found = {n.film: n for n in film_neighbours(index, None, years, k=3, influences=3)}
    assert [n.other for n in found[0].similar] == [1]
    assert found[0].earlier == []  # nothing earlier than 1990
    assert [n.other for n in found[1].earlier] == [0]
    assert found[4].similar == [] and found[4].earlier == []


def test_top_positive_orders_by_score_then_index():
    values = np.array([0.0, 0.5, 0.9, 0.5, 0.2])
    assert top_positive(values, 3, 0.0).tolist() == [2, 1, 3]
    assert top_positive(values, 10, 0.3).tolist() == [2, 1, 3]


def test_any_script_and_very_long_texts_are_words_too():
    assert words_of("Клоны бегут из лаборатории") == ["клоны", "бегут", "лаборатории"]
    long_text = "clone organ escape " * 50_000
    assert len(words_of(long_text)) == 150_000
    index = StoryIndex.build([FilmText(long_text), FilmText("clone escape"), FilmText("")])
    assert index.similarities(np.array([0]))[0][1] > 0.5
