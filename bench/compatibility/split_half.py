"""Does a compatibility score predict how alike two readers will be on films it has not seen?

Split-half test on ml-latest-small: sample pairs of users with at least 4 films in common, split
each pair's shared films at random into half A and half B, score the pair from everything except
half B, and measure how alike the two actually are on half B. Reports the Spearman correlation
between score and half-B agreement across pairs, for Criticker's TCI and for ours, over all pairs
and over those with fewer than 10 films in half A. Run from the repo root:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \\
        .venv/bin/python bench/compatibility/split_half.py

``--calibrate`` estimates ``CompatibilityConfig``'s constants instead, on another sample of pairs
(another seed), and prints them.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.special import ndtri
from scipy.stats import spearmanr
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from recommend import CompatibilityConfig, compatibility, default_rating_predictor, tci  # noqa: E402
from recommend.compatibility import percentiles, predicted_agreement  # noqa: E402

DATA = Path(os.environ.get("MARQUEE_DATA", ROOT / ".." / "shared" / "data"))
FOLDS = 5
SMALL = 10  # "few shared films": fewer than this many in half A
BOOTSTRAP = 200  # resamples of pairs for the confidence interval of the gain over TCI


@dataclass
class Pair:
    a: int
    b: int
    half_a: list[int]
    half_b: list[int]
    fold: int


def load(data_dir: Path) -> dict[int, dict[int, float]]:
    path = data_dir / "ml-latest-small" / "ratings.csv"
    table = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0, 1, 2))
    users, items, stars = table[:, 0].astype(int), table[:, 1].astype(int), table[:, 2]
    readers: dict[int, dict[int, float]] = {}
    for user, item, rating in zip(users.tolist(), items.tolist(), stars.tolist(), strict=True):
        readers.setdefault(user, {})[item] = rating
    return readers


def sample_pairs(readers: dict[int, dict[int, float]], count: int, seed: int) -> list[Pair]:
    """``count`` random pairs with at least 4 shared films, each split in two random halves."""
    rng = np.random.default_rng(seed)
    ids = sorted(readers)
    columns = {item: n for n, item in enumerate(sorted({i for r in readers.values() for i in r}))}
    rows = [n for n, user in enumerate(ids) for _ in readers[user]]
    cols = [columns[item] for user in ids for item in readers[user]]
    rated = sp.csr_matrix((np.ones(len(rows)), (rows, cols)))
    overlap = (rated @ rated.T).toarray()
    first, second = np.triu_indices(len(ids), 1)
    eligible = np.flatnonzero(overlap[first, second] >= 4)
    pairs = []
    for n, index in enumerate(rng.choice(eligible, size=count, replace=False)):
        a, b = ids[first[index]], ids[second[index]]
        shared = np.array(sorted(readers[a].keys() & readers[b].keys()))
        rng.shuffle(shared)
        half = len(shared) // 2
        pairs.append(Pair(a, b, sorted(shared[:half]), sorted(shared[half:]), n % FOLDS))
    return pairs


def fit_models(readers: dict[int, dict[int, float]], pairs: list[Pair]) -> list:
    """One predictor per fold, trained without that fold's half-B ratings (both readers')."""
    models = []
    for fold in tqdm(range(FOLDS), desc="fitting predictors"):
        hidden = {(p.a, i) for p in pairs if p.fold == fold for i in p.half_b}
        hidden |= {(p.b, i) for p in pairs if p.fold == fold for i in p.half_b}
        triples = [
            (user, item, stars)
            for user, ratings in readers.items()
            for item, stars in ratings.items()
            if (user, item) not in hidden
        ]
        u, i, r = (np.array(column) for column in zip(*triples, strict=True))
        models.append(default_rating_predictor().fit(u, i, r))
    return models


def without(ratings: dict[int, float], films: list[int]) -> dict[int, float]:
    hidden = set(films)
    return {item: stars for item, stars in ratings.items() if item not in hidden}


def half_b_agreement(readers: dict[int, dict[int, float]], pair: Pair) -> dict[str, float]:
    """How alike the two are on half B: three measures (higher = more alike)."""
    ra, rb = readers[pair.a], readers[pair.b]
    pa, pb = percentiles(ra), percentiles(rb)
    sa = np.array([ra[i] for i in pair.half_b])
    sb = np.array([rb[i] for i in pair.half_b])
    pearson = math.nan
    if len(sa) >= 3 and sa.std() > 0 and sb.std() > 0:
        pearson = float(np.corrcoef(sa, sb)[0, 1])
    return {
        "percentile": -float(np.mean([abs(pa[i] - pb[i]) for i in pair.half_b])),
        "stars": -float(np.mean(np.abs(sa - sb))),
        "pearson": pearson,
    }


def per_film_agreement(ha: dict[int, float], hb: dict[int, float], films: list[int]) -> np.ndarray:
    pa, pb = percentiles(ha), percentiles(hb)
    return np.array([1.0 - 1.5 * abs(pa[i] - pb[i]) for i in films])


def calibrate(readers: dict[int, dict[int, float]], pairs: list[Pair], models: list) -> None:
    """Method-of-moments estimates of the normal-normal model's constants.

    The noise in the two halves is independent, so the covariance of half-A and half-B
    agreement across pairs is the variance of the pairs' true agreement; regressing half-B
    agreement on what the scorer sees gives each prior's mean, and the covariance of the
    two halves' residuals what that prior leaves unexplained.
    """
    cfg = CompatibilityConfig()
    seen, unseen, predicted, overlap, spread = [], [], [], [], []
    for pair in tqdm(pairs, desc="calibrating"):
        ha, hb = without(readers[pair.a], pair.half_b), without(readers[pair.b], pair.half_b)
        films_a = per_film_agreement(ha, hb, pair.half_a)
        films_b = per_film_agreement(readers[pair.a], readers[pair.b], pair.half_b)
        seen.append(films_a.mean())
        unseen.append(films_b.mean())
        spread += [films_a - films_a.mean(), films_b - films_b.mean()]
        union = len(ha.keys() | hb.keys())
        overlap.append(math.sqrt(len(pair.half_a) / (union + cfg.overlap_films)))
        model = models[pair.fold]
        predicted.append(predicted_agreement(model, ha, hb, reference_films=cfg.reference_films))
    seen, unseen, predicted, overlap = map(np.array, (seen, unseen, predicted, overlap))
    residuals = np.concatenate(spread)
    film_var = float(residuals @ residuals / (len(residuals) - 2 * len(pairs)))

    def prior(*features: np.ndarray) -> tuple[np.ndarray, float]:
        design = np.column_stack([np.ones(len(seen)), *features])
        coef = np.linalg.lstsq(design, unseen, rcond=None)[0]
        fitted = design @ coef
        left = float(np.cov(seen - fitted, unseen - fitted)[0, 1])
        return coef, math.sqrt(max(left, 1e-6))

    ok = np.isfinite(predicted)
    if not ok.all():
        raise SystemExit(f"{np.sum(~ok)} pairs have no predictor view; cannot calibrate")
    (intercept, slope), sd = prior(overlap)
    (m_intercept, m_slope, m_overlap), m_sd = prior(predicted, overlap)
    print("CompatibilityConfig(")
    print(f"    population_mean={unseen.mean():.3f},")
    print(f"    population_sd={math.sqrt(max(float(np.cov(seen, unseen)[0, 1]), 1e-6)):.3f},")
    print(f"    film_sd={math.sqrt(film_var):.3f},")
    print(f"    overlap_intercept={intercept:.3f},")
    print(f"    overlap_slope={slope:.3f},")
    print(f"    overlap_residual_sd={sd:.3f},")
    print(f"    model_intercept={m_intercept:.3f},")
    print(f"    model_slope={m_slope:.3f},")
    print(f"    model_overlap_slope={m_overlap:.3f},")
    print(f"    model_residual_sd={m_sd:.3f},")
    print(")")


def evaluate(
    readers: dict[int, dict[int, float]], pairs: list[Pair], models: list, ablation: bool
) -> None:
    cfg = CompatibilityConfig()
    scores: dict[str, list[float]] = {"TCI": [], "ours, no predictor": [], "ours": []}
    if ablation:
        scores["predictor alone"] = []
    targets: dict[str, list[float]] = {"percentile": [], "stars": [], "pearson": []}
    covered = []
    for pair in tqdm(pairs, desc="scoring pairs"):
        ha, hb = without(readers[pair.a], pair.half_b), without(readers[pair.b], pair.half_b)
        model = models[pair.fold]
        ours = compatibility(ha, hb, model)
        scores["TCI"].append(tci(ha, hb))
        scores["ours, no predictor"].append(compatibility(ha, hb).score)
        scores["ours"].append(ours.score)
        if ablation:
            scores["predictor alone"].append(predicted_agreement(model, ha, hb))
        for name, value in half_b_agreement(readers, pair).items():
            targets[name].append(value)
        covered.append(interval_covers(ours, readers, pair, cfg))
    size = np.array([len(p.half_a) for p in pairs])
    subsets = {"all": np.ones(len(pairs), bool), f"<{SMALL}": size < SMALL}
    columns = [(t, s) for t in targets for s in subsets]
    print(f"\n{len(pairs)} pairs, {np.sum(size < SMALL)} with fewer than {SMALL} films in half A")
    print("\nSpearman correlation of the score (half A) with agreement on half B:\n")
    print("| score | " + " | ".join(f"{t}, {s}" for t, s in columns) + " |")
    print("| --- |" + " ---: |" * len(columns))
    rng = np.random.default_rng(0)
    resamples = [rng.integers(0, len(pairs), len(pairs)) for _ in range(BOOTSTRAP)]
    for name, values in scores.items():
        cells = [f"{spearman(values, targets[t], subsets[s]):.3f}" for t, s in columns]
        print(f"| {name} | " + " | ".join(cells) + " |")
    for name in [n for n in scores if n != "TCI"]:
        cells = []
        for t, s in columns:
            args = (scores[name], scores["TCI"], targets[t], subsets[s])
            low, high = np.percentile([gain(*args, take) for take in resamples], [5, 95])
            cells.append(f"{low:+.3f}..{high:+.3f}")
        print(f"| {name} - TCI, 90% CI | " + " | ".join(cells) + " |")
    pearson_pairs = int(np.isfinite(targets["pearson"]).sum())
    print(f"\nPearson is defined for {pearson_pairs} pairs (3+ films in half B, not all equal)")
    print(f"80% interval, predictive check on half B: {np.mean(covered):.1%} covered")


def gain(ours, baseline, target, subset: np.ndarray, take: np.ndarray) -> float:
    """Spearman of ours minus the baseline's on one bootstrap resample of the pairs."""
    target, subset = np.asarray(target)[take], subset[take]
    return spearman(np.asarray(ours)[take], target, subset) - spearman(
        np.asarray(baseline)[take], target, subset
    )


