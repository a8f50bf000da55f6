"""Test-film elicitation benchmark on ml-latest-small (offline protocol of Rashid et al. 2002).

Held-out readers are asked about films one at a time by each strategy; the simulated reader
answers with their real rating if they rated the film, else "haven't seen it". After 5, 10 and
20 proposals the session ranks and predicts the reader's evaluation films. Two protocols:

* ``remaining`` (the issue's): the evaluation films are the reader's rated films not yet asked;
* ``half``: each reader's ratings are split once, at random, into an answer half and a test
  half; only answer-half films are answered, test films are never proposed (a proposal of one
  is silently withdrawn) and the metrics are on the test half. Every strategy then faces the
  same evaluation films, so asking about a film cannot remove it from the evaluation.

Both scorers are read from the same session: ``taste`` (``session.scores()``) and ``ratings``
(``session.predicted_ratings()``, the stars alone). Run from the repository root:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \\
        .venv/bin/python bench/elicitation/run.py
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from recommend.elicit import STRATEGIES, ElicitationSession, Elicitor  # noqa: E402
from recommend.evaluate import load_movielens  # noqa: E402

CHECKPOINTS = (5, 10, 20)
K = 10
DISCOUNT = 1.0 / np.log2(np.arange(2, K + 2))
HEADER = "| strategy | scorer | proposals | NDCG@10 rated | NDCG@10 catalogue | RMSE | answered |"


def ndcg_rated(scores: np.ndarray, stars: np.ndarray) -> float:
    """NDCG@10 of the reader's own evaluation films ranked by ``scores``; gain = true stars."""
    order = np.argsort(-scores, kind="stable")[:K]
    ideal = np.sort(stars)[::-1][:K]
    return float(
        (stars[order] * DISCOUNT[: len(order)]).sum() / (ideal * DISCOUNT[: len(ideal)]).sum()
    )


def ndcg_catalogue(scores: np.ndarray, films: np.ndarray, stars: np.ndarray) -> float:
    """NDCG@10 over every candidate film (``scores`` is -inf for excluded ones); gain = stars of
    the reader's evaluation films, 0 for any other film."""
    gain = np.zeros(len(scores))
    gain[films] = stars
    top = np.argpartition(-scores, K - 1)[:K]
    top = top[np.argsort(-scores[top], kind="stable")]
    ideal = np.sort(stars)[::-1][:K]
    return float((gain[top] * DISCOUNT).sum() / (ideal * DISCOUNT[: len(ideal)]).sum())


def measure(
    session: ElicitationSession, films: np.ndarray, stars: np.ndarray, hidden: np.ndarray
) -> dict[str, float]:
    """Both scorers' metrics on the evaluation films; ``hidden``: films left out of the ranking."""
    asked = np.array([i for i, _ in session.answers], dtype=np.int64)
    predicted = session.predicted_ratings()
    out = {
        "sq": float(((predicted[films] - stars) ** 2).sum()),
        "n": float(len(films)),
        "answered": float(sum(r is not None for _, r in session.answers)),
    }
    for name, scores in (("taste", session.scores()), ("ratings", predicted)):
        ranked = scores.astype(np.float64).copy()
        ranked[asked] = -np.inf
        ranked[hidden] = -np.inf
        out[f"rated_{name}"] = ndcg_rated(scores[films], stars)
        out[f"catalogue_{name}"] = ndcg_catalogue(ranked, films, stars)
    return out


