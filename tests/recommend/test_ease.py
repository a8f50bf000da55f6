"""EASE, EDLAE and the ridge autoencoder: contract plus the closed-form properties."""

import numpy as np
import pytest
import scipy.sparse as sp

from recommend import EASE, EASEConfig, RidgeAutoencoder, RidgeAutoencoderConfig
from recommend.ease import dense_inverse_spd

from .contract import RankerContract, synthetic_ratings


class TestEASE(RankerContract):
    def make(self):
        return EASE(EASEConfig(l2=10.0))


class TestEDLAE(RankerContract):
    def make(self):
        return EASE(EASEConfig(l2=5.0, dropout=0.3, item_weight_power=0.2))


class TestEASEOnRatings(RankerContract):
    def make(self):
        return EASE(EASEConfig(l2=50.0, binarize=False, min_support=2, dtype="float64"))


class TestRidgeAutoencoder(RankerContract):
    def make(self):
        return RidgeAutoencoder(RidgeAutoencoderConfig(l2=10.0))


def test_ease_matches_the_textbook_formula_with_a_zero_diagonal():
    x = synthetic_ratings()
    x.data[:] = 1.0
    g = (x.T @ x).toarray() + 10.0 * np.eye(x.shape[1])
    p = np.linalg.inv(g)
    expected = -p / np.diag(p)
    np.fill_diagonal(expected, 0.0)
    model = EASE(EASEConfig(l2=10.0, dtype="float64")).fit(x)
    np.testing.assert_allclose(model.weights_, expected, atol=1e-10)


def test_rarely_rated_items_rank_after_every_modelled_item():
    x = synthetic_ratings()
    x = x.tolil()
    x[:, 3] = 0
    x[0, 3] = 5.0  # only one person rated item 3
    model = EASE(EASEConfig(l2=10.0, min_support=2)).fit(x.tocsr())
    assert 3 not in model.items_
    scores = model.score(x[1:4].tocsr())
    assert np.all(scores[:, 3] < np.delete(scores, 3, axis=1).min(axis=1))


def test_primal_and_dual_ridge_solutions_agree():
    x = synthetic_ratings(n_users=15, n_items=25)
    primal = RidgeAutoencoder(RidgeAutoencoderConfig(l2=7.0, solve="primal")).fit(x)
    dual = RidgeAutoencoder(RidgeAutoencoderConfig(l2=7.0, solve="dual")).fit(x)
    np.testing.assert_allclose(primal.score(x), dual.score(x), atol=1e-9)


@pytest.mark.parametrize("solve", ["primal", "dual"])
def test_ridge_contributions_add_up_to_the_score_of_an_unseen_item(solve):
    x = synthetic_ratings()
    model = RidgeAutoencoder(RidgeAutoencoderConfig(l2=10.0, solve=solve)).fit(x)
    history = x[5]
    unseen = int(np.setdiff1d(np.arange(x.shape[1]), history.indices)[0])
    parts = model.contributions(history, unseen)
    assert np.isclose(sum(parts.values()), model.score(history)[0, unseen])


def test_ease_contributions_add_up_to_the_score():
    x = synthetic_ratings()
    model = EASE(EASEConfig(l2=10.0, dtype="float64")).fit(x)
    history = x[5]
    parts = model.contributions(history, 0)
    assert np.isclose(sum(parts.values()), model.score(history)[0, 0])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dense_inverse_matches_numpy(dtype):
    rng = np.random.default_rng(0)
    a = rng.random((60, 20))
    g = a @ a.T + np.eye(60)
    inv = dense_inverse_spd(np.array(g, dtype=dtype, order="F"))
    tol = 1e-5 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(inv, np.linalg.inv(g), atol=tol)


def test_invalid_configs_are_rejected():
    with pytest.raises(ValueError):
        EASE(EASEConfig(l2=0.0))
    with pytest.raises(ValueError):
        EASE(EASEConfig(dropout=1.0))
    with pytest.raises(ValueError):
        RidgeAutoencoder(RidgeAutoencoderConfig(solve="sideways"))


def test_ease_handles_an_all_zero_column_and_row():
    x = sp.csr_matrix(np.array([[1.0, 0.0, 1.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0]]))
    scores = EASE(EASEConfig(l2=1.0)).fit(x).score(x)
    assert np.all(np.isfinite(scores))
