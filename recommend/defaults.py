"""The configurations the site uses, chosen by the benchmarks in ``bench/engine``.

``default_ranker()``: a blend of the ridge autoencoder (EASE without the zero-diagonal
constraint, solved on the smaller of the users x users or items x items side) and implicit ALS.
When both the reader base and the catalogue exceed ``MAX_DENSE_SIDE`` (10,000), a dense model
would need a >10k x 10k inverse (800 MB in float64 and minutes on two cores), so the ranker
falls back to ALS alone, whose memory grows linearly.

``default_rating_predictor()``: a ridge blend, learned on 10% of the training ratings and then
refitted on all of them, of item- and user-based kNN on baseline residuals, an ALS factor model
and an implicit "what did this reader choose to rate" EASE term. kNN and the affinity term are
dropped automatically on sides larger than 6,000 (``BlendConfig.max_dense``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Self

import numpy as np
import scipy.sparse as sp

from recommend.als import ImplicitALS, ImplicitALSConfig
from recommend.base import check_interactions
from recommend.blend import BlendedRanker
from recommend.ease import RidgeAutoencoder, RidgeAutoencoderConfig
from recommend.rating import (
    AffinityConfig,
    BlendConfig,
    BlendedPredictor,
    FactorConfig,
    NeighbourConfig,
)

__all__ = [
    "MAX_DENSE_SIDE",
    "DefaultRanker",
    "DefaultRankerConfig",
    "default_ranker",
    "default_rating_predictor",
]

MAX_DENSE_SIDE = 10_000


@dataclass(frozen=True)
class DefaultRankerConfig:
    """The two blended models, the ALS weight and the size limit for the dense model."""

    ridge: RidgeAutoencoderConfig = field(default_factory=lambda: RidgeAutoencoderConfig(l2=200.0))
    als: ImplicitALSConfig = field(
        default_factory=lambda: ImplicitALSConfig(factors=64, reg=10.0, alpha=5.0, iterations=8)
    )
    als_weight: float = 0.5
    max_dense_side: int = MAX_DENSE_SIDE


class DefaultRanker:
    """Ridge autoencoder + ALS blend, or ALS alone when the data is too large for a dense model."""

    def __init__(self, config: DefaultRankerConfig | None = None) -> None:
        self.config = config or DefaultRankerConfig()
        self.model_: BlendedRanker | ImplicitALS | None = None

    def fit(self, train: sp.csr_matrix) -> Self:
        cfg = self.config
        x = check_interactions(train)
        if min(x.shape) <= cfg.max_dense_side:
            ridge_cfg = cfg.ridge
            if min(x.shape) > 4000 and ridge_cfg.dtype == "float64":
                # Halves memory and time of the inverse; accurate enough with l2 in the hundreds.
                ridge_cfg = RidgeAutoencoderConfig(
                    l2=ridge_cfg.l2,
                    binarize=ridge_cfg.binarize,
                    solve=ridge_cfg.solve,
                    dtype="float32",
                )
            self.model_ = BlendedRanker(
                # partial, not lambda: fitted models are pickled to disk by the site.
                [partial(RidgeAutoencoder, ridge_cfg), partial(ImplicitALS, cfg.als)],
                [1.0, cfg.als_weight],
            ).fit(x)
        else:
            self.model_ = ImplicitALS(cfg.als).fit(x)
        return self

    def score(self, histories: sp.csr_matrix) -> np.ndarray:
        if self.model_ is None:
            raise RuntimeError("DefaultRanker.score called before fit")
        return self.model_.score(histories)

    def contributions(self, history: sp.csr_matrix, item: int) -> dict[int, float]:
        """Which history items push ``item`` up (item index -> amount); empty for ALS alone."""
        if self.model_ is None:
            raise RuntimeError("DefaultRanker.contributions called before fit")
        explain = getattr(self.model_, "contributions", None)
        return explain(history, item) if explain is not None else {}


def default_ranker() -> DefaultRanker:
    """The best top-N ranker measured on ml-latest-small (see bench/engine/README.md)."""
    return DefaultRanker()


DEFAULT_BLEND = BlendConfig(
    components=(
        NeighbourConfig(selection="all"),
        NeighbourConfig(user_based=True, selection="all"),
        FactorConfig(factors=10, reg=0.1, implicit=False),
        AffinityConfig(l2=200.0),
    )
)


def default_rating_predictor() -> BlendedPredictor:
    """The best rating predictor measured on ml-100k's u1..u5 (see bench/engine/README.md)."""
    return BlendedPredictor(DEFAULT_BLEND)