def simulate(
    elicitor: Elicitor,
    films: np.ndarray,
    stars: np.ndarray,
    protocol: str,
    rng: np.random.Generator,
) -> list[tuple[int, dict[str, float]]]:
    """One held-out reader's session under ``protocol``; metrics at each checkpoint."""
    if protocol == "half":
        test = rng.random(len(films)) < 0.5
        if not test.any() or test.all():
            return []
        answer_films, answer_stars = films[~test], stars[~test]
        eval_films, eval_stars = films[test], stars[test]
    else:
        answer_films, answer_stars = films, stars
    truth = dict(zip(answer_films.tolist(), answer_stars.tolist(), strict=True))
    withdrawn = set(eval_films.tolist()) if protocol == "half" else set()
    session = elicitor.start()
    rows = []
    for step in range(1, max(CHECKPOINTS) + 1):
        item = session.next_item()
        while item is not None and item in withdrawn:
            session.exclude(item)
            item = session.next_item()
        if item is not None:
            session.answer(item, truth.get(item))
        if step not in CHECKPOINTS:
            continue
        if protocol == "half":
            rows.append((step, measure(session, eval_films, eval_stars, answer_films)))
        else:
            asked = {i for i, _ in session.answers}
            keep = np.array([f not in asked for f in films.tolist()], dtype=bool)
            if keep.any():
                rows.append((step, measure(session, films[keep], stars[keep], films[:0])))
    return rows


def no_questions(
    elicitor: Elicitor, films: np.ndarray, stars: np.ndarray, rng: np.random.Generator
) -> dict[str, float] | None:
    """The "half" protocol's metrics before any answer (the population's ranking)."""
    test = rng.random(len(films)) < 0.5
    if not test.any() or test.all():
        return None
    return measure(elicitor.start(), films[test], stars[test], films[~test])


def split(n_users: int, share: float, seed: int) -> np.ndarray:
    """The held-out reader indices for one seed."""
    rng = np.random.default_rng(seed)
    return rng.choice(n_users, size=round(share * n_users), replace=False)


def summary(rows: list[dict[str, float]], scorer: str) -> tuple[float, float, float, float]:
    return (
        float(np.mean([r[f"rated_{scorer}"] for r in rows])),
        float(np.mean([r[f"catalogue_{scorer}"] for r in rows])),
        float(np.sqrt(sum(r["sq"] for r in rows) / sum(r["n"] for r in rows))),
        float(np.mean([r["answered"] for r in rows])),
    )


def paired_gain(
    ours: list[dict[str, float]], best: list[dict[str, float]], metric: str, seed: int = 0
) -> tuple[float, float, float]:
    """Relative gain of ``ours`` over ``best`` in mean ``metric`` over the same readers, with a
    90% bootstrap interval (readers resampled)."""
    theirs = {r["reader"]: r[metric] for r in best}
    pairs = np.array([(r[metric], theirs[r["reader"]]) for r in ours if r["reader"] in theirs])
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(pairs), size=(2000, len(pairs)))
    sampled = pairs[draws].mean(axis=1)
    ratios = sampled[:, 0] / sampled[:, 1] - 1
    low, high = np.percentile(ratios, [5, 95])
    return float(pairs[:, 0].mean() / pairs[:, 1].mean() - 1), float(low), float(high)


