"""Most-popular baseline: every reader gets the same ranking, by how many people liked an item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

import numpy as np
import scipy.sparse as sp

from recommend.base import check_history, check_interactions

__all__ = ["Popularity", "PopularityConfig"]


@dataclass(frozen=True)
class PopularityConfig:
    """No knobs: popularity counts the users who interacted with each item."""


class Popularity:
    """Scores each item by its number of training interactions (ties keep item order)."""

    def __init__(self, config: PopularityConfig | None = None) -> None:
        self.config = config or PopularityConfig()
        self.counts_: np.ndarray | None = None

    def fit(self, train: sp.csr_matrix) -> Self:
        x = check_interactions(train)
        self.counts_ = np.asarray(x.getnnz(axis=0), dtype=np.float64)
        return self

    def score(self, histories: sp.csr_matrix) -> np.ndarray:
        if self.counts_ is None:
            raise RuntimeError("Popularity.score called before fit")
        h = check_history(histories, len(self.counts_))
        return np.tile(self.counts_, (h.shape[0], 1))
