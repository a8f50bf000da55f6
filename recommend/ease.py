"""EASE (Steck 2019) and its dropout-emphasised variant EDLAE (Steck 2020).

EASE learns a dense item-item weight matrix ``B`` with a zero diagonal by ridge regression of
the interaction matrix onto itself, in closed form: ``P = (X'X + L)^-1``, ``B = I - P / diag(P)``.
With ``L = l2 * I`` this is EASE; with ``L = l2 * I + p/(1-p) * diag(X'X)`` it is the
full-rank EDLAE of "Autoencoders that don't overfit towards the identity" (NeurIPS 2020),
whose dropout term regularises popular items more.

The input can be binarized (the original paper) or transformed ratings; columns can be
re-weighted by popularity before the Gram matrix (``item_weight_power``), which down-weights
blockbusters as predictors. The inverse is computed by Cholesky (LAPACK potrf/potri) in
float32 by default, which needs about ``4 * n_items**2`` bytes twice; items with fewer than
``min_support`` interactions stay out of the dense model and rank after every item in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

import numpy as np
import scipy.linalg
import scipy.sparse as sp

from recommend.base import check_history, check_interactions

__all__ = [
    "EASE",
    "EASEConfig",
    "RidgeAutoencoder",
    "RidgeAutoencoderConfig",
    "dense_inverse_spd",
]


@dataclass(frozen=True)
class EASEConfig:
    """Regularisation, dropout emphasis and input transform of an EASE model."""

    l2: float = 400.0
    # EDLAE dropout probability; 0 gives plain EASE.
    dropout: float = 0.0
    binarize: bool = True
    # Values become ``rating ** rating_power`` when not binarized (0 would equal binarize).
    rating_power: float = 1.0
    # Column weights popularity**(-item_weight_power) applied to X before the Gram matrix.
    item_weight_power: float = 0.0
    # Row weights n_u**(-user_weight_power) in the Gram matrix: prolific users count less.
    user_weight_power: float = 0.0
    min_support: int = 1
    dtype: str = "float32"


def dense_inverse_spd(gram: np.ndarray) -> np.ndarray:
    """Invert a symmetric positive definite matrix in place through Cholesky; returns it."""
    n = gram.shape[0]
    if n == 0:
        return gram
    potrf, potri = scipy.linalg.lapack.get_lapack_funcs(("potrf", "potri"), (gram,))
    # Fortran order lets LAPACK work on the buffer itself instead of a copy.
    chol, info = potrf(gram, lower=False, overwrite_a=True, clean=False)
    if info != 0:
        raise np.linalg.LinAlgError(f"Gram matrix is not positive definite (potrf info={info})")
    inv, info = potri(chol, lower=False, overwrite_c=True)
    if info != 0:
        raise np.linalg.LinAlgError(f"inversion failed (potri info={info})")
    # potri fills the upper triangle only; mirror it in blocks to avoid an n x n temporary.
    block = 1024
    for start in range(0, n, block):
        stop = min(start + block, n)
        inv[start:stop, :start] = inv[:start, start:stop].T
        sub = inv[start:stop, start:stop]
        inv[start:stop, start:stop] = np.triu(sub) + np.triu(sub, 1).T
    return inv


class EASE:
    """Embarrassingly shallow autoencoder; scores are ``history @ B``."""

    def __init__(self, config: EASEConfig | None = None) -> None:
        self.config = config or EASEConfig()
        if self.config.l2 <= 0 and self.config.dropout <= 0:
            raise ValueError("EASE needs l2 > 0 or dropout > 0")
        if not 0 <= self.config.dropout < 1:
            raise ValueError("dropout must be in [0, 1)")
        self.weights_: np.ndarray | None = None
        self.items_: np.ndarray | None = None
        self.n_items_: int = 0
        self.fallback_: np.ndarray | None = None
        self.column_weights_: np.ndarray | None = None

    def transform(self, x: sp.csr_matrix) -> sp.csr_matrix:
        """Apply the configured value transform (binarize or power) to a checked matrix."""
        x = x.copy()
        if self.config.binarize:
            x.data[:] = 1.0
        elif self.config.rating_power != 1.0:
            x.data = x.data**self.config.rating_power
        return x

    def fit(self, train: sp.csr_matrix) -> Self:
        cfg = self.config
        x = self.transform(check_interactions(train))
        self.n_items_ = x.shape[1]
        support = np.asarray(x.getnnz(axis=0))
        items = np.flatnonzero(support >= max(1, cfg.min_support))
        self.items_ = items
        # Items outside the dense model rank after it, most popular first.
        self.fallback_ = support / (support.max() + 1.0) if support.size else support
        xs = x[:, items].tocsc()
        weights = np.ones(len(items))
        if cfg.item_weight_power:
            weights = np.maximum(support[items], 1.0) ** (-cfg.item_weight_power)
        self.column_weights_ = weights
        xs = xs @ sp.diags(weights)
        if cfg.user_weight_power:
            n_u = np.maximum(np.asarray(x.getnnz(axis=1)), 1.0)
            xs = sp.diags(n_u ** (-cfg.user_weight_power / 2)) @ xs
        gram = np.asarray((xs.T @ xs).toarray(), dtype=cfg.dtype, order="F")
        diag = np.diag(gram).astype(np.float64)
        scale = float(np.mean(weights**2)) if len(weights) else 1.0
        reg = cfg.l2 * scale + cfg.dropout / (1 - cfg.dropout) * diag
        gram[np.diag_indices_from(gram)] += reg.astype(gram.dtype)
        p = dense_inverse_spd(gram)
        d = np.diag(p).copy()
        p /= -d[np.newaxis, :]
        np.fill_diagonal(p, 0.0)
        # Columns were scaled on the input side; undo on the output side so scores use raw X.
        if cfg.item_weight_power:
            p *= weights[:, np.newaxis]
            p /= weights[np.newaxis, :]
        self.weights_ = p
        return self

    def score(self, histories: sp.csr_matrix) -> np.ndarray:
        if self.weights_ is None:
            raise RuntimeError("EASE.score called before fit")
        h = self.transform(check_history(histories, self.n_items_))
        out = np.empty((h.shape[0], self.n_items_), dtype=np.float64)
        dense = np.asarray(h[:, self.items_] @ self.weights_, dtype=np.float64)
        low = dense.min(axis=1, keepdims=True) if dense.size else np.zeros((h.shape[0], 1))
        out[:] = (low - 1.0) + self.fallback_[np.newaxis, :]
        out[:, self.items_] = dense
        return out

    def contributions(self, history: sp.csr_matrix, item: int) -> dict[int, float]:
        """Each history item's share of ``item``'s score (item index -> amount)."""
        if self.weights_ is None:
            raise RuntimeError("EASE.contributions called before fit")
        h = self.transform(check_history(history, self.n_items_))
        if h.shape[0] != 1:
            raise ValueError("contributions explain one history at a time")
        pos = np.searchsorted(self.items_, item)
        if pos >= len(self.items_) or self.items_[pos] != item:
            return {}
        out = {}
        for j, v in zip(h.indices, h.data, strict=True):
            k = np.searchsorted(self.items_, j)
            if k < len(self.items_) and self.items_[k] == j and self.weights_[k, pos]:
                out[int(j)] = float(v * self.weights_[k, pos])
        return out


@dataclass(frozen=True)
class RidgeAutoencoderConfig:
    """L2 penalty and which side to solve on ("auto" picks the smaller of users and items)."""

    l2: float = 200.0
    binarize: bool = True
    solve: str = "auto"
    dtype: str = "float64"


class RidgeAutoencoder:
    """Item autoencoder ``B = (X'X + l2 I)^-1 X'X`` without EASE's zero-diagonal constraint.

    This is Steck 2020's DLAE with no dropout term. The same ``B`` equals
    ``X' (XX' + l2 I)^-1 X``, so with fewer users than items the model is fitted and applied on
    the users x users side (``solve="dual"``), which is what makes it cheap on catalogues much
    larger than the reader base. Held-out scoring never uses the diagonal (a history's own items
    are excluded), which is why dropping the constraint costs nothing there.
    """

    def __init__(self, config: RidgeAutoencoderConfig | None = None) -> None:
        self.config = config or RidgeAutoencoderConfig()
        if self.config.l2 <= 0:
            raise ValueError("RidgeAutoencoder needs l2 > 0")
        if self.config.solve not in ("auto", "primal", "dual"):
            raise ValueError("solve must be 'auto', 'primal' or 'dual'")
        self.n_items_: int | None = None

    def _input(self, x: sp.csr_matrix) -> sp.csr_matrix:
        if self.config.binarize:
            x = x.copy()
            x.data[:] = 1.0
        return x

    def fit(self, train: sp.csr_matrix) -> Self:
        cfg = self.config
        x = self._input(check_interactions(train))
        n_users, n_items = x.shape
        self.n_items_ = n_items
        side = cfg.solve
        if side == "auto":
            side = "dual" if n_users < n_items else "primal"
        self.side_ = side
        if side == "dual":
            kernel = np.asarray((x @ x.T).toarray(), dtype=cfg.dtype, order="F")
            kernel[np.diag_indices_from(kernel)] += cfg.l2
            self.kernel_inverse_ = dense_inverse_spd(kernel)
            self.train_ = x.astype(cfg.dtype)
        else:
            gram = np.asarray((x.T @ x).toarray(), dtype=cfg.dtype, order="F")
            gram[np.diag_indices_from(gram)] += cfg.l2
            p = dense_inverse_spd(gram)
            # (G + l2 I)^-1 G = I - l2 (G + l2 I)^-1
            p *= -cfg.l2
            p[np.diag_indices_from(p)] += 1.0
            self.weights_ = p
        return self

    def score(self, histories: sp.csr_matrix) -> np.ndarray:
        if self.n_items_ is None:
            raise RuntimeError("RidgeAutoencoder.score called before fit")
        h = self._input(check_history(histories, self.n_items_))
        if self.side_ == "dual":
            affinity = np.asarray((h @ self.train_.T).toarray()) @ self.kernel_inverse_
            out = np.asarray(self.train_.T @ affinity.T).T
        else:
            out = np.asarray(h @ self.weights_)
        return np.asarray(out, dtype=np.float64)

    def contributions(self, history: sp.csr_matrix, item: int) -> dict[int, float]:
        """Each history item's share of ``item``'s score (item index -> amount)."""
        if self.n_items_ is None:
            raise RuntimeError("RidgeAutoencoder.contributions called before fit")
        h = self._input(check_history(history, self.n_items_))
        if h.shape[0] != 1:
            raise ValueError("contributions explain one history at a time")
        if self.side_ == "dual":
            # B[:, item] = X' K^-1 X[:, item]
            column = np.asarray(self.train_[:, item].toarray()).ravel()
            weights = np.asarray(self.train_.T @ (self.kernel_inverse_ @ column)).ravel()
        else:
            weights = self.weights_[:, item]
        return {
            int(j): float(v * weights[j])
            for j, v in zip(h.indices, h.data, strict=True)
            if j != item and weights[j]
        }
