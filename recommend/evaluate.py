"""Offline evaluation: MovieLens loaders, the strong-generalization top-N protocol and k-fold RMSE.

Top-N follows Liang et al. 2018 ("Variational autoencoders for collaborative filtering"), as used
by Steck 2019 (EASE): ratings >= 3.5 are positives, users with >= 5 positives are kept, whole
users are held out (a validation and a test set of equal size), each held-out user's positives
are split 80/20 at random, the 80% are folded in and the 20% are scored. Recall@k divides by
min(k, number of held-out items); NDCG@100 divides by the ideal DCG of min(100, held-out) hits.
Items only seen by held-out users are dropped, as in Liang's code. Training values are the
ratings of the positives (binary models binarize them).

Rating prediction uses ml-100k's canonical u1..u5 splits when the folder has them, else a
random 5-fold split of all ratings.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from recommend.base import Ranker, RatingPredictor

__all__ = [
    "EvaluationResult",
    "RankingResult",
    "RatingResult",
    "Ratings",
    "StrongGeneralizationSplit",
    "evaluate_folder",
    "evaluate_ranker",
    "evaluate_rating_predictor",
    "load_movielens",
    "ndcg_at_k",
    "rating_folds",
    "recall_at_k",
    "strong_generalization_split",
]

POSITIVE_THRESHOLD = 3.5


@dataclass(frozen=True)
class Ratings:
    """Ratings with dense 0-based user and item indices plus the original ids.

    ``users[k]`` indexes ``user_ids`` (the id in the file), likewise for items.
    """

    users: np.ndarray
    items: np.ndarray
    ratings: np.ndarray
    timestamps: np.ndarray
    user_ids: np.ndarray
    item_ids: np.ndarray

    @property
    def n_users(self) -> int:
        return len(self.user_ids)

    @property
    def n_items(self) -> int:
        return len(self.item_ids)

    def __len__(self) -> int:
        return len(self.ratings)


def _read_table(path: Path) -> np.ndarray:
    """Read user, item, rating, timestamp rows from ratings.csv (header) or u.data (tabs)."""
    rows: list[tuple[float, float, float, float]] = []
    with path.open(newline="", encoding="latin-1") as fh:
        if path.suffix == ".csv":
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                return np.zeros((0, 4))
            if header[:3] != ["userId", "movieId", "rating"]:
                raise ValueError(f"{path} does not look like a MovieLens ratings.csv")
            for row in reader:
                if row:
                    rows.append((float(row[0]), float(row[1]), float(row[2]), float(row[3])))
        else:
            for line in fh:
                parts = line.split()
                if parts:
                    rows.append(
                        (float(parts[0]), float(parts[1]), float(parts[2]), float(parts[3]))
                    )
    table = np.array(rows, dtype=np.float64).reshape(-1, 4)
    if table.size and not np.all(np.isfinite(table)):
        raise ValueError(f"{path} contains non-numeric values")
    return table


def _ratings_file(folder: Path) -> Path:
    for name in ("ratings.csv", "u.data"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"{folder} has neither ratings.csv nor u.data")


def load_movielens(folder: str | Path) -> Ratings:
    """Load a MovieLens folder (ml-latest-small's ratings.csv or ml-100k's u.data)."""
    table = _read_table(_ratings_file(Path(folder)))
    return _to_ratings(table)


def _to_ratings(
    table: np.ndarray, user_ids: np.ndarray | None = None, item_ids: np.ndarray | None = None
) -> Ratings:
    raw_users = table[:, 0].astype(np.int64)
    raw_items = table[:, 1].astype(np.int64)
    if user_ids is None:
        user_ids, users = np.unique(raw_users, return_inverse=True)
    else:
        users = np.searchsorted(user_ids, raw_users)
    if item_ids is None:
        item_ids, items = np.unique(raw_items, return_inverse=True)
    else:
        items = np.searchsorted(item_ids, raw_items)
    return Ratings(
        users=users.astype(np.int64),
        items=items.astype(np.int64),
        ratings=table[:, 2].copy(),
        timestamps=table[:, 3].astype(np.int64),
        user_ids=user_ids,
        item_ids=item_ids,
    )


# ---------------------------------------------------------------------------------------------
# Metrics


def recall_at_k(scores: np.ndarray, heldout: sp.csr_matrix, k: int) -> np.ndarray:
    """Per-user Recall@k with Liang's normalisation: hits in the top k / min(k, #held-out)."""
    top = _top_k(scores, k)
    truth = (heldout > 0).toarray()
    hits = np.take_along_axis(truth, top, axis=1).sum(axis=1)
    n_true = truth.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = hits / np.minimum(k, n_true)
    return np.where(n_true > 0, out, np.nan)


