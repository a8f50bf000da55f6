"""Scale check on synthetic power-law data: 100,000 users, 20,000 items, 1,000,000 ratings.

Measures training time and peak memory of ``default_ranker()`` and
``default_rating_predictor()``, each in a fresh subprocess so their peaks are separate
(peak RSS from getrusage, peak Python/numpy allocations from tracemalloc). Run from the repo root:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python bench/engine/scale.py
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def synthetic(n_users: int, n_items: int, n_ratings: int, seed: int = 0):
    """Zipf-like item popularity and log-normal user activity; ratings from biases + taste."""
    rng = np.random.default_rng(seed)
    item_p = 1.0 / np.arange(1, n_items + 1) ** 0.9
    item_p /= item_p.sum()
    user_p = rng.lognormal(0, 1.0, n_users)
    user_p /= user_p.sum()
    users = rng.choice(n_users, size=int(n_ratings * 1.1), p=user_p)
    items = rng.choice(n_items, size=len(users), p=item_p)
    pairs = np.unique(users.astype(np.int64) * n_items + items)[:n_ratings]
    rng.shuffle(pairs)
    users, items = pairs // n_items, pairs % n_items
    taste_u = rng.normal(size=(n_users, 4))
    taste_i = rng.normal(size=(n_items, 4))
    raw = (
        3.5
        + 0.5 * np.einsum("ij,ij->i", taste_u[users], taste_i[items])
        + rng.normal(0, 0.8, len(users))
    )
    ratings = np.clip(np.round(raw * 2) / 2, 0.5, 5.0)
    return users, items, ratings


def run_part(part: str, n_users: int, n_items: int, n_ratings: int) -> dict:
    import recommend

    users, items, ratings = synthetic(n_users, n_items, n_ratings)
    tracemalloc.start()
    start = time.perf_counter()
    if part == "ranker":
        train = sp.csr_matrix((ratings, (users, items)), shape=(n_users, n_items))
        model = recommend.default_ranker().fit(train)
        fit_s = time.perf_counter() - start
        t = time.perf_counter()
        scores = model.score(train[:1000])
        extra = {
            "model": type(model.model_).__name__,
            "score_1000_users_s": time.perf_counter() - t,
            "finite": bool(np.isfinite(scores).all()),
        }
    else:
        model = recommend.default_rating_predictor().fit(users, items, ratings)
        fit_s = time.perf_counter() - start
        t = time.perf_counter()
        pred = model.predict(users[:100_000], items[:100_000])
        extra = {
            "components": [type(m).__name__ for m in model.models_],
            "predict_100k_s": time.perf_counter() - t,
            "finite": bool(np.isfinite(pred).all()),
        }
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "part": part,
        "ratings": len(ratings),
        "fit_s": fit_s,
        "tracemalloc_peak_mb": peak / 2**20,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **extra,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=ROOT.parent / "shared" / "data",
        help="unused: the data is synthetic (kept for a uniform interface)",
    )
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--ratings", type=int, default=1_000_000)
    parser.add_argument("--part", choices=["ranker", "predictor"])
    args = parser.parse_args()
    if args.part:
        print(json.dumps(run_part(args.part, args.users, args.items, args.ratings)))
        return
    rows = []
    for part in ("ranker", "predictor"):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--part",
                part,
                "--users",
                str(args.users),
                "--items",
                str(args.items),
                "--ratings",
                str(args.ratings),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(rows[-1], flush=True)
    print()
    print(f"Synthetic: {args.users:,} users, {args.items:,} items, {rows[0]['ratings']:,} ratings")
    print()
    print("| model | what it fitted | fit s | peak RSS MB | tracemalloc peak MB | notes |")
    print("| --- | --- | --- | --- | --- | --- |")
    r, p = rows
    print(
        f"| default_ranker() | {r['model']} | {r['fit_s']:.1f} | {r['max_rss_mb']:.0f} | "
        f"{r['tracemalloc_peak_mb']:.0f} | "
        f"scoring 1,000 histories {r['score_1000_users_s']:.1f} s |"
    )
    print(
        f"| default_rating_predictor() | {' + '.join(p['components'])} | {p['fit_s']:.1f} | "
        f"{p['max_rss_mb']:.0f} | {p['tracemalloc_peak_mb']:.0f} | "
        f"predicting 100,000 pairs {p['predict_100k_s']:.1f} s |"
    )


if __name__ == "__main__":
    main()
