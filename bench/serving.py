"""Serving speed of "Should you watch it?" and "For you" on a synthetic site.

    .venv/bin/python bench/serving.py                  # 10,000 films, 2,000 readers
    .venv/bin/python bench/serving.py --films 2000 --readers 500 --requests 100

Builds a throwaway SQLite site (MARQUEE_DATA_DIR in a temporary folder), fills it with
power-law ratings, trains the models with `marquee train`'s service, then times the two reads
the site serves for a signed-in reader, each as a page view does it (database reads of the
reader's ratings, fold-in, scoring, and the film rows shown):

* ``should_watch_for(reader, film)``: one prediction with its reasons (target p95 < 10 ms);
* ``recommendations_for(reader, n=50)``: top 50 over every film (target p95 < 50 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setup_django(data_dir: str) -> None:
    os.environ["MARQUEE_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _fill(films: int, readers: int, per_reader: int, seed: int) -> None:
    import numpy as np
    from django.utils import timezone

    from marquee.accounts.models import User
    from marquee.catalog.matching import title_match_key
    from marquee.catalog.models import Film
    from marquee.readers.models import Rating

    rng = np.random.default_rng(seed)
    Film.objects.bulk_create(
        [
            Film(
                title=f"Film {n}",
                year=1950 + n % 70,
                slug=f"film-{n}",
                match_key=title_match_key(f"Film {n}"),
            )
            for n in range(films)
        ],
        batch_size=2000,
    )
    User.objects.bulk_create(
        [User(username=f"reader{n}", password="!") for n in range(readers)], batch_size=2000
    )
    film_ids = np.array(Film.objects.order_by("pk").values_list("pk", flat=True))
    user_ids = np.array(User.objects.order_by("pk").values_list("pk", flat=True))
    popularity = 1 / np.arange(1, films + 1) ** 0.8
    popularity /= popularity.sum()
    taste = rng.normal(size=(readers, 4))
    traits = rng.normal(size=(films, 4))
    now = timezone.now()
    rows = []
    for r, user in enumerate(user_ids):
        chosen = rng.choice(films, size=per_reader, replace=False, p=popularity)
        stars = np.clip(np.round((3.2 + 0.5 * traits[chosen] @ taste[r]) * 2), 1, 10)
        rows += [
            Rating(user_id=int(user), film_id=int(film_ids[c]), half_stars=int(s), rated_at=now)
            for c, s in zip(chosen, stars, strict=True)
        ]
    Rating.objects.bulk_create(rows, batch_size=5000)


def _time(label: str, call, repeats: int) -> str:
    """Wall-clock and CPU time per call; BLAS on one thread, as in a web worker of
    ``marquee serve`` (on a shared machine the CPU time is the steadier figure)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        call()  # warm: the first call loads the models from disk
        samples, cpu = [], []
        for _ in range(repeats):
            start, cpu_start = time.perf_counter(), time.thread_time()
            call()
            samples.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - cpu_start) * 1000)
    samples.sort()
    cpu.sort()
    at_95 = min(len(samples) - 1, int(0.95 * len(samples)))
    median = statistics.median(samples)
    return (
        f"| {label} | {repeats} | {median:.1f} | {samples[at_95]:.1f} | {samples[-1]:.1f} "
        f"| {statistics.median(cpu):.1f} | {cpu[at_95]:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--films", type=int, default=10_000)
    parser.add_argument("--readers", type=int, default=2_000)
    parser.add_argument("--per-reader", type=int, default=100)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="marquee-serving-") as data_dir:
        _setup_django(data_dir)
        started = time.perf_counter()
        _fill(args.films, args.readers, args.per_reader, args.seed)
        filled = time.perf_counter() - started
        from marquee.accounts.models import User
        from marquee.catalog.models import Film
        from marquee.predictions.selectors import recommendations_for, should_watch_for
        from marquee.predictions.services import models_train

        started = time.perf_counter()
        models = models_train()
        trained = time.perf_counter() - started
        readers = list(User.objects.order_by("pk")[:50])
        films = list(Film.objects.order_by("?")[:50])
        state = {"n": 0}

        def one_prediction() -> None:
            state["n"] += 1
            should_watch_for(readers[state["n"] % 50], films[state["n"] % 50])

        def top_50() -> None:
            state["n"] += 1
            recommendations_for(readers[state["n"] % 50], n=50)

        print(
            f"{args.films:,} films, {args.readers:,} readers, {models.ratings_count:,} ratings; "
            f"filled in {filled:.1f} s, trained in {trained:.1f} s "
            f"(held-out RMSE {models.rmse:.3f})"
        )
        print("| read | requests | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        print(_time("should_watch_for (one film)", one_prediction, args.requests))
        print(_time("recommendations_for (top 50)", top_50, args.requests))


if __name__ == "__main__":
    main()
