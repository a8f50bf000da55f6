"""Test films: the adaptive elicitor proposes, learns from answers and never repeats itself."""

import pickle

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import recommend
from recommend.elicit import SCORERS, STRATEGIES, Elicitor, ElicitorConfig


def two_clusters(seed: int = 0, users: int = 60, per_cluster: int = 15, density: float = 0.6):
    """Half the readers love cluster A (items 0..14) and hate B (15..29); the rest the reverse."""
    rng = np.random.default_rng(seed)
    items = 2 * per_cluster
    fan_of_a = np.arange(users) < users // 2
    in_a = np.arange(items) < per_cluster
    loves = fan_of_a[:, None] == in_a[None, :]
    stars = np.where(loves, 4.5, 1.5) + rng.choice([-0.5, 0.0, 0.5], size=(users, items))
    mask = rng.random((users, items)) < density
    return sp.csr_matrix(np.where(mask, stars, 0.0)), in_a


@pytest.fixture(scope="module")
def clusters():
    return two_clusters()


@pytest.fixture(scope="module", params=STRATEGIES)
def elicitor(request, clusters):
    return Elicitor(strategy=request.param).fit(clusters[0])


def test_default_elicitor_is_fitted_and_exported(clusters):
    elicitor = recommend.default_elicitor(clusters[0])
    assert isinstance(elicitor, recommend.Elicitor)
    assert elicitor.start().next_item() is not None


def test_never_proposes_an_item_twice(elicitor):
    session = elicitor.start()
    seen = []
    while (item := session.next_item()) is not None:
        assert item not in seen
        seen.append(item)
        session.answer(item, 3.0 if len(seen) % 2 else None)
    assert sorted(seen) == list(range(30))


def test_resuming_from_saved_answers_gives_the_same_next_item(elicitor):
    live = elicitor.start()
    for rating in (4.5, None, 1.0, 3.5):
        live.answer(live.next_item(), rating)
    resumed = elicitor.start(answers=live.answers)
    assert resumed.answers == live.answers
    assert resumed.next_item() == live.next_item()
    np.testing.assert_allclose(resumed.scores(), live.scores())


def test_scores_and_predictions_are_finite_and_shaped(elicitor):
    session = elicitor.start()
    for rating in (None, 5.0, 0.5):
        scores, stars = session.scores(), session.predicted_ratings()
        assert scores.shape == stars.shape == (30,)
        assert np.all(np.isfinite(scores))
        assert np.all((stars >= 0.5) & (stars <= 5.0))
        session.answer(session.next_item(), rating)


def test_a_fan_of_cluster_a_gets_cluster_a_ranked_first(clusters):
    train, in_a = clusters
    session = recommend.default_elicitor(train).start()
    for _ in range(4):
        item = session.next_item()
        session.answer(item, 5.0 if in_a[item] else 1.0)
    scores = session.scores()
    asked = [item for item, _ in session.answers]
    unasked = np.setdiff1d(np.arange(30), asked)
    a, b = unasked[in_a[unasked]], unasked[~in_a[unasked]]
    assert scores[a].min() > scores[b].max()
    stars = session.predicted_ratings()
    assert stars[a].min() > stars[b].max()


def test_haven_t_seen_it_is_accepted_and_recorded(elicitor):
    session = elicitor.start()
    item = session.next_item()
    session.answer(item, None)
    assert session.answers == [(item, None)]
    assert session.next_item() != item


@pytest.mark.parametrize(
    ("rating", "words"),
    [
        (float("nan"), "finite"),
        (0.0, "outside"),
        (0.4, "outside"),
        (5.5, "outside"),
        (3.3, "half-star"),
        ("lots", "number"),
        (True, "number"),
        (float("inf"), "finite"),
    ],
)
def test_bad_ratings_raise_value_error_naming_the_rating(clusters, rating, words):
    session = recommend.default_elicitor(clusters[0]).start()
    with pytest.raises(ValueError, match=words) as info:
        session.answer(0, rating)
    assert repr(rating) in str(info.value)
    assert session.answers == []


@pytest.mark.parametrize("item", [-1, 30, 10_000, 2.5, 3.0, "x", None, True])
def test_unknown_items_raise_value_error(clusters, item):
    session = recommend.default_elicitor(clusters[0]).start()
    with pytest.raises(ValueError, match="item"):
        session.answer(item, 3.0)


