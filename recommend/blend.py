"""Score-level blending of rankers: each model's scores are standardised per history, then summed.

Standardising (zero mean, unit variance over the catalogue for each history) puts models with
very different score scales, such as an autoencoder and a factor model, on one footing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Self

import numpy as np
import scipy.sparse as sp

from recommend.base import Ranker, check_interactions, safe_scores

__all__ = ["BlendedRanker", "standardise"]


def standardise(scores: np.ndarray) -> np.ndarray:
    """Per-row z-scores; constant rows become zeros."""
    scores = np.asarray(scores, dtype=np.float64)
    centred = scores - scores.mean(axis=1, keepdims=True)
    std = centred.std(axis=1, keepdims=True)
    return np.divide(centred, std, out=np.zeros_like(centred), where=std > 1e-12)


class BlendedRanker:
    """Weighted sum of standardised scores from several rankers."""

    def __init__(self, makers: Sequence[Callable[[], Ranker]], weights: Sequence[float]) -> None:
        if len(makers) != len(weights) or not makers:
            raise ValueError("BlendedRanker needs one weight per model and at least one model")
        self.makers = list(makers)
        self.weights = [float(w) for w in weights]
        self.models_: list[Ranker] | None = None

    def fit(self, train: sp.csr_matrix) -> Self:
        x = check_interactions(train)
        self.models_ = [make().fit(x) for make in self.makers]
        return self

    def score(self, histories: sp.csr_matrix) -> np.ndarray:
        if self.models_ is None:
            raise RuntimeError("BlendedRanker.score called before fit")
        total = None
        for model, weight in zip(self.models_, self.weights, strict=True):
            part = weight * standardise(safe_scores(model.score(histories)))
            total = part if total is None else total + part
        return total

    def contributions(self, history: sp.csr_matrix, item: int) -> dict[int, float]:
        """Contributions from the first model that can explain itself (item index -> amount)."""
        if self.models_ is None:
            raise RuntimeError("BlendedRanker.contributions called before fit")
        for model in self.models_:
            explain = getattr(model, "contributions", None)
            if explain is not None:
                return explain(history, item)
        return {}
