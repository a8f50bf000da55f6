"""Star-rating prediction: baselines, an ALS factor model, item-kNN on residuals and their blend.

All models take 1-D arrays of integer user ids, item ids and ratings (ids need not be dense;
they are mapped internally) and predict for any (user, item) pairs. Unknown users or items fall
back to the parts of the model that still apply (down to the global mean), so predictions are
always finite, and they are clipped to the range of the training ratings.

* :class:`BaselinePredictor`: ``mu + b_u + b_i`` with ridge-shrunk biases (Koren 2010, section 2.1),
  fitted by alternating closed-form updates.
* :class:`FactorPredictor`: biased matrix factorisation of the baseline residuals by alternating
  least squares with count-weighted regularisation (ALS-WR, Zhou et al. 2008). Its implicit-feedback
  term, in the spirit of SVD++, adds to each user factor the normalised sum of factors ``y_j`` of
  the items the user rated, estimated by ridge regression of the user factors on that
  rated-items matrix.
* :class:`NeighbourPredictor`: item-based kNN on baseline residuals with shrunk Pearson-baseline
  similarities (Koren's KNNBaseline); explains a prediction by its neighbours' contributions.
* :class:`BlendedPredictor`: fits the components on most of the training data, learns a ridge
  blend of their predictions (plus support-dependent terms) on the rest, then refits the
  components on everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Self

import numpy as np
import scipy.sparse as sp

from recommend.base import check_triples

__all__ = [
    "AffinityConfig",
    "AffinityPredictor",
    "BaselineConfig",
    "BaselinePredictor",
    "BlendConfig",
    "BlendedPredictor",
    "FactorConfig",
    "FactorPredictor",
    "NeighbourConfig",
    "NeighbourPredictor",
]


class _Index:
    """Maps raw integer ids to dense positions; unknown ids map to -1."""

    def __init__(self, ids: np.ndarray) -> None:
        self.ids = np.unique(ids)

    def __len__(self) -> int:
        return len(self.ids)

    def lookup(self, raw: np.ndarray) -> np.ndarray:
        if len(self.ids) == 0:
            return np.full(len(raw), -1, dtype=np.int64)
        pos = np.searchsorted(self.ids, raw)
        pos = np.minimum(pos, len(self.ids) - 1)
        return np.where(self.ids[pos] == raw, pos, -1).astype(np.int64)


class _Fitted:
    """Shared id handling, rating range and checks for the predictors below."""

    user_index: _Index
    item_index: _Index
    low: float
    high: float

    def _prepare(
        self, users: object, items: object, ratings: object
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        u, i, r = check_triples(users, items, ratings)
        self.user_index = _Index(u)
        self.item_index = _Index(i)
        self.low = float(r.min()) if r.size else 0.0
        self.high = float(r.max()) if r.size else 0.0
        return self.user_index.lookup(u), self.item_index.lookup(i), r

    def _query(self, users: object, items: object) -> tuple[np.ndarray, np.ndarray]:
        if not hasattr(self, "user_index"):
            raise RuntimeError(f"{type(self).__name__}.predict called before fit")
        u, i, _ = check_triples(users, items)
        return self.user_index.lookup(u), self.item_index.lookup(i)

    def clip(self, pred: np.ndarray) -> np.ndarray:
        """Predictions clipped to the training ratings' range, NaN replaced by its middle."""
        pred = np.nan_to_num(pred, nan=(self.low + self.high) / 2)
        return np.clip(pred, self.low, self.high)


# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BaselineConfig:
    """Shrinkage of user and item biases towards zero (in pseudo-ratings) and sweeps."""

    user_reg: float = 5.0
    item_reg: float = 3.0
    iterations: int = 10