def ndcg_at_k(scores: np.ndarray, heldout: sp.csr_matrix, k: int) -> np.ndarray:
    """Per-user truncated NDCG@k: binary gains, log2 discount, ideal of min(k, #held-out) hits."""
    top = _top_k(scores, k)
    truth = (heldout > 0).toarray()
    discounts = 1.0 / np.log2(np.arange(2, top.shape[1] + 2))
    dcg = (np.take_along_axis(truth, top, axis=1) * discounts).sum(axis=1)
    n_true = truth.sum(axis=1)
    cumulative = np.concatenate([[0.0], np.cumsum(1.0 / np.log2(np.arange(2, k + 2)))])
    idcg = cumulative[np.minimum(n_true, k)]
    with np.errstate(invalid="ignore", divide="ignore"):
        out = dcg / idcg
    return np.where(n_true > 0, out, np.nan)


def _top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest scores per row, best first (ties broken by item index)."""
    k = min(k, scores.shape[1])
    if k == 0:
        return np.zeros((scores.shape[0], 0), dtype=np.int64)
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    order = np.lexsort((part, -np.take_along_axis(scores, part, axis=1)), axis=1)
    return np.take_along_axis(part, order, axis=1)


# ---------------------------------------------------------------------------------------------
# Strong generalization split


@dataclass(frozen=True)
class StrongGeneralizationSplit:
    """Train matrix on training users plus fold-in / held-out matrices for val and test users."""

    train: sp.csr_matrix
    val_foldin: sp.csr_matrix
    val_heldout: sp.csr_matrix
    test_foldin: sp.csr_matrix
    test_heldout: sp.csr_matrix
    item_index: np.ndarray  # column -> index into Ratings.item_ids


def strong_generalization_split(
    data: Ratings,
    *,
    seed: int,
    heldout_fraction: float = 0.1,
    n_heldout_users: int | None = None,
    threshold: float = POSITIVE_THRESHOLD,
    min_positives: int = 5,
    heldout_items_fraction: float = 0.2,
) -> StrongGeneralizationSplit:
    """Split positives by user as in Liang et al. 2018 (see module docstring)."""
    pos = data.ratings >= threshold
    users, items, values = data.users[pos], data.items[pos], data.ratings[pos]
    counts = np.bincount(users, minlength=data.n_users)
    kept = np.flatnonzero(counts >= min_positives)
    if len(kept) < 3:
        raise ValueError(
            "fewer than 3 users have enough positives for a strong generalization split"
        )
    rng = np.random.default_rng(seed)
    kept = rng.permutation(kept)
    n_held = n_heldout_users if n_heldout_users is not None else round(heldout_fraction * len(kept))
    n_held = max(1, min(n_held, (len(kept) - 1) // 2))
    val_users, test_users, train_users = (
        kept[:n_held],
        kept[n_held : 2 * n_held],
        kept[2 * n_held :],
    )
    in_train = np.isin(users, train_users)
    item_index = np.unique(items[in_train])
    col_of = np.full(data.n_items, -1, dtype=np.int64)
    col_of[item_index] = np.arange(len(item_index))

    def matrix(mask: np.ndarray, rows: np.ndarray) -> sp.csr_matrix:
        row_of = np.full(data.n_users, -1, dtype=np.int64)
        row_of[rows] = np.arange(len(rows))
        cols = col_of[items[mask]]
        ok = cols >= 0
        return sp.csr_matrix(
            (values[mask][ok], (row_of[users[mask]][ok], cols[ok])),
            shape=(len(rows), len(item_index)),
        )

    train = matrix(in_train, np.sort(train_users))

    def foldin_heldout(group: np.ndarray) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        full = matrix(np.isin(users, group), group).tocsr()
        full.sort_indices()
        fold_rows, fold_cols, fold_vals, held_rows, held_cols, held_vals = [], [], [], [], [], []
        for row in range(full.shape[0]):
            start, stop = full.indptr[row], full.indptr[row + 1]
            cols, vals = full.indices[start:stop], full.data[start:stop]
            n = len(cols)
            held = np.zeros(n, dtype=bool)
            if n >= 5:
                size = int(heldout_items_fraction * n)
                held[rng.choice(n, size=size, replace=False)] = True
            fold_rows.append(np.full((~held).sum(), row))
            fold_cols.append(cols[~held])
            fold_vals.append(vals[~held])
            held_rows.append(np.full(held.sum(), row))
            held_cols.append(cols[held])
            held_vals.append(vals[held])
        shape = full.shape

        def build(r: list, c: list, v: list) -> sp.csr_matrix:
            if not r:
                return sp.csr_matrix(shape)
            return sp.csr_matrix(
                (np.concatenate(v), (np.concatenate(r), np.concatenate(c))), shape=shape
            )

        return build(fold_rows, fold_cols, fold_vals), build(held_rows, held_cols, held_vals)

    val_foldin, val_heldout = foldin_heldout(val_users)
    test_foldin, test_heldout = foldin_heldout(test_users)
    return StrongGeneralizationSplit(
        train, val_foldin, val_heldout, test_foldin, test_heldout, item_index
    )


def ranking_metrics(
    ranker: Ranker, foldin: sp.csr_matrix, heldout: sp.csr_matrix
) -> dict[str, float]:
    """Recall@20, Recall@50 and NDCG@100 of a fitted ranker, averaged over evaluable users."""
    keep = np.asarray(heldout.getnnz(axis=1) > 0)
    foldin, heldout = foldin[keep], heldout[keep]
    scores = np.array(ranker.score(foldin), dtype=np.float64)
    if scores.shape != foldin.shape:
        raise ValueError(f"ranker returned scores of shape {scores.shape}, expected {foldin.shape}")
    scores[foldin.nonzero()] = -np.inf
    return {
        "recall@20": float(np.mean(recall_at_k(scores, heldout, 20))),
        "recall@50": float(np.mean(recall_at_k(scores, heldout, 50))),
        "ndcg@100": float(np.mean(ndcg_at_k(scores, heldout, 100))),
    }


@dataclass
class RankingResult:
    """Top-N metrics per seed, with their mean and standard deviation over seeds."""

    seeds: list[int]
    per_seed: list[dict[str, float]]
    fit_seconds: list[float]
    mean: dict[str, float] = field(default_factory=dict)
    std: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.per_seed and not self.mean:
            for key in self.per_seed[0]:
                values = np.array([m[key] for m in self.per_seed])
                self.mean[key] = float(values.mean())
                self.std[key] = float(values.std())


def evaluate_ranker(
    make_ranker: Callable[[], Ranker],
    data: Ratings,
    *,
    seeds: Sequence[int] = (0, 1, 2),
    heldout_fraction: float = 0.1,
    on: str = "test",
) -> RankingResult:
    """Run the strong-generalization protocol for several user splits (seeds)."""
    if on not in ("test", "validation"):
        raise ValueError("on must be 'test' or 'validation'")
    per_seed, fit_seconds = [], []
    for seed in seeds:
        split = strong_generalization_split(data, seed=seed, heldout_fraction=heldout_fraction)
        start = time.perf_counter()
        ranker = make_ranker().fit(split.train)
        fit_seconds.append(time.perf_counter() - start)
        if on == "test":
            per_seed.append(ranking_metrics(ranker, split.test_foldin, split.test_heldout))
        else:
            per_seed.append(ranking_metrics(ranker, split.val_foldin, split.val_heldout))
    return RankingResult(list(seeds), per_seed, fit_seconds)


# ---------------------------------------------------------------------------------------------
# Rating prediction


def rating_folds(
    folder: str | Path, *, n_folds: int = 5, seed: int = 0
) -> Iterator[tuple[str, Ratings, Ratings]]:
    """Yield (name, train, test) folds: ml-100k's u1..u5 when present, else random k-fold."""
    folder = Path(folder)
    data = load_movielens(folder)
    canonical = [folder / f"u{k}.base" for k in range(1, 6)]
    if all(p.is_file() and p.with_suffix(".test").is_file() for p in canonical):
        for base in canonical:
            train = _to_ratings(_read_table(base), data.user_ids, data.item_ids)
            test = _to_ratings(_read_table(base.with_suffix(".test")), data.user_ids, data.item_ids)
            yield base.stem, train, test
        return
    order = np.random.default_rng(seed).permutation(len(data))
    for k, test_idx in enumerate(np.array_split(order, n_folds)):
        mask = np.zeros(len(data), dtype=bool)
        mask[test_idx] = True
        yield f"fold{k + 1}", _subset(data, ~mask), _subset(data, mask)


