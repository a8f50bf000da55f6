"""Keyword and meaning rankings fused into one."""

import pytest

from marquee.catalog.matching import title_match_key
from marquee.search.keyword import parse
from marquee.search.selectors import FUSION, Candidate, Fusion, _fuse, _misspells_title, search

pytestmark = pytest.mark.django_db


def test_a_document_in_both_rankings_beats_one_in_a_single_ranking():
    scores = _fuse([1, 2, 3], [(3, 0.9), (4, 0.8)], set(), Fusion(rrf_k=10))
    assert max(scores, key=scores.get) == 3
    assert set(scores) == {1, 2, 3, 4}


def test_an_exact_title_comes_first_whatever_the_other_rankings_say():
    scores = _fuse([1, 2], [(1, 0.9), (2, 0.8)], {2}, Fusion(exact_title_bonus=1.0))
    assert max(scores, key=scores.get) == 2


def test_combined_search_holds_what_each_half_finds(reviewed):
    query = "shark attacks at a seaside resort"
    keyword = {hit.url for hit in search(query, mode="keyword").hits}
    meaning = {hit.url for hit in search(query, mode="meaning").hits}
    combined = [hit.url for hit in search(query).hits]
    assert set(combined) <= keyword | meaning
    assert combined[0] == reviewed["Jaws"].get_absolute_url()


def test_films_people_and_reviews_come_back_together(reviewed):
    kinds = {hit.kind for hit in search("spielberg", limit=50).hits}
    assert {"film", "person", "review"} <= kinds


def test_scores_go_down_the_list(reviewed):
    scores = [hit.score for hit in search("a lonely writer in love").hits]
    assert scores == sorted(scores, reverse=True)


def test_meaning_results_below_the_similarity_floor_are_left_out(reviewed):
    strict = Fusion(min_similarity=0.999)
    assert not search("clones", mode="meaning", fusion=strict).hits
    assert FUSION.min_similarity < 0.999


def _film(title: str, *other_titles: str) -> Candidate:
    return Candidate(
        pk=1,
        kind="film",
        title=title,
        title_key=title_match_key(title),
        other_titles="\n".join(other_titles),
        people="",
        year=None,
        url="/films/x/",
        film_id=1,
    )


@pytest.mark.parametrize(
    "query, titles",
    [
        ("forest gump", ["Forrest Gump"]),
        ("Godfahter", ["The Godfather"]),
        ("the shawshenk redemtion", ["The Shawshank Redemption"]),
        ("amelie poulin", ["Amelie", "Le Fabuleux Destin d'Amélie Poulain", "Amélie Poulain"]),
    ],
)
def test_a_misspelled_title_names_its_film(query, titles):
    assert _misspells_title(_film(*titles), parse(query))


@pytest.mark.parametrize(
    "query, title",
    [
        ("Us", "Up"),  # too short to tell a typo from another title
        ("Jawz", "Jaws"),
        ("the godfather of soul", "The Godfather"),
        ("clones facing death in a quiet school", "Never Let Me Go"),
    ],
)
def test_what_is_not_a_misspelled_title(query, title):
    assert not _misspells_title(_film(title), parse(query))
