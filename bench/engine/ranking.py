"""Top-N benchmark on ml-latest-small: strong generalization (Liang et al. 2018), several seeds.

Every model is tuned on the validation users of the first ``--tune-seeds`` splits and reported
on the test users of all ``--seeds`` splits (mean +- std over splits). Run from the repo root:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python bench/engine/ranking.py
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from recommend import (  # noqa: E402
    EASE,
    EASEConfig,
    ImplicitALS,
    ImplicitALSConfig,
    ItemKNN,
    ItemKNNConfig,
    Popularity,
    RidgeAutoencoder,
    RidgeAutoencoderConfig,
    default_ranker,
)
from recommend.evaluate import (  # noqa: E402
    load_movielens,
    ranking_metrics,
    strong_generalization_split,
)

METRICS = ("recall@20", "recall@50", "ndcg@100")


class ImplicitLibraryALS:
    """Adapter for implicit's CPU AlternatingLeastSquares; fold-in by recalculate_user."""

    def __init__(self, factors: int, regularization: float, alpha: float) -> None:
        self.params = {"factors": factors, "regularization": regularization, "alpha": alpha}

    def fit(self, train):
        from implicit.cpu.als import AlternatingLeastSquares

        x = train.copy().astype(np.float32)
        x.data[:] = 1.0
        self.model = AlternatingLeastSquares(
            **self.params, iterations=15, random_state=0, calculate_training_loss=False
        )
        self.model.fit(x, show_progress=False)
        return self

    def score(self, histories):
        h = histories.copy().astype(np.float32)
        h.data[:] = 1.0
        users = self.model.recalculate_user(np.arange(h.shape[0]), h)
        return np.asarray(users @ self.model.item_factors.T, dtype=np.float64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--tune-seeds", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="smaller tuning grids")
    args = parser.parse_args()

    from threadpoolctl import threadpool_limits

    data = load_movielens(args.data_dir / "ml-latest-small")
    splits = [strong_generalization_split(data, seed=s) for s in range(args.seeds)]
    tune_splits = splits[: args.tune_seeds]
    print(
        f"ml-latest-small: {data.n_users} users, {data.n_items} items; train matrix "
        f"{splits[0].train.shape}, {len(splits[0].val_foldin.indptr) - 1} validation and "
        f"{len(splits[0].test_foldin.indptr) - 1} test users per split; {args.seeds} splits",
        flush=True,
    )

    def validate(make: Callable) -> float:
        scores = []
        for split in tune_splits:
            model = make().fit(split.train)
            scores.append(ranking_metrics(model, split.val_foldin, split.val_heldout)["ndcg@100"])
        return float(np.mean(scores))

    def tune(name: str, grid: dict, build: Callable) -> tuple[dict, Callable]:
        best, best_params = -1.0, {}
        for values in itertools.product(*grid.values()):
            params = dict(zip(grid, values, strict=True))
            score = validate(lambda params=params: build(**params))
            print(f"  tune {name} {params}: val NDCG@100 {score:.4f}", flush=True)
            if score > best:
                best, best_params = score, params
        return best_params, lambda: build(**best_params)

    def report(make: Callable) -> dict:
        per_split, fit_s = [], []
        for split in splits:
            start = time.perf_counter()
            model = make().fit(split.train)
            fit_s.append(time.perf_counter() - start)
            per_split.append(ranking_metrics(model, split.test_foldin, split.test_heldout))
        out = {m: np.array([p[m] for p in per_split]) for m in METRICS}
        out["fit"] = np.array(fit_s)
        return out

    quick = args.quick
    candidates: list[tuple[str, dict, Callable]] = [
        ("popularity", {}, lambda: Popularity()),
        (
            "item-kNN (cosine)",
            {"neighbours": [50, 200] if quick else [20, 50, 100, 200]},
            lambda neighbours: ItemKNN(ItemKNNConfig(neighbours=neighbours)),
        ),
        (
            "EASE",
            {"l2": [100, 300] if quick else [50, 100, 200, 400, 800]},
            lambda l2: EASE(EASEConfig(l2=l2)),
        ),
        (
            "EDLAE (EASE + dropout emphasis)",
            {"l2": [50], "dropout": [0.25, 0.5]},
            lambda l2, dropout: EASE(EASEConfig(l2=l2, dropout=dropout)),
        ),
        (
            "ridge autoencoder (no zero diagonal)",
            {"l2": [100, 200, 400] if quick else [100, 150, 200, 300, 400]},
            lambda l2: RidgeAutoencoder(RidgeAutoencoderConfig(l2=l2)),
        ),
        (
            "ALS (ours, CG)",
            {"factors": [64, 128], "reg": [10.0, 30.0], "alpha": [5.0]},
            lambda factors, reg, alpha: ImplicitALS(
                ImplicitALSConfig(factors=factors, reg=reg, alpha=alpha)
            ),
        ),
        (
            "implicit AlternatingLeastSquares (CPU)",
            {
                "factors": [64, 128],
                "regularization": [1.0, 10.0, 30.0],
                "alpha": [5.0, 20.0],
            },
            lambda factors, regularization, alpha: ImplicitLibraryALS(
                factors, regularization, alpha
            ),
        ),
        ("default_ranker()", {}, default_ranker),
    ]
    rows = []
    for name, grid, build in candidates:
        print(f"{name} ...", flush=True)
        # implicit runs its own threads; keep BLAS single-threaded inside it as it recommends.
        limit = 1 if name.startswith("implicit") else None
        with threadpool_limits(limits=limit, user_api="blas"):
            params, make = tune(name, grid, build) if grid else ({}, build)
            rows.append((name, params, report(make)))

    ease = next(r for n, _, r in rows if n == "EASE")["ndcg@100"].mean()
    print()
    print(
        f"Test users, {args.seeds} random user splits (mean ± std over splits); "
        f"tuned on validation users of {args.tune_seeds} splits."
    )
    print()
    print("| model | tuned | Recall@20 | Recall@50 | NDCG@100 | vs EASE | fit s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, params, res in rows:
        cells = [f"{res[m].mean():.4f} ± {res[m].std():.4f}" for m in METRICS]
        rel = (res["ndcg@100"].mean() / ease - 1) * 100
        tuned = ", ".join(f"{k}={v}" for k, v in params.items()) or "-"
        print(f"| {name} | {tuned} | {' | '.join(cells)} | {rel:+.1f}% | {res['fit'].mean():.2f} |")


if __name__ == "__main__":
    main()