def _subset(data: Ratings, mask: np.ndarray) -> Ratings:
    return Ratings(
        data.users[mask],
        data.items[mask],
        data.ratings[mask],
        data.timestamps[mask],
        data.user_ids,
        data.item_ids,
    )


@dataclass
class RatingResult:
    """RMSE and MAE per fold with their means, plus fit+predict seconds per fold."""

    folds: list[str]
    rmse: list[float]
    mae: list[float]
    seconds: list[float]

    @property
    def mean_rmse(self) -> float:
        return float(np.mean(self.rmse)) if self.rmse else float("nan")

    @property
    def mean_mae(self) -> float:
        return float(np.mean(self.mae)) if self.mae else float("nan")


def evaluate_rating_predictor(
    make_predictor: Callable[[], RatingPredictor], folder: str | Path
) -> RatingResult:
    """k-fold RMSE/MAE of a rating predictor on a MovieLens folder."""
    names, rmses, maes, secs = [], [], [], []
    for name, train, test in rating_folds(folder):
        start = time.perf_counter()
        model = make_predictor().fit(train.users, train.items, train.ratings)
        pred = np.asarray(model.predict(test.users, test.items), dtype=np.float64)
        secs.append(time.perf_counter() - start)
        err = pred - test.ratings
        names.append(name)
        rmses.append(float(np.sqrt(np.mean(err**2))))
        maes.append(float(np.mean(np.abs(err))))
    return RatingResult(names, rmses, maes, secs)


