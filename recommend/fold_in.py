"""Fold-in: predictions for a reader the rating predictor was not trained on (or whose ratings
changed since), from their ratings alone, with every item-side parameter kept as trained.

Each component solves only the reader's own parameters, the way its training would have:

* baseline: the reader's bias, ``sum(r - mu - b_i) / (n + user_reg)`` with item biases fixed;
* item kNN: the reader's residuals interpolated through the trained item-item similarities;
* user kNN: the reader's shrunk Pearson-baseline similarity to every trained reader, computed
  over co-rated films exactly as in training, then the neighbours' residuals on the target;
* factors: the ridge solution for the reader's factor vector (plus the SVD++-style implicit
  term) against the fixed item factors;
* affinity: the EASE weights applied to the films the reader rated;
* the blend: the learned ridge weights applied to those component predictions.

So a reader's new rating changes their predictions at once, without retraining.
"""

from __future__ import annotations

import numpy as np

from recommend.base import check_triples
from recommend.rating import (
    AffinityPredictor,
    BaselinePredictor,
    BlendedPredictor,
    FactorPredictor,
    NeighbourPredictor,
)

__all__ = ["FoldedReader", "fold_in"]


class _History:
    """One component's view of the reader: known item positions, ratings and residuals."""

    def __init__(self, model: BaselinePredictor, items: np.ndarray, ratings: np.ndarray) -> None:
        positions = model.item_index.lookup(items)
        known = positions >= 0
        self.items = positions[known]
        self.ratings = ratings[known]
        bias = model.item_bias_[self.items] if len(model.item_bias_) else np.zeros(0)
        reg = model.baseline_config.user_reg
        # As in training, the shrinkage counts the films the model knows: a film added since
        # (unknown to it) must not pull the reader's bias towards zero.
        self.user_bias = float(np.sum(self.ratings - model.mu_ - bias) / (len(self.items) + reg))
        self.residuals = self.ratings - (model.mu_ + self.user_bias + bias)

    def baseline(self, model: BaselinePredictor, targets: np.ndarray) -> np.ndarray:
        bias = np.zeros(len(targets))
        if len(model.item_bias_):
            bias = np.where(targets >= 0, model.item_bias_[np.maximum(targets, 0)], 0.0)
        return model.mu_ + self.user_bias + bias