def test_answering_the_same_item_twice_is_refused(clusters):
    session = recommend.default_elicitor(clusters[0]).start()
    session.answer(3, 4.0)
    with pytest.raises(ValueError, match="already"):
        session.answer(3, 2.0)


@pytest.mark.parametrize(
    "matrix",
    [
        sp.csr_matrix((0, 0)),
        sp.csr_matrix((0, 5)),
        sp.csr_matrix((4, 0)),
        sp.csr_matrix((3, 6)),
        sp.csr_matrix(np.array([[4.0, 0.0, 2.5, 0.0]])),
        sp.csr_matrix(np.array([[4.0, 0.0], [3.0, 0.0]])),
    ],
    ids=["empty", "no-users", "no-items", "all-zero", "one-user", "unrated-column"],
)
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_degenerate_data_does_not_crash(matrix, strategy):
    elicitor = Elicitor(strategy=strategy).fit(matrix)
    rated = set(np.flatnonzero(matrix.getnnz(axis=0)).tolist())
    session = elicitor.start()
    proposed = []
    while (item := session.next_item()) is not None:
        proposed.append(item)
        session.answer(item, 4.0)
    assert set(proposed) <= rated
    scores = session.scores()
    assert scores.shape == (matrix.shape[1],)
    assert np.all(np.isfinite(scores))
    assert set(elicitor.fixed_items(3)) <= rated
    pickle.loads(pickle.dumps(elicitor))


@pytest.mark.parametrize("n", [0, 1, 5, 30, 100])
def test_fixed_items_are_distinct_and_at_most_n(elicitor, n):
    items = elicitor.fixed_items(n)
    assert len(items) == len(set(items)) == min(n, 30)
    assert all(0 <= i < 30 for i in items)


@settings(max_examples=40, deadline=None)
@given(items=st.lists(st.integers(min_value=0, max_value=29), max_size=40), n=st.integers(0, 40))
def test_rank_revealing_returns_a_subset_of_its_input(clusters, items, n):
    elicitor = recommend.default_elicitor(clusters[0])
    ranked = elicitor.rank_revealing(items, n)
    assert set(ranked) <= set(items)
    assert len(ranked) == len(set(ranked)) == min(n, len(set(items)))


def test_why_gives_a_plain_reason(clusters):
    elicitor = recommend.default_elicitor(clusters[0])
    item = elicitor.start().next_item()
    reason = elicitor.why(item)
    assert "seen by" in reason and "stars" in reason


@settings(max_examples=30, deadline=None)
@given(
    script=st.lists(
        st.one_of(st.none(), st.sampled_from([0.5 * k for k in range(1, 11)])), max_size=30
    ),
    strategy=st.sampled_from(STRATEGIES),
)
def test_any_answer_script_keeps_the_session_consistent(clusters, script, strategy):
    elicitor = Elicitor(strategy=strategy).fit(clusters[0])
    session = elicitor.start()
    asked = []
    for rating in script:
        item = session.next_item()
        if item is None:
            break
        assert item not in asked
        asked.append(item)
        session.answer(item, rating)
    assert [i for i, _ in session.answers] == asked
    assert np.all(np.isfinite(session.scores()))
    assert elicitor.start(answers=session.answers).next_item() == session.next_item()


def test_pickling_round_trips(clusters):
    elicitor = recommend.default_elicitor(clusters[0])
    clone = pickle.loads(pickle.dumps(elicitor))
    answers = [(0, 5.0), (20, 1.0), (5, None)]
    np.testing.assert_allclose(
        clone.start(answers=answers).scores(), elicitor.start(answers=answers).scores()
    )
    assert clone.fixed_items(5) == elicitor.fixed_items(5)


def test_numpy_integer_items_and_ratings_are_accepted(clusters):
    session = recommend.default_elicitor(clusters[0]).start()
    session.answer(np.int64(4), np.float32(4.5))
    assert session.answers == [(4, 4.5)]


def seen_by_group(readers: int = 40, films: int = 20):
    """Readers 0..19 have seen only films 0..9, the others only films 10..19; all liked."""
    group_one = np.arange(readers) < readers // 2
    first_half = np.arange(films) < films // 2
    seen = group_one[:, None] == first_half[None, :]
    rng = np.random.default_rng(1)
    return sp.csr_matrix(np.where(seen, rng.choice([3.5, 4.0, 4.5], size=seen.shape), 0.0))


