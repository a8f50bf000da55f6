"""The defaults the site uses: contract, the large-data fallback and explanations."""

import numpy as np

import recommend
from recommend import DefaultRanker, DefaultRankerConfig, ImplicitALS, ImplicitALSConfig
from recommend.blend import BlendedRanker

from .contract import PredictorContract, RankerContract, synthetic_ratings


class TestDefaultRanker(RankerContract):
    # The shipped blend with a small ALS, so the contract runs in seconds.
    def make(self):
        return DefaultRanker(DefaultRankerConfig(als=ImplicitALSConfig(factors=8, iterations=4)))


class TestDefaultRatingPredictor(PredictorContract):
    def make(self):
        return recommend.default_rating_predictor()


def test_default_ranker_blends_a_dense_model_on_small_data():
    model = recommend.default_ranker().fit(synthetic_ratings())
    assert isinstance(model.model_, BlendedRanker)


def test_default_ranker_falls_back_to_als_above_the_dense_limit():
    config = DefaultRankerConfig(max_dense_side=10, als=ImplicitALSConfig(factors=4, iterations=3))
    model = DefaultRanker(config).fit(synthetic_ratings(n_users=30, n_items=20))
    assert isinstance(model.model_, ImplicitALS)
    assert model.contributions(synthetic_ratings()[0], 1) == {}


def test_default_ranker_explains_with_history_items():
    x = synthetic_ratings()
    model = recommend.default_ranker().fit(x)
    parts = model.contributions(x[0], int(np.setdiff1d(np.arange(x.shape[1]), x[0].indices)[0]))
    assert parts and set(parts) <= set(x[0].indices)


def test_public_interface_names_exist():
    assert isinstance(recommend.default_ranker(), recommend.Ranker)
    assert isinstance(recommend.default_rating_predictor(), recommend.RatingPredictor)