def _item_knn(
    model: NeighbourPredictor, history: _History, targets: np.ndarray
) -> tuple[np.ndarray, list[dict[int, float]] | None]:
    """Residual adjustment per target, and per target each rated item's share of it."""
    cfg = model.config
    adjust = np.zeros(len(targets))
    shares: list[dict[int, float]] = [{} for _ in targets]
    ok = np.flatnonzero(targets >= 0)
    if not ok.size or not history.items.size:
        return adjust, shares
    sims = np.asarray(model.similarity_[np.ix_(targets[ok], history.items)], dtype=np.float64)
    k = len(history.items) if cfg.selection == "all" else min(cfg.neighbours, len(history.items))
    if k < len(history.items):
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    else:
        top = np.broadcast_to(np.arange(len(history.items)), sims.shape)
    s = np.maximum(np.take_along_axis(sims, top, axis=1), 0.0)
    res = history.residuals[top]
    if cfg.weights == "regression":
        adjust[ok] = model.regression_adjustment(history.items[top], s, targets[ok], res)
        return adjust, None
    total = s.sum(axis=1)
    enough = (s > 0).sum(axis=1) >= cfg.min_neighbours
    usable = enough & (total > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        adjust[ok] = np.where(usable, (s * res).sum(axis=1) / total, 0.0)
    for row, target in enumerate(ok):
        if usable[row]:
            raw = model.item_index.ids[history.items[top[row]]]
            shares[target] = {
                int(item): float(w * z / total[row])
                for item, w, z in zip(raw, s[row], res[row], strict=True)
                if w > 0
            }
    return adjust, shares


def _user_knn(model: NeighbourPredictor, history: _History, targets: np.ndarray) -> np.ndarray:
    """Residual adjustment from the most similar trained readers who rated each target."""
    cfg = model.config
    adjust = np.zeros(len(targets))
    # Trained as items x users: rows are films, columns readers.
    by_film = model.residuals_
    if not history.items.size or by_film.shape[1] == 0:
        return adjust
    rated = by_film[history.items]
    mask = rated.copy()
    mask.data = np.ones_like(mask.data)
    z = history.residuals
    num = np.asarray(z @ rated).ravel()
    sq_new = np.asarray((z**2) @ mask).ravel()
    sq_theirs = np.asarray(rated.multiply(rated).sum(axis=0)).ravel()
    common = np.asarray(mask.sum(axis=0)).ravel()
    with np.errstate(invalid="ignore", divide="ignore"):
        sim = num / np.sqrt(sq_new * sq_theirs)
    sim = np.nan_to_num(sim, nan=0.0, posinf=0.0, neginf=0.0)
    sim *= (common - 1) / (common - 1 + cfg.shrinkage)
    sim[common <= 1] = 0.0
    for position, target in enumerate(targets):
        if target < 0:
            continue
        start, stop = by_film.indptr[target], by_film.indptr[target + 1]
        readers, residuals = by_film.indices[start:stop], by_film.data[start:stop]
        weights = np.maximum(sim[readers], 0.0)
        if len(weights) > cfg.neighbours:
            keep = np.argpartition(-weights, cfg.neighbours - 1)[: cfg.neighbours]
            weights, residuals = weights[keep], residuals[keep]
        if (weights > 0).sum() >= cfg.min_neighbours and weights.sum() > 0:
            adjust[position] = float((weights * residuals).sum() / weights.sum())
    return adjust


def _factors(model: FactorPredictor, history: _History, targets: np.ndarray) -> np.ndarray:
    cfg = model.config
    q = model.item_factors_
    k = q.shape[1] if q.ndim == 2 else 0
    out = np.zeros(len(targets))
    if k == 0 or not history.items.size:
        return out
    rated = q[history.items]
    p_implicit = np.zeros(k)
    if cfg.implicit and model.implicit_factors_.size:
        p_implicit = model.implicit_factors_[history.items].sum(axis=0) / np.sqrt(
            len(history.items)
        )
    gram = rated.T @ rated + cfg.reg * max(len(history.items), 1) * np.eye(k)
    p = p_implicit + np.linalg.solve(gram, rated.T @ (history.residuals - rated @ p_implicit))
    ok = targets >= 0
    out[ok] = q[targets[ok]] @ p
    return out


def _affinity(model: AffinityPredictor, history: _History, targets: np.ndarray) -> np.ndarray:
    out = np.zeros(len(targets))
    ok = targets >= 0
    if not history.items.size or not ok.any():
        return out
    values = history.residuals if model.config.residuals else np.ones(len(history.items))
    out[ok] = values @ model.weights_[np.ix_(history.items, targets[ok])]
    return out


def _component_predict(
    model: BaselinePredictor, items: np.ndarray, ratings: np.ndarray, targets_raw: np.ndarray
) -> np.ndarray:
    """One component's (unclipped) prediction for the folded reader."""
    history = _History(model, items, ratings)
    targets = model.item_index.lookup(targets_raw)
    prediction = history.baseline(model, targets)
    if isinstance(model, NeighbourPredictor) and model.config.user_based:
        prediction += _user_knn(model, history, targets)
    elif isinstance(model, NeighbourPredictor):
        prediction += _item_knn(model, history, targets)[0]
    elif isinstance(model, FactorPredictor):
        prediction += _factors(model, history, targets)
    elif isinstance(model, AffinityPredictor):
        prediction += _affinity(model, history, targets)
    return prediction


class FoldedReader:
    """A reader known only by their ratings, ready to be predicted for and explained."""

    def __init__(self, predictor: BaselinePredictor, items: object, ratings: object) -> None:
        readers = np.zeros(len(np.asarray(items)), dtype=np.int64)
        _, items_, ratings_ = check_triples(readers, items, ratings)
        self.predictor = predictor
        self.items = items_
        self.ratings = ratings_

    def _components(self) -> list[BaselinePredictor]:
        if isinstance(self.predictor, BlendedPredictor):
            return self.predictor.components
        return [self.predictor]

    def _user_support(self) -> float:
        """The blend's reader-side support, log(1 + rated films the models know), as in training."""
        base = self._components()[0]
        return float(np.log1p(np.count_nonzero(base.item_index.lookup(self.items) >= 0)))

    def predict(self, items: object) -> np.ndarray:
        """Predicted stars for these (raw) item ids; finite, clipped to the training range."""
        targets = np.asarray(items, dtype=np.int64).ravel()
        predictor = self.predictor
        if not isinstance(predictor, BlendedPredictor) or not predictor.has_blend:
            model = self._components()[0]
            return predictor.clip(_component_predict(model, self.items, self.ratings, targets))
        models = predictor.components
        base = models[0]
        positions = base.item_index.lookup(targets)
        baseline = _History(base, self.items, self.ratings).baseline(base, positions)
        predictions = [
            _component_predict(model, self.items, self.ratings, targets) for model in models
        ]
        user_support = np.full(len(targets), self._user_support())
        item_support = predictor.item_support(targets)
        return predictor.combine(baseline, predictions, user_support, item_support)

    def contributions(self, item: int) -> dict[int, float]:
        """The reader's rated items' shares of the prediction for ``item`` (raw id -> stars)."""
        models = self._components()
        explainers = [
            position
            for position, model in enumerate(models)
            if isinstance(model, NeighbourPredictor) and not model.config.user_based
        ]
        if not explainers:
            return {}
        position = explainers[0]
        model = models[position]
        history = _History(model, self.items, self.ratings)
        target = model.item_index.lookup(np.array([item], dtype=np.int64))
        _, shares = _item_knn(model, history, target)
        raw = shares[0] if shares else {}
        predictor = self.predictor
        if not isinstance(predictor, BlendedPredictor) or not predictor.has_blend:
            return raw
        n_u = self._user_support()
        n_i = predictor.item_support(np.array([item], dtype=np.int64))[0]
        weight = predictor.component_weight(position, n_u, n_i)
        return {key: float(weight * value) for key, value in raw.items()}


def fold_in(predictor: BaselinePredictor, items: object, ratings: object) -> FoldedReader:
    """A fitted rating predictor's view of a reader given only (item ids, ratings)."""
    if not hasattr(predictor, "item_index"):
        raise RuntimeError("fold_in needs a fitted predictor")
    return FoldedReader(predictor, items, ratings)