# ---------------------------------------------------------------------------------------------
# Both at once


@dataclass
class EvaluationResult:
    """Everything ``evaluate_folder`` measured; ``to_dict()`` is JSON-serialisable."""

    dataset: str
    n_users: int
    n_items: int
    n_ratings: int
    ranking: RankingResult | None
    rating: RatingResult | None

    def to_dict(self) -> dict:
        out = asdict(self)
        if self.rating is not None:
            out["rating"]["mean_rmse"] = self.rating.mean_rmse
            out["rating"]["mean_mae"] = self.rating.mean_mae
        return out


def evaluate_folder(
    folder: str | Path,
    *,
    seeds: Sequence[int] = (0, 1, 2),
    heldout_fraction: float = 0.1,
    make_ranker: Callable[[], Ranker] | None = None,
    make_predictor: Callable[[], RatingPredictor] | None = None,
    ranking: bool = True,
    rating: bool = True,
) -> EvaluationResult:
    """Evaluate the default (or given) ranker and rating predictor on a MovieLens folder."""
    from recommend.defaults import default_ranker, default_rating_predictor

    folder = Path(folder)
    data = load_movielens(folder)
    ranking_result = (
        evaluate_ranker(
            make_ranker or default_ranker, data, seeds=seeds, heldout_fraction=heldout_fraction
        )
        if ranking
        else None
    )
    rating_result = (
        evaluate_rating_predictor(make_predictor or default_rating_predictor, folder)
        if rating
        else None
    )
    return EvaluationResult(
        dataset=folder.name,
        n_users=data.n_users,
        n_items=data.n_items,
        n_ratings=len(data),
        ranking=ranking_result,
        rating=rating_result,
    )