def _fit_biases(
    u: np.ndarray, i: np.ndarray, r: np.ndarray, n_users: int, n_items: int, cfg: BaselineConfig
) -> tuple[float, np.ndarray, np.ndarray]:
    mu = float(r.mean()) if r.size else 0.0
    bu = np.zeros(n_users)
    bi = np.zeros(n_items)
    n_u = np.bincount(u, minlength=n_users)
    n_i = np.bincount(i, minlength=n_items)
    for _ in range(max(1, cfg.iterations)):
        bi = np.bincount(i, r - mu - bu[u], minlength=n_items) / (n_i + cfg.item_reg)
        bu = np.bincount(u, r - mu - bi[i], minlength=n_users) / (n_u + cfg.user_reg)
    return mu, bu, bi


class BaselinePredictor(_Fitted):
    """Global mean plus shrunk user and item biases."""

    def __init__(self, config: BaselineConfig | None = None) -> None:
        self.config = config or BaselineConfig()

    def fit(self, users: np.ndarray, items: np.ndarray, ratings: np.ndarray) -> Self:
        self._fit_residuals(users, items, ratings)
        return self

    @property
    def baseline_config(self) -> BaselineConfig:
        """The bias shrinkage this model fits with: its own config, or that config's baseline."""
        config = self.config
        return config if isinstance(config, BaselineConfig) else config.baseline

    def _fit_residuals(
        self, users: object, items: object, ratings: object
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Index the ids, fit ``mu + b_u + b_i`` and return (user positions, item positions,
        ratings minus that baseline): what every model built on the baseline starts from."""
        u, i, r = self._prepare(users, items, ratings)
        self.mu_, self.user_bias_, self.item_bias_ = _fit_biases(
            u, i, r, len(self.user_index), len(self.item_index), self.baseline_config
        )
        return u, i, r - self._baseline(u, i)

    def _baseline(self, u: np.ndarray, i: np.ndarray) -> np.ndarray:
        bu = np.zeros(len(u))
        bi = np.zeros(len(i))
        if len(self.user_bias_):
            bu = np.where(u >= 0, self.user_bias_[np.maximum(u, 0)], 0.0)
        if len(self.item_bias_):
            bi = np.where(i >= 0, self.item_bias_[np.maximum(i, 0)], 0.0)
        return self.mu_ + bu + bi

    def predict(self, users: np.ndarray, items: np.ndarray) -> np.ndarray:
        u, i = self._query(users, items)
        return self.clip(self._baseline(u, i))


# ---------------------------------------------------------------------------------------------


def _batched_ridge(
    mask: sp.csr_matrix, targets: sp.csr_matrix, factors: np.ndarray, reg: np.ndarray
) -> np.ndarray:
    """Solve, for every row r, (sum_{j in row r} f_j f_j' + reg_r I) x_r = sum_j t_rj f_j."""
    n, k = mask.shape[0], factors.shape[1]
    outer = (factors[:, :, np.newaxis] * factors[:, np.newaxis, :]).reshape(len(factors), k * k)
    lhs = np.asarray(mask @ outer).reshape(n, k, k)
    lhs[:, np.arange(k), np.arange(k)] += reg[:, np.newaxis]
    rhs = np.asarray(targets @ factors)
    return np.linalg.solve(lhs, rhs[:, :, np.newaxis])[:, :, 0]


@dataclass(frozen=True)
class FactorConfig:
    """Size, regularisation and sweeps of the ALS factor model on baseline residuals."""

    factors: int = 20
    reg: float = 0.05
    iterations: int = 8
    # Weight of the SVD++-style implicit term (0 turns it off) and its ridge penalty.
    implicit: bool = True
    implicit_reg: float = 30.0
    baseline: BaselineConfig = field(default_factory=BaselineConfig)
    seed: int = 0


class FactorPredictor(BaselinePredictor):
    """Baseline plus an ALS-WR factorisation of the residuals, with an implicit user term."""

    def __init__(self, config: FactorConfig | None = None) -> None:
        self.config = config or FactorConfig()

    def fit(self, users: np.ndarray, items: np.ndarray, ratings: np.ndarray) -> Self:
        cfg = self.config
        u, i, resid = self._fit_residuals(users, items, ratings)
        n_users, n_items = len(self.user_index), len(self.item_index)
        rng = np.random.default_rng(cfg.seed)
        k = cfg.factors
        by_user = sp.csr_matrix((resid, (u, i)), shape=(n_users, n_items))
        mask_user = sp.csr_matrix((np.ones_like(resid), (u, i)), shape=(n_users, n_items))
        by_item = by_user.T.tocsr()
        mask_item = mask_user.T.tocsr()
        n_u = np.asarray(mask_user.sum(axis=1)).ravel()
        n_i = np.asarray(mask_item.sum(axis=1)).ravel()
        q = rng.normal(0, 0.1, (n_items, k))
        p = np.zeros((n_users, k))
        implicit = np.zeros((n_items, k))
        norm_rated = sp.diags(1 / np.sqrt(np.maximum(n_u, 1))) @ mask_user
        for _ in range(max(1, cfg.iterations)):
            p = _batched_ridge(mask_user, by_user, q, cfg.reg * np.maximum(n_u, 1))
            if cfg.implicit and n_users and n_items:
                # y: items x k so that norm_rated @ y approximates the user factors.
                implicit = _ridge_solve(norm_rated, p, cfg.implicit_reg)
                p_imp = norm_rated @ implicit
                p = p_imp + _batched_ridge(
                    mask_user,
                    by_user - _rowwise_dot(mask_user, p_imp, q),
                    q,
                    cfg.reg * np.maximum(n_u, 1),
                )
            q = _batched_ridge(mask_item, by_item, p, cfg.reg * np.maximum(n_i, 1))
        self.user_factors_ = p
        self.item_factors_ = q
        self.implicit_factors_ = implicit
        self.user_rated_ = mask_user
        return self

    def predict(self, users: np.ndarray, items: np.ndarray) -> np.ndarray:
        u, i = self._query(users, items)
        pred = self._baseline(u, i)
        ok = (u >= 0) & (i >= 0)
        pred[ok] += np.einsum("ij,ij->i", self.user_factors_[u[ok]], self.item_factors_[i[ok]])
        return self.clip(pred)


def _ridge_solve(design: sp.csr_matrix, target: np.ndarray, reg: float) -> np.ndarray:
    """argmin_W ||design W - target||^2 + reg ||W||^2 through the smaller normal equations."""
    n, m = design.shape
    if m <= n:
        gram = (design.T @ design).toarray() + reg * np.eye(m)
        return np.linalg.solve(gram, design.T @ target)
    kernel = (design @ design.T).toarray() + reg * np.eye(n)
    return design.T @ np.linalg.solve(kernel, target)


def _rowwise_dot(mask: sp.csr_matrix, p: np.ndarray, q: np.ndarray) -> sp.csr_matrix:
    """Sparse matrix with entries p_u . q_i on the mask's pattern."""
    coo = mask.tocoo()
    vals = np.einsum("ij,ij->i", p[coo.row], q[coo.col])
    return sp.csr_matrix((vals, (coo.row, coo.col)), shape=mask.shape)


# ---------------------------------------------------------------------------------------------


def _cross(a: sp.spmatrix, b: sp.spmatrix) -> np.ndarray:
    """Dense ``a.T @ b`` for two sparse users x items matrices."""
    return (a.T.tocsr() @ b.tocsc()).toarray()


def _shrunk_covariance(num: np.ndarray, common: np.ndarray, shrinkage: float) -> np.ndarray:
    """Mean residual products over common raters, shrunk towards their average (Bell & Koren)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        avg = np.where(common > 0, num / common, 0.0)
    diag = np.diag(avg).copy()
    diag_mean = float(diag[np.diag(common) > 0].mean()) if np.any(np.diag(common) > 0) else 1.0
    off = common > 0
    np.fill_diagonal(off, False)
    off_mean = float(avg[off].mean()) if off.any() else 0.0
    cov = (num + shrinkage * off_mean) / (common + shrinkage)
    cov[np.diag_indices_from(cov)] = (np.diag(num) + shrinkage * diag_mean) / (
        np.diag(common) + shrinkage
    )
    return cov


@dataclass(frozen=True)
class NeighbourConfig:
    """Neighbourhood size, similarity shrinkage and the baseline the residuals come from."""

    neighbours: int = 40
    shrinkage: float = 100.0
    min_neighbours: int = 1
    # Compare users instead of items (user-based kNN); explanations need item-based.
    user_based: bool = False
    # Interpolation weights: "similarity" (KNNBaseline) or "regression", the jointly derived
    # weights of Bell & Koren 2007 (a small ridge regression per prediction).
    weights: str = "similarity"
    # "rated": the k most similar items among those the user rated (KNNBaseline); "all": every
    # rated item with a positive similarity, which vectorises into two matrix products.
    selection: str = "rated"
    regression_shrinkage: float = 50.0
    # Ridge penalty of each system, relative to the mean residual variance.
    regression_reg: float = 1.0
    baseline: BaselineConfig = field(default_factory=BaselineConfig)


class NeighbourPredictor(BaselinePredictor):
    """KNN-baseline: baseline plus similarity-weighted residuals of the nearest rated items."""

    def __init__(self, config: NeighbourConfig | None = None) -> None:
        self.config = config or NeighbourConfig()

    def fit(self, users: np.ndarray, items: np.ndarray, ratings: np.ndarray) -> Self:
        cfg = self.config
        u, i, resid = self._fit_residuals(users, items, ratings)
        n_users, n_items = len(self.user_index), len(self.item_index)
        if cfg.user_based:
            u, i, n_users, n_items = i, u, n_items, n_users
        z = sp.csc_matrix((resid, (u, i)), shape=(n_users, n_items))
        m = sp.csc_matrix((np.ones_like(resid), (u, i)), shape=(n_users, n_items))
        z2 = z.multiply(z).tocsc()
        num = _cross(z, z)
        # sum of z_ui^2 over users who rated both i and j
        sq = _cross(z2, m)
        common = _cross(m, m)
        with np.errstate(invalid="ignore", divide="ignore"):
            sim = num / np.sqrt(sq * sq.T)
        sim = np.nan_to_num(sim, nan=0.0, posinf=0.0, neginf=0.0)
        sim *= (common - 1) / (common - 1 + cfg.shrinkage)
        sim[common <= 1] = 0.0
        np.fill_diagonal(sim, 0.0)
        self.similarity_ = sim.astype(np.float32)
        if cfg.weights == "regression":
            self.covariance_ = _shrunk_covariance(num, common, cfg.regression_shrinkage)
        elif cfg.weights != "similarity":
            raise ValueError("NeighbourConfig.weights must be 'similarity' or 'regression'")
        self.residuals_ = z.tocsr()
        return self

    def _neighbour_terms(
        self, u: int, targets: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(neighbour item indices, similarities, residuals) for one known user, per target."""
        row = self.residuals_
        rated = row.indices[row.indptr[u] : row.indptr[u + 1]]
        res = row.data[row.indptr[u] : row.indptr[u + 1]]
        sims = self.similarity_[np.ix_(targets, rated)]
        k = min(self.config.neighbours, len(rated))
        if k < len(rated):
            top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        else:
            top = np.broadcast_to(np.arange(len(rated)), (len(targets), len(rated)))
        s = np.take_along_axis(sims, top, axis=1)
        s = np.where(s > 0, s, 0.0)
        return rated[top], s, res[top]

    def predict(self, users: np.ndarray, items: np.ndarray) -> np.ndarray:
        u, i = self._query(users, items)
        pred = self._baseline(u, i)
        if self.config.user_based:
            u, i = i, u
        ok = np.flatnonzero((u >= 0) & (i >= 0))
        if ok.size and self.config.selection == "all":
            pred[ok] += self._weighted_average(u[ok], i[ok])
        elif ok.size:
            order = ok[np.argsort(u[ok], kind="stable")]
            bounds = np.flatnonzero(np.diff(u[order])) + 1
            for chunk in np.split(order, bounds):
                nbrs, s, res = self._neighbour_terms(int(u[chunk[0]]), i[chunk])
                if self.config.weights == "regression":
                    pred[chunk] += self.regression_adjustment(nbrs, s, i[chunk], res)
                    continue
                total = s.sum(axis=1)
                enough = (s > 0).sum(axis=1) >= self.config.min_neighbours
                with np.errstate(invalid="ignore", divide="ignore"):
                    adj = np.where(enough & (total > 0), (s * res).sum(axis=1) / total, 0.0)
                pred[chunk] += adj
        return self.clip(pred)

    def _weighted_average(self, u: np.ndarray, i: np.ndarray) -> np.ndarray:
        """Similarity-weighted mean residual over all rated neighbours, for (u, i) pairs."""
        out = np.zeros(len(u))
        for pairs, rated, values in _expand_pairs(self.residuals_, u):
            w = np.maximum(self.similarity_[rated, i[pairs]], 0.0)
            num = np.bincount(pairs, w * values, minlength=len(u))
            den = np.bincount(pairs, w, minlength=len(u))
            with np.errstate(invalid="ignore", divide="ignore"):
                out += np.where(den > 0, num / den, 0.0)
        return out

    def _regression_weights(
        self, nbrs: np.ndarray, s: np.ndarray, targets: np.ndarray
    ) -> np.ndarray:
        """Bell & Koren interpolation weights, one small ridge system per target."""
        cov = self.covariance_
        use = s > 0
        a = cov[nbrs[:, :, np.newaxis], nbrs[:, np.newaxis, :]]
        a *= use[:, :, np.newaxis] & use[:, np.newaxis, :]
        k = a.shape[1]
        # The ridge is relative to the typical residual variance, so it is scale-free.
        ridge = self.config.regression_reg * float(np.mean(np.diag(cov)))
        a[:, np.arange(k), np.arange(k)] += ridge + ~use
        b = cov[nbrs, targets[:, np.newaxis]] * use
        return np.linalg.solve(a, b[:, :, np.newaxis])[:, :, 0]

    def regression_adjustment(
        self, nbrs: np.ndarray, s: np.ndarray, targets: np.ndarray, res: np.ndarray
    ) -> np.ndarray:
        """Residual adjustment per target with Bell & Koren weights (``weights="regression"``).

        Row t holds target t's neighbour item positions ``nbrs``, their similarities ``s`` and
        the reader's residuals ``res`` on them, as :meth:`_neighbour_terms` returns them; all
        positions are dense (``item_index``), not raw ids.
        """
        if nbrs.shape[1] == 0:
            return np.zeros(len(targets))
        return (self._regression_weights(nbrs, s, targets) * res).sum(axis=1)

    def contributions(self, user: int, item: int) -> dict[int, float]:
        """Each rated item's share of the prediction above the baseline (raw item id -> stars)."""
        if self.config.user_based:
            raise ValueError("contributions need an item-based neighbour model")
        u, i = self._query(np.array([user]), np.array([item]))
        if u[0] < 0 or i[0] < 0:
            return {}
        if self.config.selection == "all":
            row = self.residuals_
            start, stop = row.indptr[u[0]], row.indptr[u[0] + 1]
            rated, res = row.indices[start:stop], row.data[start:stop]
            w = np.maximum(self.similarity_[rated, i[0]], 0.0)
            if w.sum() <= 0:
                return {}
            return {
                int(self.item_index.ids[j]): float(wj * z / w.sum())
                for j, wj, z in zip(rated, w, res, strict=True)
                if wj > 0
            }
        nbrs, s, res = self._neighbour_terms(int(u[0]), i)
        if self.config.weights == "regression":
            w = self._regression_weights(nbrs, s, i)[0]
            return {
                int(self.item_index.ids[j]): float(wj * z)
                for j, wj, z in zip(nbrs[0], w, res[0], strict=True)
                if wj
            }
        total = s.sum()
        if total <= 0:
            return {}
        return {
            int(self.item_index.ids[j]): float(w * z / total)
            for j, w, z in zip(nbrs[0], s[0], res[0], strict=True)
            if w > 0
        }


# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AffinityConfig:
    """EASE over what each user rated: binary (which films) or baseline residuals (how)."""

    l2: float = 200.0
    residuals: bool = False
    baseline: BaselineConfig = field(default_factory=BaselineConfig)


class AffinityPredictor(BaselinePredictor):
    """Baseline plus an EASE score of the target item given the user's rated items.

    With binary input this is implicit feedback in the spirit of SVD++: it measures how
    typical it is for this reader to have rated the film at all, which correlates with liking it.
    """

    def __init__(self, config: AffinityConfig | None = None) -> None:
        self.config = config or AffinityConfig()

    def fit(self, users: np.ndarray, items: np.ndarray, ratings: np.ndarray) -> Self:
        from recommend.ease import dense_inverse_spd

        cfg = self.config
        u, i, resid = self._fit_residuals(users, items, ratings)
        n_users, n_items = len(self.user_index), len(self.item_index)
        values = resid if cfg.residuals else np.ones_like(resid)
        x = sp.csr_matrix((values, (u, i)), shape=(n_users, n_items))
        gram = np.asarray(_cross(x, x), order="F")
        gram[np.diag_indices_from(gram)] += cfg.l2
        p = dense_inverse_spd(gram)
        p /= -np.diag(p)[np.newaxis, :]
        np.fill_diagonal(p, 0.0)
        self.weights_ = p
        self.history_ = x
        return self

    def predict(self, users: np.ndarray, items: np.ndarray) -> np.ndarray:
        u, i = self._query(users, items)
        pred = self._baseline(u, i)
        ok = np.flatnonzero((u >= 0) & (i >= 0))
        if ok.size:
            uu, ii = u[ok], i[ok]
            for pairs, rated, values in _expand_pairs(self.history_, uu):
                pred[ok] += np.bincount(
                    pairs, values * self.weights_[rated, ii[pairs]], minlength=len(uu)
                )
        return self.clip(pred)


def _expand_pairs(history: sp.csr_matrix, u: np.ndarray, chunk: int = 4_000_000):
    """Yield (pair index, rated column, value) for every entry of row u[p], in bounded chunks.

    Each yielded chunk covers whole pairs, so per-pair sums over one chunk are complete.
    """
    lengths = np.diff(history.indptr)[u]
    start = 0
    while start < len(u):
        total = np.cumsum(lengths[start:])
        stop = start + max(1, int(np.searchsorted(total, chunk, side="right")))
        sel = np.arange(start, stop)
        reps = lengths[sel]
        pairs = np.repeat(sel, reps)
        offsets = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
        entries = history.indptr[u[pairs]] + offsets
        yield pairs, history.indices[entries], history.data[entries]
        start = stop


def _gather_scores(
    history: sp.csr_matrix, weights: np.ndarray, u: np.ndarray, i: np.ndarray
) -> np.ndarray:
    """(history @ weights)[u, i] for pairs, computing only the needed rows in chunks."""
    users, where = np.unique(u, return_inverse=True)
    out = np.empty(len(u))
    chunk = max(1, 4_000_000 // max(1, weights.shape[1]))
    for start in range(0, len(users), chunk):
        block = np.asarray(history[users[start : start + chunk]] @ weights)
        sel = (where >= start) & (where < start + chunk)
        out[sel] = block[where[sel] - start, i[sel]]
    return out


# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlendConfig:
    """Components, the share of training data held out to learn the blend, and its ridge."""

    components: tuple[FactorConfig | NeighbourConfig | AffinityConfig, ...] = (
        NeighbourConfig(),
        NeighbourConfig(user_based=True),
        FactorConfig(),
    )
    # Components with a dense side larger than this (users x users for user-based kNN,
    # items x items for item kNN and affinity) are left out, so big catalogues stay tractable.
    max_dense: int = 6000
    holdout: float = 0.1
    # Refit the components on all ratings after learning the blend (better, twice the time).
    refit: bool = True
    ridge: float = 1.0
    seed: int = 0


class BlendedPredictor(BaselinePredictor):
    """Ridge blend of baseline, factor and neighbour predictions, learned on held-out ratings."""

    def __init__(self, config: BlendConfig | None = None) -> None:
        self.config = config or BlendConfig()

    def _choose(self, n_users: int, n_items: int) -> list:
        """The component configs that fit this data's size (see ``BlendConfig.max_dense``)."""
        chosen = []
        for c in self.config.components:
            dense = n_users if isinstance(c, NeighbourConfig) and c.user_based else n_items
            if isinstance(c, FactorConfig) or dense <= self.config.max_dense:
                chosen.append(c)
        return chosen or [BaselineConfig()]

    def _components(self) -> list[BaselinePredictor]:
        kinds = {
            BaselineConfig: BaselinePredictor,
            FactorConfig: FactorPredictor,
            NeighbourConfig: NeighbourPredictor,
            AffinityConfig: AffinityPredictor,
        }
        return [kinds[type(c)](c) for c in self.active_]

    def _blend_inputs(
        self, models: list[BaselinePredictor], users: np.ndarray, items: np.ndarray
    ) -> tuple[np.ndarray, list[np.ndarray], np.ndarray, np.ndarray]:
        """(baseline, component predictions, user support, item support) for (user, item) pairs."""
        base = models[0]
        u, i = base._query(users, items)
        baseline = base._baseline(u, i)
        predictions = [m.predict(users, items) for m in models]
        user_support = _log_support(base._user_counts, u)
        item_support = _log_support(base._item_counts, i)
        return baseline, predictions, user_support, item_support

    def _fit_models(self, u: np.ndarray, i: np.ndarray, r: np.ndarray) -> list:
        models = self._components()
        for m in models:
            m.fit(u, i, r)
        base = models[0]
        base._user_counts = np.bincount(base.user_index.lookup(u), minlength=len(base.user_index))
        base._item_counts = np.bincount(base.item_index.lookup(i), minlength=len(base.item_index))
        return models

    def fit(self, users: np.ndarray, items: np.ndarray, ratings: np.ndarray) -> Self:
        cfg = self.config
        u, i, r = check_triples(users, items, ratings)
        self._prepare(u, i, r)
        self.active_ = self._choose(len(self.user_index), len(self.item_index))
        rng = np.random.default_rng(cfg.seed)
        held = rng.random(len(r)) < cfg.holdout
        if held.sum() >= 50 and (~held).sum() >= 50:
            models = self._fit_models(u[~held], i[~held], r[~held])
            x = _blend_features(*self._blend_inputs(models, u[held], i[held]))
            gram = x.T @ x + cfg.ridge * np.eye(x.shape[1])
            gram[-1, -1] -= cfg.ridge  # leave the intercept unpenalised
            self.blend_ = np.linalg.solve(gram, x.T @ r[held])
            if not cfg.refit:
                self.models_ = models
                return self
        else:
            self.blend_ = None
        self.models_ = self._fit_models(u, i, r)
        return self

    def predict(self, users: np.ndarray, items: np.ndarray) -> np.ndarray:
        if not hasattr(self, "models_"):
            raise RuntimeError("BlendedPredictor.predict called before fit")
        u, i, _ = check_triples(users, items)
        if self.blend_ is None:
            return self.models_[0].predict(u, i)
        return self.combine(*self._blend_inputs(self.models_, u, i))

    @property
    def components(self) -> list[BaselinePredictor]:
        """The fitted component models; the blend's baseline and support counts are the first's."""
        if not hasattr(self, "models_"):
            raise RuntimeError("BlendedPredictor.components read before fit")
        return self.models_

    @property
    def has_blend(self) -> bool:
        """Whether blend weights were learned; without them the first component predicts alone."""
        return getattr(self, "blend_", None) is not None

    def item_support(self, items: np.ndarray) -> np.ndarray:
        """The blend's item-side support feature: log(1 + training ratings) per raw item id."""
        base = self.components[0]
        return _log_support(base._item_counts, base.item_index.lookup(np.asarray(items)))

    def combine(
        self,
        baseline: np.ndarray,
        predictions: list[np.ndarray],
        user_support: np.ndarray,
        item_support: np.ndarray,
    ) -> np.ndarray:
        """Blended stars from the first component's baseline, every component's prediction (in
        ``components`` order) and the log supports, as :meth:`predict` does; for callers that
        predict the components themselves, such as fold-in. Needs :attr:`has_blend`."""
        features = _blend_features(baseline, predictions, user_support, item_support)
        return self.clip(features @ self.blend_)

    def component_weight(self, position: int, user_support: float, item_support: float) -> float:
        """The blend's weight on component ``position``'s lift over the baseline, for a reader and
        a film with these log supports (it enters as ``lift * (w + w_u n_u + w_i n_i)``)."""
        m, w = len(self.components), self.blend_
        lift, by_user, by_item = w[1 + position], w[1 + m + 2 * position], w[2 + m + 2 * position]
        return lift + by_user * user_support + by_item * item_support

    def contributions(self, user: int, item: int) -> dict[int, float]:
        """Rated items' shares of the neighbour part, scaled by its blend weight."""
        if not hasattr(self, "models_"):
            raise RuntimeError("BlendedPredictor.contributions called before fit")
        explainers = [
            p
            for p, m in enumerate(self.models_)
            if isinstance(m, NeighbourPredictor) and not m.config.user_based
        ]
        if not explainers:
            return {}
        position = explainers[0]
        raw = self.models_[position].contributions(user, item)
        if self.blend_ is None:
            return raw
        # The neighbour term enters as d * (w + w_u log(1 + n_u) + w_i log(1 + n_i)).
        base = self.models_[0]
        u, i = base._query(np.array([user]), np.array([item]))
        n_u = np.log1p(base._user_counts[u[0]]) if u[0] >= 0 else 0.0
        n_i = np.log1p(base._item_counts[i[0]]) if i[0] >= 0 else 0.0
        weight = self.component_weight(position, n_u, n_i)
        return {k: float(weight * v) for k, v in raw.items()}


def _log_support(counts: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """log(1 + training ratings) at these dense positions, 0 where the id is unknown (-1)."""
    return np.log1p(np.where(positions >= 0, counts[np.maximum(positions, 0)], 0))


def _blend_features(
    baseline: np.ndarray,
    predictions: list[np.ndarray],
    user_support: np.ndarray,
    item_support: np.ndarray,
) -> np.ndarray:
    """The blend's design matrix: the baseline, each component's lift over it, each lift times
    the user and the item log support, both supports and an intercept.

    ``BlendedPredictor.component_weight`` reads the lift weights from this column order.
    """
    lifts = [prediction - baseline for prediction in predictions]
    scaled = []
    for lift in lifts:
        scaled += [lift * user_support, lift * item_support]
    return np.column_stack(
        [baseline, *lifts, *scaled, user_support, item_support, np.ones_like(baseline)]
    )
