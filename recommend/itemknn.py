"""Item-based k-nearest neighbours with cosine similarity (Deshpande & Karypis 2004 style).

Each item keeps its ``neighbours`` most similar items; a history's score for item j is the
sum of similarities between j and the items in the history, weighted by the history's values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

import numpy as np
import scipy.sparse as sp

from recommend.base import check_history, check_interactions

__all__ = ["ItemKNN", "ItemKNNConfig", "top_k_columns"]


@dataclass(frozen=True)
class ItemKNNConfig:
    """Neighbourhood size, similarity shrinkage and whether ratings are binarized first."""

    neighbours: int = 200
    shrinkage: float = 10.0
    binarize: bool = True


def top_k_columns(sim: sp.csr_matrix | np.ndarray, k: int) -> sp.csr_matrix:
    """Keep the k largest entries of every column (self-similarity must already be zeroed)."""
    dense = sim.toarray() if sp.issparse(sim) else np.asarray(sim)
    n = dense.shape[0]
    if n == 0:
        return sp.csr_matrix(dense.shape)
    k = max(0, min(k, n))
    if k == 0:
        return sp.csr_matrix(dense.shape)
    rows = np.argpartition(-dense, k - 1, axis=0)[:k]
    cols = np.broadcast_to(np.arange(dense.shape[1]), rows.shape)
    vals = dense[rows, cols]
    keep = vals > 0
    return sp.csc_matrix((vals[keep], (rows[keep], cols[keep])), shape=dense.shape).tocsr()


class ItemKNN:
    """Item-item cosine kNN; explains scores through the similarity of rated items."""

    def __init__(self, config: ItemKNNConfig | None = None) -> None:
        self.config = config or ItemKNNConfig()
        self.similarity_: sp.csr_matrix | None = None

    def _input(self, x: sp.csr_matrix) -> sp.csr_matrix:
        if self.config.binarize:
            x = x.copy()
            x.data[:] = 1.0
        return x

    def fit(self, train: sp.csr_matrix) -> Self:
        x = self._input(check_interactions(train))
        n_items = x.shape[1]
        gram = (x.T @ x).toarray()
        norms = np.sqrt(np.diag(gram))
        np.fill_diagonal(gram, 0.0)
        denom = np.outer(norms, norms) + self.config.shrinkage
        with np.errstate(invalid="ignore", divide="ignore"):
            sim = np.where(denom > 0, gram / denom, 0.0)
        self.similarity_ = (
            top_k_columns(sim, self.config.neighbours) if n_items else sp.csr_matrix((0, 0))
        )
        return self

    def score(self, histories: sp.csr_matrix) -> np.ndarray:
        if self.similarity_ is None:
            raise RuntimeError("ItemKNN.score called before fit")
        h = self._input(check_history(histories, self.similarity_.shape[0]))
        return np.asarray((h @ self.similarity_).toarray(), dtype=np.float64)

    def contributions(self, history: sp.csr_matrix, item: int) -> dict[int, float]:
        """How much each item of one history adds to ``item``'s score (item index -> amount)."""
        if self.similarity_ is None:
            raise RuntimeError("ItemKNN.contributions called before fit")
        h = self._input(check_history(history, self.similarity_.shape[0]))
        if h.shape[0] != 1:
            raise ValueError("contributions explain one history at a time")
        column = self.similarity_[:, item].toarray().ravel()
        return {
            int(j): float(v * column[j])
            for j, v in zip(h.indices, h.data, strict=True)
            if column[j]
        }
