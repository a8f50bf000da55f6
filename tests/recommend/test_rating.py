"""Rating predictors: contract for each, hand-computed baselines and explanations."""

import numpy as np
import pytest

from recommend import (
    AffinityConfig,
    AffinityPredictor,
    BaselineConfig,
    BaselinePredictor,
    BlendConfig,
    BlendedPredictor,
    FactorConfig,
    FactorPredictor,
    NeighbourConfig,
    NeighbourPredictor,
)

from .contract import PredictorContract, synthetic_triples


class TestBaseline(PredictorContract):
    def make(self):
        return BaselinePredictor()


class TestItemNeighbours(PredictorContract):
    def make(self):
        return NeighbourPredictor(NeighbourConfig(neighbours=5, shrinkage=5.0))


class TestAllRatedItemNeighbours(PredictorContract):
    def make(self):
        return NeighbourPredictor(NeighbourConfig(selection="all", shrinkage=5.0))


class TestUserNeighbours(PredictorContract):
    def make(self):
        return NeighbourPredictor(NeighbourConfig(user_based=True, shrinkage=5.0))


class TestRegressionNeighbours(PredictorContract):
    def make(self):
        return NeighbourPredictor(NeighbourConfig(weights="regression"))


class TestFactors(PredictorContract):
    def make(self):
        return FactorPredictor(FactorConfig(factors=4, reg=0.1, implicit=False))


class TestFactorsWithImplicitFeedback(PredictorContract):
    def make(self):
        return FactorPredictor(FactorConfig(factors=4, reg=0.1, implicit=True))


class TestAffinity(PredictorContract):
    def make(self):
        return AffinityPredictor(AffinityConfig(l2=5.0))

    def test_predictions_beat_the_global_mean_on_training_data(self, triples):
        pytest.skip("a blend feature: on training pairs its score counts the item itself")


class TestBlend(PredictorContract):
    def make(self):
        return BlendedPredictor(
            BlendConfig(
                components=(
                    NeighbourConfig(selection="all"),
                    FactorConfig(factors=3, implicit=False),
                    AffinityConfig(l2=5.0),
                ),
                holdout=0.3,
            )
        )


def test_baseline_biases_match_a_hand_computation():
    # One sweep with no shrinkage: mu = 3, item biases first, then users on what is left.
    users = np.array([0, 0, 1])
    items = np.array([0, 1, 0])
    ratings = np.array([4.0, 2.0, 3.0])
    model = BaselinePredictor(BaselineConfig(user_reg=0.0, item_reg=0.0, iterations=1))
    model.fit(users, items, ratings)
    assert model.mu_ == 3.0
    np.testing.assert_allclose(model.item_bias_, [0.5, -1.0])
    np.testing.assert_allclose(model.user_bias_, [0.25, -0.5])
    # User 1 on item 1: 3 - 0.5 - 1.0 = 1.5, clipped to the lowest training rating.
    np.testing.assert_allclose(model.predict(np.array([1, 1]), np.array([1, 0])), [2.0, 3.0])


def test_shrinkage_pulls_biases_towards_zero():
    u, i, r = synthetic_triples()
    loose = BaselinePredictor(BaselineConfig(user_reg=0.0, item_reg=0.0)).fit(u, i, r)
    tight = BaselinePredictor(BaselineConfig(user_reg=100.0, item_reg=100.0)).fit(u, i, r)
    assert np.abs(tight.item_bias_).sum() < np.abs(loose.item_bias_).sum()


@pytest.mark.parametrize("selection", ["rated", "all"])
def test_neighbour_contributions_explain_the_prediction(selection):
    u, i, r = synthetic_triples()
    model = NeighbourPredictor(NeighbourConfig(selection=selection, shrinkage=5.0)).fit(u, i, r)
    user = int(u[0])
    unrated = np.setdiff1d(np.unique(i), i[u == user])
    item = int(unrated[0])
    parts = model.contributions(user, item)
    assert parts and set(parts) <= set(i[u == user].tolist())
    base = BaselinePredictor(model.config.baseline).fit(u, i, r)
    expected = model.predict(np.array([user]), np.array([item]))[0]
    total = base.predict(np.array([user]), np.array([item]))[0] + sum(parts.values())
    assert np.isclose(expected, np.clip(total, r.min(), r.max()))


def test_the_blend_explains_through_its_item_neighbours():
    u, i, r = synthetic_triples(n_users=60, n_items=30)
    model = BlendedPredictor(
        BlendConfig(components=(NeighbourConfig(selection="all"), FactorConfig(factors=3)))
    ).fit(u, i, r)
    assert model.blend_ is not None
    user = int(u[0])
    item = int(np.setdiff1d(np.unique(i), i[u == user])[0])
    parts = model.contributions(user, item)
    assert set(parts) <= set(i[u == user].tolist())
    assert model.contributions(10**9, item) == {}


def test_the_blend_leaves_out_components_too_large_for_dense_matrices():
    u, i, r = synthetic_triples()
    config = BlendConfig(
        components=(NeighbourConfig(), NeighbourConfig(user_based=True), FactorConfig(factors=2)),
        max_dense=5,
    )
    model = BlendedPredictor(config).fit(u, i, r)
    assert [type(m) for m in model.models_] == [FactorPredictor]


def test_unknown_weighting_is_rejected():
    u, i, r = synthetic_triples()
    with pytest.raises(ValueError, match="weights"):
        NeighbourPredictor(NeighbourConfig(weights="magic")).fit(u, i, r)
