"""Fold-in: a reader known only by their ratings gets the predictions training would give."""

import numpy as np
import pytest

import recommend
from recommend.fold_in import fold_in


def synthetic(seed: int = 0, users: int = 80, items: int = 60, density: float = 0.3):
    """Ratings from a low-rank taste model, rounded to half stars."""
    rng = np.random.default_rng(seed)
    taste = rng.normal(size=(users, 3))
    traits = rng.normal(size=(items, 3))
    mask = rng.random((users, items)) < density
    u, i = np.nonzero(mask)
    stars = np.clip(np.round((3 + (taste[u] * traits[i]).sum(axis=1) * 0.6) * 2) / 2, 0.5, 5)
    return u.astype(np.int64), i.astype(np.int64), stars


@pytest.fixture(scope="module")
def fitted():
    u, i, r = synthetic()
    return recommend.default_rating_predictor().fit(u, i, r), (u, i, r)


def test_folding_in_a_training_reader_matches_their_trained_predictions(fitted):
    predictor, (u, i, r) = fitted
    targets = np.arange(60)
    for reader in range(5):
        mine = u == reader
        trained = predictor.predict(np.full(60, reader), targets)
        folded = fold_in(predictor, i[mine], r[mine]).predict(targets)
        assert np.mean(np.abs(trained - folded)) < 0.15


def test_fold_in_predictions_are_finite_and_in_range(fitted):
    predictor, (_, _, r) = fitted
    folded = fold_in(predictor, np.array([1, 2, 3]), np.array([5.0, 0.5, 3.0]))
    predicted = folded.predict(np.array([0, 10, 59, 10_000]))  # 10_000: an unknown film
    assert np.all(np.isfinite(predicted))
    assert predicted.min() >= r.min() and predicted.max() <= r.max()


def test_an_empty_history_falls_back_to_the_baseline(fitted):
    predictor, _ = fitted
    predicted = fold_in(predictor, np.array([], dtype=np.int64), np.array([])).predict(
        np.array([0, 1])
    )
    assert np.all(np.isfinite(predicted))


def test_liking_more_films_like_a_target_raises_its_prediction(fitted):
    predictor, _ = fitted
    target = 7
    neighbours = [j for j, _ in sorted(
        fold_in(predictor, np.arange(60), np.full(60, 3.0)).contributions(target).items(),
        key=lambda kv: -abs(kv[1]),
    )][:5]  # fmt: skip
    others = np.array([j for j in range(60) if j not in neighbours and j != target][:5])
    low = fold_in(predictor, others, np.full(5, 3.0)).predict(np.array([target]))[0]
    history = np.concatenate([others, neighbours])
    stars = np.concatenate([np.full(5, 3.0), np.full(len(neighbours), 5.0)])
    high = fold_in(predictor, history, stars).predict(np.array([target]))[0]
    assert high > low


def test_contributions_name_only_rated_films(fitted):
    predictor, _ = fitted
    history = np.array([3, 4, 5, 6])
    shares = fold_in(predictor, history, np.array([5.0, 4.0, 1.0, 2.0])).contributions(9)
    assert set(shares) <= set(history.tolist())
    assert all(np.isfinite(v) for v in shares.values())


def test_bad_ratings_are_refused(fitted):
    predictor, _ = fitted
    with pytest.raises(ValueError, match="NaN"):
        fold_in(predictor, np.array([1]), np.array([np.nan]))


def test_films_the_models_never_saw_change_nothing(fitted):
    """A film added to the catalog after training is rated: until the next training it must
    not move the reader's other predictions (nor their bias)."""
    predictor, (u, i, r) = fitted
    mine = u == 3
    targets = np.arange(60)
    known = fold_in(predictor, i[mine], r[mine])
    unseen = np.array([10_000, 10_001, 10_002])
    with_new = fold_in(
        predictor, np.concatenate([i[mine], unseen]), np.concatenate([r[mine], [5.0, 5.0, 5.0]])
    )
    assert np.allclose(with_new.predict(targets), known.predict(targets))
    assert with_new.contributions(0) == pytest.approx(known.contributions(0))
