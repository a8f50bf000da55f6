"""Rating-prediction benchmark on ml-100k's canonical u1..u5 splits: ours vs scikit-surprise.

Reports RMSE and MAE per model averaged over the five folds, and fit+predict seconds per fold,
all measured in this one process. Run from the repo root:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python bench/engine/rating.py
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from recommend import (  # noqa: E402
    BaselinePredictor,
    FactorConfig,
    FactorPredictor,
    NeighbourConfig,
    NeighbourPredictor,
    default_rating_predictor,
)
from recommend.evaluate import Ratings, rating_folds  # noqa: E402


class SurpriseAdapter:
    """Fits a scikit-surprise algorithm on our arrays through a temporary file."""

    def __init__(self, make: Callable) -> None:
        self.make = make

    def fit(self, users, items, ratings):
        from surprise import Dataset, Reader

        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as fh:
            for u, i, r in zip(users, items, ratings, strict=True):
                fh.write(f"{u}\t{i}\t{r}\n")
            path = fh.name
        reader = Reader(line_format="user item rating", sep="\t", rating_scale=(1, 5))
        trainset = Dataset.load_from_file(path, reader).build_full_trainset()
        Path(path).unlink()
        self.algo = self.make()
        self.algo.fit(trainset)
        return self

    def predict(self, users, items):
        return np.array(
            [self.algo.predict(str(u), str(i)).est for u, i in zip(users, items, strict=True)]
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--svdpp", action="store_true", help="also run surprise's SVD++ (slow)")
    args = parser.parse_args()

    from surprise import SVD, BaselineOnly, KNNBaseline, SVDpp

    folds: list[tuple[str, Ratings, Ratings]] = list(rating_folds(args.data_dir / "ml-100k"))
    models: list[tuple[str, Callable]] = [
        ("ours: baseline (shrunk biases)", BaselinePredictor),
        ("ours: item kNN-baseline", NeighbourPredictor),
        (
            "ours: ALS factors (k=10)",
            lambda: FactorPredictor(FactorConfig(factors=10, reg=0.1, implicit=False)),
        ),
        (
            "ours: kNN-baseline, all rated neighbours",
            lambda: NeighbourPredictor(NeighbourConfig(selection="all")),
        ),
        ("ours: default_rating_predictor() (blend)", default_rating_predictor),
        ("surprise BaselineOnly", lambda: SurpriseAdapter(lambda: BaselineOnly(verbose=False))),
        ("surprise SVD", lambda: SurpriseAdapter(lambda: SVD(random_state=0))),
        ("surprise KNNBaseline", lambda: SurpriseAdapter(lambda: KNNBaseline(verbose=False))),
    ]
    if args.svdpp:
        models.append(("surprise SVD++", lambda: SurpriseAdapter(lambda: SVDpp(random_state=0))))

    print(f"folds: {', '.join(name for name, _, _ in folds)}", flush=True)
    rows = []
    for name, make in models:
        rmse, mae, secs = [], [], []
        for _, train, test in folds:
            # Pass the ids from the files, as the site would.
            tu, ti = train.user_ids[train.users], train.item_ids[train.items]
            su, si = test.user_ids[test.users], test.item_ids[test.items]
            start = time.perf_counter()
            pred = make().fit(tu, ti, train.ratings).predict(su, si)
            secs.append(time.perf_counter() - start)
            err = np.asarray(pred) - test.ratings
            rmse.append(float(np.sqrt(np.mean(err**2))))
            mae.append(float(np.mean(np.abs(err))))
        rows.append((name, rmse, mae, secs))
        print(f"  {name}: RMSE {np.mean(rmse):.4f} ({np.mean(secs):.2f} s/fold)", flush=True)

    print()
    print("| model | RMSE (mean u1..u5) | MAE | RMSE per fold | fit+predict s/fold |")
    print("| --- | --- | --- | --- | --- |")
    for name, rmse, mae, secs in rows:
        per_fold = " ".join(f"{v:.4f}" for v in rmse)
        print(
            f"| {name} | {np.mean(rmse):.4f} | {np.mean(mae):.4f} | {per_fold} | "
            f"{np.mean(secs):.2f} |"
        )


if __name__ == "__main__":
    main()
