"""The engine's two small interfaces and the input checks every algorithm shares.

A :class:`Ranker` learns from a users x items matrix of ratings (or 1.0 for a plain
"watched/liked") and scores every item for any number of histories, including readers it
never saw in training (fold-in). A :class:`RatingPredictor` learns from (user, item, rating)
triples and predicts star ratings, falling back to baselines for unknown users or items.
"""

from __future__ import annotations

from typing import Protocol, Self, runtime_checkable

import numpy as np
import scipy.sparse as sp

__all__ = [
    "Ranker",
    "RatingPredictor",
    "check_history",
    "check_interactions",
    "check_triples",
    "safe_scores",
]


@runtime_checkable
class Ranker(Protocol):
    """Learns item affinities from a users x items matrix and scores histories."""

    def fit(self, train: sp.csr_matrix) -> Self: ...

    def score(self, histories: sp.csr_matrix) -> np.ndarray: ...


@runtime_checkable
class RatingPredictor(Protocol):
    """Learns from (user, item, rating) triples and predicts ratings for pairs."""

    def fit(self, users: np.ndarray, items: np.ndarray, ratings: np.ndarray) -> Self: ...

    def predict(self, users: np.ndarray, items: np.ndarray) -> np.ndarray: ...


def check_interactions(matrix: object, *, name: str = "train") -> sp.csr_matrix:
    """Return ``matrix`` as a float64 CSR copy, or raise ValueError if it is unusable.

    Accepts any scipy sparse matrix or a 2-D array-like. Values must be finite and
    non-negative; explicit zeros are dropped (a zero means "no interaction").
    """
    if sp.issparse(matrix):
        if matrix.ndim != 2:
            raise ValueError(f"{name} must be 2-D, got shape {matrix.shape}")
        out = sp.csr_matrix(matrix, dtype=np.float64, copy=True)
    else:
        try:
            dense = np.asarray(matrix, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name} must be a sparse matrix or numeric 2-D array") from exc
        if dense.ndim != 2:
            raise ValueError(f"{name} must be 2-D (users x items), got shape {dense.shape}")
        out = sp.csr_matrix(dense)
    if out.nnz and not np.all(np.isfinite(out.data)):
        raise ValueError(f"{name} contains NaN or infinite values")
    if out.nnz and out.data.min() < 0:
        raise ValueError(f"{name} contains negative values; ratings must be >= 0")
    out.sum_duplicates()
    out.eliminate_zeros()
    out.sort_indices()
    return out


def check_history(histories: object, n_items: int) -> sp.csr_matrix:
    """Validate histories to score against a model fitted on ``n_items`` columns."""
    out = check_interactions(histories, name="histories")
    if out.shape[1] != n_items:
        raise ValueError(
            f"histories have {out.shape[1]} item columns but the model was fitted on {n_items}"
        )
    return out


def check_triples(
    users: object, items: object, ratings: object | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Check (user, item[, rating]) arrays: 1-D, same length, ids ints >= 0, ratings finite."""
    u = np.asarray(users)
    i = np.asarray(items)
    arrays = [("users", u), ("items", i)]
    r = None
    if ratings is not None:
        r = np.asarray(ratings)
        arrays.append(("ratings", r))
    for label, arr in arrays:
        if arr.ndim != 1:
            raise ValueError(f"{label} must be a 1-D array, got shape {arr.shape}")
    if len({len(a) for _, a in arrays}) != 1:
        lengths = ", ".join(f"{label}={len(a)}" for label, a in arrays)
        raise ValueError(f"users, items and ratings must have the same length ({lengths})")
    for label, arr in arrays[:2]:
        if arr.size and not np.issubdtype(arr.dtype, np.integer):
            if not np.issubdtype(arr.dtype, np.number):
                raise ValueError(f"{label} must be integer ids")
            as_float = arr.astype(np.float64)
            if not np.all(np.isfinite(as_float)) or np.any(as_float != np.round(as_float)):
                raise ValueError(f"{label} must be integer ids")
        if arr.size and arr.min() < 0:
            raise ValueError(f"{label} ids must be >= 0")
    u = u.astype(np.int64)
    i = i.astype(np.int64)
    if r is not None:
        if r.size and not np.issubdtype(r.dtype, np.number):
            raise ValueError("ratings must be numeric")
        r = r.astype(np.float64)
        if r.size and not np.all(np.isfinite(r)):
            raise ValueError("ratings contain NaN or infinite values")
        if r.size and r.min() < 0:
            raise ValueError("ratings must be >= 0")
    return u, i, r


def safe_scores(scores: np.ndarray) -> np.ndarray:
    """Replace any non-finite score by the lowest finite one so callers never see NaN."""
    scores = np.asarray(scores, dtype=np.float64)
    bad = ~np.isfinite(scores)
    if bad.any():
        finite = scores[~bad]
        scores[bad] = finite.min() if finite.size else 0.0
    return scores
