"""Shared contract tests: every ranker's and rating predictor's test class inherits one of these.

Subclasses define ``make()`` returning a fresh, unfitted model. Models here score a history
as a function of the history alone, so "fold-in equals the training score" is checked as:
scoring a training user's row on its own gives the same scores as scoring it within the batch
of all training rows.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def synthetic_ratings(
    n_users: int = 40, n_items: int = 25, density: float = 0.25, seed: int = 0
) -> sp.csr_matrix:
    """A small users x items matrix of half-star ratings with some structure (two tastes)."""
    rng = np.random.default_rng(seed)
    taste = rng.integers(0, 2, n_users)
    genre = np.arange(n_items) % 2
    likes = np.where(taste[:, None] == genre[None, :], 0.8, 0.25)
    watched = rng.random((n_users, n_items)) < density * 2 * likes
    stars = np.clip(np.round((2.5 + 2 * likes + rng.normal(0, 0.7, likes.shape)) * 2) / 2, 0.5, 5)
    return sp.csr_matrix(np.where(watched, stars, 0.0))


class RankerContract:
    """Behaviour every Ranker must have."""

    def make(self):  # pragma: no cover - overridden
        raise NotImplementedError

    @pytest.fixture
    def train(self) -> sp.csr_matrix:
        return synthetic_ratings()

    def test_scores_are_finite_with_one_row_per_history_and_one_column_per_item(self, train):
        scores = self.make().fit(train).score(train[:7])
        assert scores.shape == (7, train.shape[1])
        assert np.all(np.isfinite(scores))

    def test_same_config_and_seed_give_the_same_scores(self, train):
        first = self.make().fit(train).score(train)
        second = self.make().fit(train).score(train)
        np.testing.assert_allclose(first, second, rtol=1e-6, atol=1e-9)

    def test_folding_in_a_training_user_alone_matches_the_batch_score(self, train):
        model = self.make().fit(train)
        batch = model.score(train)
        alone = model.score(train[3])
        np.testing.assert_allclose(alone[0], batch[3], rtol=1e-5, atol=1e-7)

    def test_readers_unseen_in_training_are_folded_in(self, train):
        new = synthetic_ratings(n_users=5, n_items=train.shape[1], seed=99)
        scores = self.make().fit(train).score(new)
        assert scores.shape == (5, train.shape[1])
        assert np.all(np.isfinite(scores))

    def test_an_empty_history_still_gets_finite_scores(self, train):
        scores = self.make().fit(train).score(sp.csr_matrix((2, train.shape[1])))
        assert np.all(np.isfinite(scores))

    def test_items_nobody_rated_get_finite_scores(self, train):
        train = train.tolil()
        train[:, 4] = 0
        scores = self.make().fit(train.tocsr()).score(train[:5].tocsr())
        assert np.all(np.isfinite(scores))

    def test_a_single_training_user_is_enough(self, train):
        scores = self.make().fit(train[0]).score(train[1:3])
        assert scores.shape == (2, train.shape[1])
        assert np.all(np.isfinite(scores))

    def test_an_empty_training_matrix_gives_finite_scores(self):
        empty = sp.csr_matrix((6, 9))
        scores = self.make().fit(empty).score(sp.csr_matrix((2, 9)))
        assert scores.shape == (2, 9)
        assert np.all(np.isfinite(scores))

    def test_identical_ratings_everywhere_are_fine(self, train):
        ones = train.copy()
        ones.data[:] = 1.0
        assert np.all(np.isfinite(self.make().fit(ones).score(ones[:4])))

    def test_a_dense_array_is_accepted(self, train):
        scores = self.make().fit(train.toarray()).score(train[:2].toarray())
        assert np.all(np.isfinite(scores))

    @pytest.mark.parametrize("bad", [np.nan, np.inf, -1.0])
    def test_nan_infinite_or_negative_training_values_are_rejected(self, train, bad):
        broken = train.toarray()
        broken[0, 0] = bad
        with pytest.raises(ValueError):
            self.make().fit(sp.csr_matrix(broken))

    def test_histories_with_the_wrong_number_of_items_are_rejected(self, train):
        model = self.make().fit(train)
        with pytest.raises(ValueError, match="columns"):
            model.score(sp.csr_matrix((1, train.shape[1] + 1)))

    def test_a_one_dimensional_matrix_is_rejected(self):
        with pytest.raises(ValueError):
            self.make().fit(np.ones(5))

    def test_scoring_before_fit_is_an_error(self, train):
        with pytest.raises(RuntimeError):
            self.make().score(train)

    @settings(
        max_examples=10,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
    )
    @given(
        n_users=st.integers(1, 12),
        n_items=st.integers(1, 10),
        density=st.floats(0.0, 1.0),
        seed=st.integers(0, 1000),
    )
    def test_any_small_matrix_gives_finite_scores(self, n_users, n_items, density, seed):
        x = sp.random(n_users, n_items, density=density, random_state=seed, format="csr")
        x.data = np.ceil(x.data * 10) / 2
        scores = self.make().fit(x).score(x)
        assert scores.shape == (n_users, n_items)
        assert np.all(np.isfinite(scores))


def synthetic_triples(
    n_users: int = 30, n_items: int = 20, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(user ids, item ids, ratings) with sparse non-contiguous ids and real structure."""
    x = synthetic_ratings(n_users, n_items, density=0.4, seed=seed).tocoo()
    return x.row * 3 + 7, x.col * 5 + 100, x.data.astype(np.float64)