def report_gains(results: dict, protocols: list[str], strategies: list[str]) -> None:
    """Ours after 10 proposals against the best literature strategy, per metric and scorer."""
    baselines = [s for s in strategies if s != "ours"]
    if "ours" not in strategies or not baselines:
        return
    print(
        "\nours (taste scorer) after 10 proposals vs the best other strategy (90% bootstrap CI):\n"
    )
    for protocol in protocols:
        for metric in ("rated", "catalogue"):
            ours = results[(protocol, "ours", 10)]
            for scorer in ("taste", "ratings"):
                key = f"{metric}_{scorer}"
                best = max(
                    baselines, key=lambda s: np.mean([r[key] for r in results[(protocol, s, 10)]])
                )
                rows = [{**r, "x": r[f"{metric}_taste"]} for r in ours]
                other = [{**r, "x": r[key]} for r in results[(protocol, best, 10)]]
                gain, low, high = paired_gain(rows, other, "x")
                print(
                    f"| {protocol} | NDCG@10 {metric} | {best} with the {scorer} scorer "
                    f"| {gain:+.1%} ({low:+.1%} .. {high:+.1%}) |"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = os.environ.get("MARQUEE_SHARED_DATA", str(ROOT / ".." / "shared" / "data"))
    parser.add_argument("--data-dir", default=default_data)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--holdout", type=float, default=0.2)
    parser.add_argument("--readers", type=int, default=60, help="held-out readers per seed")
    parser.add_argument("--strategies", nargs="*", default=list(STRATEGIES))
    parser.add_argument("--protocols", nargs="*", default=["remaining", "half"])
    args = parser.parse_args()

    data = load_movielens(Path(args.data_dir) / "ml-latest-small")
    n_users, n_items = len(data.user_ids), len(data.item_ids)
    results: dict[tuple[str, str, int], list[dict[str, float]]] = defaultdict(list)
    before: list[dict[str, float]] = []
    fit_seconds: dict[str, list[float]] = defaultdict(list)
    click_seconds: list[float] = []
    started = time.perf_counter()
    for seed in range(args.seeds):
        held_out = split(n_users, args.holdout, seed)
        test = np.isin(data.users, held_out)
        train = sp.csr_matrix(
            (data.ratings[~test], (data.users[~test], data.items[~test])), shape=(n_users, n_items)
        )
        readers = held_out[: args.readers]
        by_reader = {int(u): np.flatnonzero(data.users == u) for u in readers}
        for strategy in args.strategies:
            clock = time.perf_counter()
            elicitor = Elicitor(strategy=strategy).fit(train)
            fit_seconds[strategy].append(time.perf_counter() - clock)
            for protocol in args.protocols:
                rng = np.random.default_rng([seed, 7])
                label = f"seed {seed} {strategy} {protocol}"
                for rows in tqdm(by_reader.values(), desc=label, leave=False):
                    clock = time.perf_counter()
                    found = simulate(elicitor, data.items[rows], data.ratings[rows], protocol, rng)
                    if strategy == "ours":
                        click_seconds.append((time.perf_counter() - clock) / max(CHECKPOINTS))
                    for step, row in found:
                        row["reader"] = seed * 1_000_000 + int(data.users[rows[0]])
                        results[(protocol, strategy, step)].append(row)
        rng = np.random.default_rng([seed, 7])
        elicitor = Elicitor().fit(train)
        for rows in by_reader.values():
            row = no_questions(elicitor, data.items[rows], data.ratings[rows], rng)
            if row is not None:
                before.append(row)

    print(
        f"{args.seeds} seeds x {min(args.readers, len(held_out))} held-out readers "
        f"({args.holdout:.0%} of {n_users} held out per seed); "
        f"{time.perf_counter() - started:.0f} s in all"
    )
    for protocol in args.protocols:
        print(f"\nprotocol: {protocol}\n")
        print(HEADER)
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        for strategy in args.strategies:
            for scorer in ("ratings", "taste"):
                for step in CHECKPOINTS:
                    rows = results[(protocol, strategy, step)]
                    if rows:
                        rated, catalogue, rmse, answered = summary(rows, scorer)
                        print(
                            f"| {strategy} | {scorer} | {step} | {rated:.4f} | {catalogue:.4f} "
                            f"| {rmse:.4f} | {answered:.2f} |"
                        )
    report_gains(results, args.protocols, args.strategies)
    print("\nno questions yet (half protocol):\n")
    for scorer in ("ratings", "taste"):
        rated, catalogue, rmse, _ = summary(before, scorer)
        print(f"| - | {scorer} | 0 | {rated:.4f} | {catalogue:.4f} | {rmse:.4f} | 0 |")
    fits = ", ".join(f"{s} {np.mean(v):.2f} s" for s, v in fit_seconds.items())
    print(f"\nfit: {fits}")
    if click_seconds:
        per_click = np.mean(click_seconds) * 1000
        print(f"ours, time per proposal + answer (a whole session / 20): {per_click:.1f} ms")


if __name__ == "__main__":
    main()