def spearman(score, target, subset: np.ndarray) -> float:
    score, target = np.asarray(score), np.asarray(target)
    ok = subset & np.isfinite(score) & np.isfinite(target)
    return float(spearmanr(score[ok], target[ok])[0])


def interval_covers(result, readers, pair: Pair, cfg: CompatibilityConfig) -> bool:
    """Is the half-B percentile agreement inside the 80% predictive interval implied by the
    posterior (its spread plus the noise of len(half B) films)?"""

    def agreement(score: float) -> float:
        share = min(max(score / 100.0, 1e-12), 1 - 1e-12)
        return cfg.population_mean + cfg.population_sd * float(ndtri(share))

    mean = agreement(result.score)
    sd = (agreement(result.high) - agreement(result.low)) / (2 * 1.2815515655446004)
    spread = math.sqrt(sd**2 + cfg.film_sd**2 / len(pair.half_b))
    unseen = per_film_agreement(readers[pair.a], readers[pair.b], pair.half_b).mean()
    return abs(unseen - mean) <= 1.2815515655446004 * spread


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--pairs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--calibrate", action="store_true", help="estimate the constants")
    parser.add_argument("--ablation", action="store_true", help="also score the predictor alone")
    args = parser.parse_args()
    started = time.perf_counter()
    readers = load(args.data_dir)
    # Calibration and evaluation use different samples of pairs and splits.
    seed = args.seed + 1 if args.calibrate else args.seed
    pairs = sample_pairs(readers, args.pairs, seed)
    models = fit_models(readers, pairs)
    if args.calibrate:
        calibrate(readers, pairs, models)
    else:
        evaluate(readers, pairs, models, args.ablation)
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
