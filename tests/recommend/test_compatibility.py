"""Taste compatibility: a 0-100 score with an honest interval, symmetric, never NaN."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recommend
from recommend.compatibility import percentiles, predicted_agreement

STARS = [x / 2 for x in range(1, 11)]
histories = st.dictionaries(st.integers(0, 40), st.sampled_from(STARS), max_size=30)


def assert_sane(result):
    for value in (result.score, result.low, result.high):
        assert math.isfinite(value)
    assert 0 <= result.low <= result.score <= result.high <= 100
    assert result.shared == len(result.agree) + len(result.disagree)


def two_camps(seed: int = 0, readers: int = 60, films: int = 80):
    """Readers who love the first half of the films and hate the second, or the reverse."""
    rng = np.random.default_rng(seed)
    camp = np.arange(readers) % 2
    taste = np.where(camp[:, None] == (np.arange(films)[None, :] < films // 2), 4.5, 1.5)
    stars = np.clip(np.round((taste + rng.normal(0, 0.6, taste.shape)) * 2) / 2, 0.5, 5)
    users, items = np.nonzero(rng.random(taste.shape) < 0.5)
    return users, items, stars[users, items], camp


@pytest.fixture(scope="module")
def camps():
    users, items, stars, camp = two_camps()
    model = recommend.default_rating_predictor().fit(users, items, stars)
    return model, camp


@settings(max_examples=150, deadline=None)
@given(histories, histories)
def test_compatibility_is_symmetric_and_bounded(a, b):
    ab, ba = recommend.compatibility(a, b), recommend.compatibility(b, a)
    assert_sane(ab)
    assert (ab.score, ab.low, ab.high, ab.shared) == (ba.score, ba.low, ba.high, ba.shared)
    assert sorted(ab.agree + ab.disagree) == sorted(a.keys() & b.keys())
    assert 0 <= recommend.tci(a, b) <= 100
    assert recommend.tci(a, b) == recommend.tci(b, a)


@settings(max_examples=40, deadline=None)
@given(histories, histories)
def test_compatibility_with_a_predictor_is_symmetric_and_bounded(camps, a, b):
    model, _ = camps
    ab, ba = recommend.compatibility(a, b, model), recommend.compatibility(b, a, model)
    assert_sane(ab)
    assert (ab.score, ab.low, ab.high, ab.shared) == (ba.score, ba.low, ba.high, ba.shared)


@pytest.mark.parametrize("with_model", [False, True])
def test_identical_readers_reach_100_and_nobody_beats_them(camps, with_model):
    model = camps[0] if with_model else None
    rng = np.random.default_rng(1)
    scores = []
    for size in (1, 3, 10, 40):
        me = {film: float(rng.choice(STARS)) for film in range(size)}
        twin = recommend.compatibility(me, dict(me), model)
        other = {film: float(rng.choice(STARS)) for film in range(size)}
        assert twin.score >= recommend.compatibility(me, other, model).score
        assert recommend.tci(me, dict(me)) == 100
        scores.append(twin.score)
    assert scores == sorted(scores)  # more identical films, more certainty
    assert round(scores[-1]) == 100


def test_few_agreeing_films_stay_near_the_middle_with_a_wide_interval():
    few = recommend.compatibility({1: 5.0, 2: 1.0}, {1: 5.0, 2: 1.0})
    many = recommend.compatibility(
        {f: STARS[f % 10] for f in range(40)}, {f: STARS[f % 10] for f in range(40)}
    )
    assert 50 < few.score < many.score
    assert few.high - few.low > many.high - many.low


def test_opposite_readers_score_below_strangers():
    me = {f: STARS[f % 10] for f in range(40)}
    opposite = {f: 5.5 - stars for f, stars in me.items()}
    result = recommend.compatibility(me, opposite)
    assert result.score < 10 and result.high < 50
    # Only middling films can agree (both near their median); the extremes disagree most.
    assert all(1.5 < me[film] < 4.5 for film in result.agree)
    assert me[result.disagree[0]] in (0.5, 5.0)
    assert recommend.tci(me, opposite) < recommend.tci(me, dict(me))


def test_no_shared_films_gives_fifty_with_the_widest_interval():
    result = recommend.compatibility({1: 4.0, 2: 2.0}, {3: 5.0})
    assert (result.score, result.low, result.high, result.shared) == (50, 0, 100, 0)
    assert recommend.tci({1: 4.0}, {3: 5.0}) == 50


@pytest.mark.parametrize("a, b", [({}, {}), ({1: 3.0}, {}), ({}, {1: 3.0})])
def test_empty_histories_give_the_no_evidence_answer(camps, a, b):
    for model in (None, camps[0]):
        result = recommend.compatibility(a, b, model)
        assert (result.score, result.low, result.high, result.shared) == (50, 0, 100, 0)
        assert result.to_dict() == {
            "score": 50,
            "low": 0,
            "high": 100,
            "shared": 0,
            "agree": [],
            "disagree": [],
        }


def test_one_shared_film():
    result = recommend.compatibility({7: 4.0}, {7: 1.0})
    assert_sane(result)
    assert result.shared == 1 and result.agree == [7]  # one film each: both at their median


@pytest.mark.parametrize("bad", [0.0, 0.49, 5.5, -1, float("nan"), float("inf"), "four", None])
def test_out_of_range_rating_is_refused_naming_the_item_and_value(bad):
    with pytest.raises(ValueError, match=rf"item 7.*{bad!r}"):
        recommend.compatibility({7: bad}, {7: 3.0})
    with pytest.raises(ValueError, match="item 7"):
        recommend.compatibility({1: 3.0}, {7: bad})
    with pytest.raises(ValueError, match="item 7"):
        recommend.tci({7: bad}, {7: 3.0})


def test_agreed_films_come_first_and_a_shared_love_beats_a_shared_dislike():
    a = {1: 5.0, 2: 1.0, 3: 3.0, 4: 4.0, 5: 2.0}
    b = {1: 5.0, 2: 1.0, 3: 3.0, 4: 2.0, 5: 4.0}
    result = recommend.compatibility(a, b)
    assert result.agree == [1, 3, 2]
    assert sorted(result.disagree) == [4, 5]
    assert set(result.to_dict()) == {"score", "low", "high", "shared", "agree", "disagree"}


def test_percentiles_are_over_the_whole_history():
    assert percentiles({1: 1.0, 2: 3.0, 3: 3.0, 4: 5.0}) == {1: 0.125, 2: 0.5, 3: 0.5, 4: 0.875}
    # The same two films, but a different history around them: a different percentile.
    harsh = {1: 2.0, 2: 3.0, **{f: 1.0 for f in range(10, 20)}}
    generous = {1: 2.0, 2: 3.0, **{f: 5.0 for f in range(10, 20)}}
    assert recommend.tci(harsh, generous) < recommend.tci({1: 2.0, 2: 3.0}, {1: 2.0, 2: 3.0})


def test_the_predictor_tells_camps_apart_when_few_films_are_shared(camps):
    model, camp = camps
    users, items, stars, _ = two_camps()
    readers = [
        {int(i): float(s) for i, s in zip(items[users == u], stars[users == u], strict=True)}
        for u in range(len(camp))
    ]
    same, across = [], []
    for u in range(0, 20):
        for v in range(u + 1, 20):
            # Keep one shared film only, so the score must lean on the predictor.
            shared = sorted(readers[u].keys() & readers[v].keys())[:1]
            a = {k: r for k, r in readers[u].items() if k not in readers[v] or k in shared}
            b = {k: r for k, r in readers[v].items() if k not in readers[u] or k in shared}
            result = recommend.compatibility(a, b, model)
            assert_sane(result)
            (same if camp[u] == camp[v] else across).append(result.score)
    assert min(same) > max(across)
    assert np.mean(same) > 50 > np.mean(across)


def test_films_unknown_to_the_predictor_are_ignored_by_it(camps):
    model, _ = camps
    unknown = {10_000 + f: STARS[f % 10] for f in range(5)}
    result = recommend.compatibility(unknown, dict(unknown), model)
    assert result.score == recommend.compatibility(unknown, dict(unknown)).score
    assert math.isnan(predicted_agreement(model, unknown, unknown))
    mixed = {**unknown, 1: 5.0, 50: 1.0}
    assert_sane(recommend.compatibility(mixed, {1: 4.0, 50: 2.0, 10_001: 3.0}, model))


def test_no_shared_films_with_a_predictor_uses_its_view(camps):
    model, _ = camps
    lover = {f: 5.0 for f in range(0, 10)} | {f: 1.0 for f in range(40, 50)}
    alike = {f: 5.0 for f in range(10, 20)} | {f: 1.0 for f in range(50, 60)}
    unlike = {f: 1.0 for f in range(10, 20)} | {f: 5.0 for f in range(50, 60)}
    near, far = (recommend.compatibility(lover, other, model) for other in (alike, unlike))
    assert near.shared == far.shared == 0
    assert_sane(near)
    assert_sane(far)
    assert near.score > 50 > far.score
    assert near.high - near.low < 100


def test_a_predictor_needs_integer_item_ids(camps):
    with pytest.raises(ValueError, match="'alien'"):
        recommend.compatibility({"alien": 4.0}, {"alien": 4.0}, camps[0])
    assert_sane(recommend.compatibility({"alien": 4.0}, {"alien": 4.0}))
