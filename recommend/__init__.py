"""Marquee's recommendation engine: plain numpy/scipy, no Django.

Two small interfaces (:class:`Ranker`, :class:`RatingPredictor`), a handful of algorithms, the
defaults the site uses, and offline evaluation. See ``recommend/README.md``.
"""

from recommend.als import ImplicitALS, ImplicitALSConfig
from recommend.base import Ranker, RatingPredictor
from recommend.blend import BlendedRanker
from recommend.compatibility import Compatibility, CompatibilityConfig, compatibility, tci
from recommend.defaults import (
    MAX_DENSE_SIDE,
    DefaultRanker,
    DefaultRankerConfig,
    default_ranker,
    default_rating_predictor,
)
from recommend.ease import EASE, EASEConfig, RidgeAutoencoder, RidgeAutoencoderConfig
from recommend.elicit import ElicitationSession, Elicitor, ElicitorConfig, default_elicitor
from recommend.evaluate import EvaluationResult, evaluate_folder, load_movielens
from recommend.itemknn import ItemKNN, ItemKNNConfig
from recommend.popularity import Popularity, PopularityConfig
from recommend.rating import (
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

__all__ = [
    "EASE",
    "MAX_DENSE_SIDE",
    "AffinityConfig",
    "AffinityPredictor",
    "BaselineConfig",
    "BaselinePredictor",
    "BlendConfig",
    "BlendedPredictor",
    "BlendedRanker",
    "Compatibility",
    "CompatibilityConfig",
    "DefaultRanker",
    "DefaultRankerConfig",
    "EASEConfig",
    "ElicitationSession",
    "Elicitor",
    "ElicitorConfig",
    "EvaluationResult",
    "FactorConfig",
    "FactorPredictor",
    "ImplicitALS",
    "ImplicitALSConfig",
    "ItemKNN",
    "ItemKNNConfig",
    "NeighbourConfig",
    "NeighbourPredictor",
    "Popularity",
    "PopularityConfig",
    "Ranker",
    "RatingPredictor",
    "RidgeAutoencoder",
    "RidgeAutoencoderConfig",
    "compatibility",
    "default_elicitor",
    "default_ranker",
    "default_rating_predictor",
    "evaluate_folder",
    "load_movielens",
    "tci",
]
