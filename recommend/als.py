"""Implicit-feedback ALS (Hu, Koren & Volinsky 2008) with conjugate-gradient updates.

Preference p_ui = 1 for every interaction, confidence c_ui = 1 + alpha * value. Each sweep solves
the user factors with the item factors fixed, then the reverse, by a few steps of conjugate
gradient warm-started from the previous solution (Takács et al. 2011), vectorised over all users
at once. New histories are folded in by solving the same least-squares problem against the fitted
item factors with ``fold_in_steps`` CG steps from zero (near-exact; rows are independent, so a
history scores the same alone or in a batch).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

import numpy as np
import scipy.sparse as sp

from recommend.base import check_history, check_interactions

__all__ = ["ImplicitALS", "ImplicitALSConfig"]


@dataclass(frozen=True)
class ImplicitALSConfig:
    """Factors, L2 penalty, confidence scaling, sweeps and CG steps of implicit ALS."""

    factors: int = 64
    reg: float = 1.0
    alpha: float = 10.0
    iterations: int = 15
    cg_steps: int = 3
    # CG steps when folding in histories at scoring time (from zero; near-exact for k <= 128).
    fold_in_steps: int = 20
    binarize: bool = True
    seed: int = 0


def _confidence(x: sp.csr_matrix, cfg: ImplicitALSConfig) -> sp.csr_matrix:
    """Sparse matrix of c_ui - 1 = alpha * value on the interaction pattern."""
    c = x.copy()
    if cfg.binarize:
        c.data[:] = 1.0
    c.data *= cfg.alpha
    return c


def _cg_sweep(
    cm1: sp.csr_matrix,
    fixed: np.ndarray,
    current: np.ndarray,
    reg: float,
    steps: int,
    gram: np.ndarray | None = None,
) -> np.ndarray:
    """A few CG steps on (F'F + F' (C-1) F + reg I) x = F' C p for every row at once."""
    if gram is None:
        gram = fixed.T @ fixed + reg * np.eye(fixed.shape[1])
    rows = np.repeat(np.arange(cm1.shape[0]), np.diff(cm1.indptr))
    cols, w = cm1.indices, cm1.data
    fixed_at = fixed[cols]
    weighted = cm1.copy()

    def apply(v: np.ndarray) -> np.ndarray:
        # Same sparsity pattern as cm1, so only the values change between calls.
        weighted.data = np.einsum("ij,ij->i", fixed_at, v[rows]) * w
        return v @ gram + weighted @ fixed

    # F' C p = sum over interactions of c_ui * f_i = sum (1 + (c_ui - 1)) f_i
    ones = cm1.copy()
    ones.data = ones.data + 1.0
    rhs = ones @ fixed
    x = current.copy()
    r = rhs - apply(x)
    p = r.copy()
    rs = np.einsum("ij,ij->i", r, r)
    for _ in range(steps):
        ap = apply(p)
        denom = np.einsum("ij,ij->i", p, ap)
        step = np.divide(rs, denom, out=np.zeros_like(rs), where=denom > 1e-20)
        x += step[:, np.newaxis] * p
        r -= step[:, np.newaxis] * ap
        rs_new = np.einsum("ij,ij->i", r, r)
        beta = np.divide(rs_new, rs, out=np.zeros_like(rs), where=rs > 1e-20)
        p = r + beta[:, np.newaxis] * p
        rs = rs_new
    return x


def _exact_solve(cm1: sp.csr_matrix, fixed: np.ndarray, reg: float) -> np.ndarray:
    """Exact least-squares factors for every row of ``cm1`` (batched k x k solves)."""
    n, k = cm1.shape[0], fixed.shape[1]
    out = np.zeros((n, k))
    if n == 0 or k == 0:
        return out
    gram = fixed.T @ fixed + reg * np.eye(k)
    outer = (fixed[:, :, np.newaxis] * fixed[:, np.newaxis, :]).reshape(len(fixed), k * k)
    ones = cm1.copy()
    ones.data = ones.data + 1.0
    batch = max(1, 2_000_000 // (k * k))
    for start in range(0, n, batch):
        stop = min(n, start + batch)
        lhs = np.asarray(cm1[start:stop] @ outer).reshape(stop - start, k, k) + gram
        rhs = np.asarray(ones[start:stop] @ fixed)
        out[start:stop] = np.linalg.solve(lhs, rhs[:, :, np.newaxis])[:, :, 0]
    return out


class ImplicitALS:
    """Weighted matrix factorisation for implicit feedback; scores are ``x_u . y_i``."""

    def __init__(self, config: ImplicitALSConfig | None = None) -> None:
        self.config = config or ImplicitALSConfig()
        self.item_factors_: np.ndarray | None = None

    def fit(self, train: sp.csr_matrix) -> Self:
        cfg = self.config
        x = check_interactions(train)
        n_users, n_items = x.shape
        rng = np.random.default_rng(cfg.seed)
        k = cfg.factors
        users = rng.normal(0, 0.01, (n_users, k))
        items = rng.normal(0, 0.01, (n_items, k))
        cm1 = _confidence(x, cfg)
        cm1_t = cm1.T.tocsr()
        if x.nnz:
            for _ in range(cfg.iterations):
                users = _cg_sweep(cm1, items, users, cfg.reg, cfg.cg_steps)
                items = _cg_sweep(cm1_t, users, items, cfg.reg, cfg.cg_steps)
        self.item_factors_ = items
        # Scoring a history needs Y'Y + reg I every time; it depends only on the item factors.
        self.gram_ = items.T @ items + cfg.reg * np.eye(k)
        return self

    def score(self, histories: sp.csr_matrix) -> np.ndarray:
        if self.item_factors_ is None:
            raise RuntimeError("ImplicitALS.score called before fit")
        h = check_history(histories, self.item_factors_.shape[0])
        cfg = self.config
        start = np.zeros((h.shape[0], self.item_factors_.shape[1]))
        # Batched CG is much cheaper than one LU solve per history, and each row's iterations
        # are independent, so a history scores the same alone or in a batch.
        users = _cg_sweep(
            _confidence(h, cfg),
            self.item_factors_,
            start,
            cfg.reg,
            cfg.fold_in_steps,
            gram=getattr(self, "gram_", None),
        )
        return users @ self.item_factors_.T
