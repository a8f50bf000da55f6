"""Implicit ALS: contract plus fold-in and fit quality checks."""

import numpy as np

from recommend import ImplicitALS, ImplicitALSConfig
from recommend.als import _cg_sweep, _confidence, _exact_solve

from .contract import RankerContract, synthetic_ratings


class TestImplicitALS(RankerContract):
    def make(self):
        return ImplicitALS(ImplicitALSConfig(factors=8, reg=1.0, alpha=5.0, iterations=6, seed=3))


def test_conjugate_gradient_converges_to_the_exact_solution():
    x = synthetic_ratings()
    cfg = ImplicitALSConfig(factors=6, reg=0.5, alpha=4.0)
    cm1 = _confidence(x, cfg)
    items = np.random.default_rng(0).normal(size=(x.shape[1], 6))
    exact = _exact_solve(cm1, items, cfg.reg)
    approx = _cg_sweep(cm1, items, np.zeros_like(exact), cfg.reg, steps=30)
    np.testing.assert_allclose(approx, exact, atol=1e-6)


def test_als_ranks_a_users_own_taste_above_the_other_one():
    # Two tastes (even / odd items); a reader of even items should get even items on top.
    x = synthetic_ratings(n_users=60, n_items=20, seed=1)
    model = ImplicitALS(ImplicitALSConfig(factors=4, reg=0.5, alpha=5.0)).fit(x)
    history = np.zeros((1, 20))
    history[0, [0, 2, 4]] = 5.0
    scores = model.score(history)[0]
    unseen = [j for j in range(20) if j not in (0, 2, 4)]
    top = sorted(unseen, key=lambda j: -scores[j])[:5]
    assert sum(j % 2 == 0 for j in top) >= 4