def test_haven_t_seen_it_moves_the_reader_towards_readers_who_had_not_either():
    elicitor = recommend.default_elicitor(seen_by_group())
    session = elicitor.start(answers=[(0, None), (1, None), (2, None)])
    scores = session.scores()
    assert scores[10:].min() > scores[3:10].max()


def test_the_adaptive_policy_follows_the_answers():
    """Seen or not, the first answer changes which film is worth asking next."""
    elicitor = recommend.default_elicitor(seen_by_group())
    first = elicitor.start().next_item()
    after_seen = elicitor.start(answers=[(first, 4.0)]).next_item()
    after_unseen = elicitor.start(answers=[(first, None)]).next_item()
    assert first not in (after_seen, after_unseen)
    assert after_seen != after_unseen


def test_excluded_items_are_never_proposed_and_record_no_answer(clusters):
    session = recommend.default_elicitor(clusters[0]).start()
    first = session.next_item()
    session.exclude(first)
    before = session.scores()
    assert session.answers == []
    assert session.next_item() != first
    np.testing.assert_allclose(session.scores(), before)


@pytest.mark.parametrize("scorer", SCORERS)
def test_both_scorers_give_finite_scores(clusters, scorer):
    elicitor = Elicitor(scorer=scorer).fit(clusters[0])
    session = elicitor.start(answers=[(0, 5.0), (20, None)])
    assert np.all(np.isfinite(session.scores()))
    if scorer == "ratings":
        np.testing.assert_allclose(session.scores(), session.predicted_ratings())


@pytest.mark.parametrize(("strategy", "scorer"), [("best", "taste"), ("ours", "stars")])
def test_unknown_strategy_or_scorer_is_refused(strategy, scorer):
    with pytest.raises(ValueError, match="unknown"):
        Elicitor(strategy=strategy, scorer=scorer)


def test_a_long_history_replays_into_finite_predictions(clusters):
    train, _ = clusters
    config = ElicitorConfig(memory=8)
    elicitor = Elicitor(config=config).fit(train)
    rng = np.random.default_rng(3)
    answers = [(int(i), float(rng.choice([1.0, 3.0, 5.0]))) for i in rng.permutation(30)[:25]]
    session = elicitor.start(answers=answers)
    assert np.all(np.isfinite(session.scores()))
    stars = session.predicted_ratings()
    assert np.all((stars >= 0.5) & (stars <= 5.0))
    assert session.next_item() not in {i for i, _ in answers}


def test_questions_beyond_the_pool_follow_popularity(clusters):
    elicitor = Elicitor(config=ElicitorConfig(pool=3)).fit(clusters[0])
    session = elicitor.start()
    asked = []
    while (item := session.next_item()) is not None:
        asked.append(item)
        session.answer(item, None)
    assert sorted(asked) == list(range(30))


def test_rank_revealing_drops_unknown_indices_and_puts_unrated_films_last():
    train = sp.csr_matrix(np.array([[4.0, 0.0, 2.0, 0.0], [1.0, 0.0, 5.0, 3.0]]))
    elicitor = recommend.default_elicitor(train)
    ranked = elicitor.rank_revealing([1, 0, 99, -3, 2, 0], 10)
    assert sorted(ranked) == [0, 1, 2]
    assert ranked[-1] == 1
    assert elicitor.rank_revealing([0, 2], 0) == []


def test_fixed_items_avoid_redundant_copies():
    """Two identical films carry the same information: a set of two takes one of them."""
    rng = np.random.default_rng(0)
    dense = np.where(rng.random((50, 6)) < 0.5, rng.choice([1.0, 3.0, 5.0], size=(50, 6)), 0.0)
    dense[:, 1] = dense[:, 0]
    items = recommend.default_elicitor(sp.csr_matrix(dense)).fixed_items(2)
    assert len(items) == 2
    assert not {0, 1} <= set(items)


def test_why_mentions_films_nobody_rated():
    elicitor = recommend.default_elicitor(sp.csr_matrix(np.array([[4.0, 0.0]])))
    assert "nobody" in elicitor.why(1)
    assert "seen by 100%" in elicitor.why(0)