class PredictorContract:
    """Behaviour every RatingPredictor must have."""

    def make(self):  # pragma: no cover - overridden
        raise NotImplementedError

    @pytest.fixture
    def triples(self):
        return synthetic_triples()

    def test_predictions_are_finite_and_within_the_rating_range(self, triples):
        u, i, r = triples
        pred = self.make().fit(u, i, r).predict(u, i)
        assert pred.shape == r.shape
        assert np.all(np.isfinite(pred))
        assert pred.min() >= r.min() and pred.max() <= r.max()

    def test_predictions_beat_the_global_mean_on_training_data(self, triples):
        u, i, r = triples
        pred = self.make().fit(u, i, r).predict(u, i)
        assert np.mean((pred - r) ** 2) < np.var(r)

    def test_same_config_and_seed_give_the_same_predictions(self, triples):
        u, i, r = triples
        first = self.make().fit(u, i, r).predict(u, i)
        second = self.make().fit(u, i, r).predict(u, i)
        np.testing.assert_allclose(first, second)

    def test_unknown_users_and_items_fall_back_to_baselines(self, triples):
        u, i, r = triples
        model = self.make().fit(u, i, r)
        pred = model.predict(np.array([u[0], 10**9, 10**9]), np.array([10**9, i[0], 10**9 + 1]))
        assert np.all(np.isfinite(pred))
        # Someone nobody knows, rating something nobody rated: close to the overall mean.
        assert abs(pred[2] - r.mean()) < 0.25

    def test_identical_ratings_are_predicted_back(self, triples):
        u, i, _ = triples
        pred = self.make().fit(u, i, np.full(len(u), 4.0)).predict(u[:10], i[:10])
        np.testing.assert_allclose(pred, 4.0)

    def test_a_single_rating_is_enough(self):
        pred = (
            self.make()
            .fit(np.array([1]), np.array([2]), np.array([3.5]))
            .predict(np.array([1, 5]), np.array([2, 9]))
        )
        np.testing.assert_allclose(pred, 3.5)

    def test_no_ratings_at_all_still_predicts_finite_values(self):
        empty = np.array([], dtype=np.int64)
        model = self.make().fit(empty, empty, np.array([], dtype=np.float64))
        assert np.all(np.isfinite(model.predict(np.array([1]), np.array([1]))))

    @pytest.mark.parametrize("bad", [np.nan, np.inf, -2.0])
    def test_nan_infinite_or_negative_ratings_are_rejected(self, triples, bad):
        u, i, r = triples
        r = r.copy()
        r[3] = bad
        with pytest.raises(ValueError, match="ratings"):
            self.make().fit(u, i, r)

    def test_arrays_of_different_lengths_are_rejected(self, triples):
        u, i, r = triples
        with pytest.raises(ValueError, match="same length"):
            self.make().fit(u, i[:-1], r)

    def test_negative_or_fractional_ids_are_rejected(self, triples):
        u, i, r = triples
        with pytest.raises(ValueError, match="ids"):
            self.make().fit(-u, i, r)
        with pytest.raises(ValueError, match="integer"):
            self.make().fit(u + 0.5, i, r)

    def test_two_dimensional_input_is_rejected(self, triples):
        u, i, r = triples
        with pytest.raises(ValueError, match="1-D"):
            self.make().fit(u.reshape(-1, 1), i, r)

    def test_predicting_before_fit_is_an_error(self, triples):
        u, i, _ = triples
        with pytest.raises(RuntimeError):
            self.make().predict(u, i)
