"""Loading MovieLens into the catalog: throughput and memory of ``marquee catalog load-movielens``.

    .venv/bin/python bench/imports/movielens.py                   # 100k, 500k, 1M synthetic ratings
    .venv/bin/python bench/imports/movielens.py --sizes 1000000 --repeat 3
    .venv/bin/python bench/imports/movielens.py --real ../shared/data/ml-latest-small --sizes

For each size it writes a synthetic MovieLens folder in a temporary directory (20,000 films with
power-law popularity, about 7,000 users with power-law activity, ratings.csv sorted by user like
MovieLens's own, plus matching movies.csv and links.csv), then loads it with ratings into a fresh
SQLite database in a child process, twice: the first load writes everything, the second must
change nothing. Each child reports wall and CPU seconds, ratings per second and its peak RSS; a
second child with tracemalloc on reports Python's own peak (tracemalloc slows it, so its times are
not used). Peak RSS and the tracemalloc peak staying level from 100k to 1M rows is the
flat-memory check. Everything is written under the temporary directory and removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FILMS = 20_000
USERS = 7_000
# Roughly ml-latest-small's share of each half star, 0.5 to 5.
HALF_STAR_SHARES = (0.013, 0.028, 0.018, 0.075, 0.055, 0.199, 0.130, 0.266, 0.085, 0.131)
GENRES = ("Action", "Comedy", "Drama", "Horror", "Romance", "Sci-Fi", "Thriller", "Western")


def generate(directory: Path, *, ratings: int, films: int = FILMS, users: int = USERS) -> None:
    """Write movies.csv, links.csv and a ratings.csv of exactly ``ratings`` rows."""
    import numpy as np

    rng = np.random.default_rng(20_240_501)
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "movies.csv").open("w", encoding="utf-8") as movies:
        movies.write("movieId,title,genres\n")
        for movie in range(1, films + 1):
            year = 1930 + movie % 90
            title = f"Synthetic Film {movie} ({year})"
            if movie % 10 == 0:  # the MovieLens habit of a trailing article, quoted
                title = f'"Synthetic Film {movie}, The ({year})"'
            genres = "|".join(GENRES[(movie + step) % len(GENRES)] for step in range(movie % 3 + 1))
            movies.write(f"{movie},{title},{genres}\n")
    with (directory / "links.csv").open("w", encoding="utf-8") as links:
        links.write("movieId,imdbId,tmdbId\n")
        for movie in range(1, films + 1):
            links.write(f"{movie},{100_000 + movie:07d},{200_000 + movie}\n")

    popularity = 1.0 / np.arange(1, films + 1) ** 0.9
    rng.shuffle(popularity)
    popularity /= popularity.sum()
    activity = 1.0 / np.arange(1, users + 1) ** 0.7
    rng.shuffle(activity)
    most = films // 2
    counts = np.clip((activity / activity.sum() * ratings).astype(np.int64), 1, most)
    missing, user = ratings - int(counts.sum()), 0
    while missing:
        step = 1 if missing > 0 else -1
        if 1 <= counts[user % users] + step <= most:
            counts[user % users] += step
            missing -= step
        user += 1
    stars = [f"{half / 2:.1f}" for half in range(1, 11)]
    with (directory / "ratings.csv").open("w", encoding="utf-8") as out:
        out.write("userId,movieId,rating,timestamp\n")
        for user, count in enumerate(counts, start=1):
            movies = np.sort(rng.choice(films, size=int(count), replace=False, p=popularity)) + 1
            halves = rng.choice(10, size=int(count), p=HALF_STAR_SHARES)
            start = int(rng.integers(820_454_400, 1_500_000_000))
            times = start + np.cumsum(rng.integers(1, 86_400, size=int(count)))
            out.write(
                "".join(
                    f"{user},{movie},{stars[half]},{when}\n"
                    for movie, half, when in zip(
                        movies.tolist(), halves.tolist(), times.tolist(), strict=True
                    )
                )
            )


def child(directory: Path, *, trace: bool) -> dict:
    """Load ``directory`` twice into a fresh database (MARQUEE_DATA_DIR is set by the parent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from marquee.catalog.loaders.movielens import movielens_load

    call_command("migrate", verbosity=0)
    before = _rss_now_kib()
    ratings_started = []

    def progress(done: int, total: int) -> None:
        if not ratings_started:
            ratings_started.append(time.perf_counter())

    if trace:
        import tracemalloc

        tracemalloc.start()
    result: dict = {"rss_before_load_mib": before / 1024}
    for run in ("first", "rerun"):
        ratings_started.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        report = movielens_load(directory=directory, with_ratings=True, progress=progress)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        result[run] = {
            "wall_s": wall,
            "cpu_s": cpu,
            "ratings_phase_s": time.perf_counter() - ratings_started[0] if ratings_started else 0,
            "ratings": report.ratings.to_dict(),
            "films": report.films.to_dict(),
            "skipped": report.skipped_total,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
        if trace:
            result[run]["tracemalloc_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.reset_peak()
    return result


def _rss_now_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def run_child(directory: Path, *, trace: bool) -> dict:
    data_dir = tempfile.mkdtemp(prefix="marquee-bench-db-")
    try:
        env = {**os.environ, "MARQUEE_DATA_DIR": data_dir, "DATABASE_URL": ""}
        command = [sys.executable, __file__, "--child", str(directory)]
        if trace:
            command.append("--trace")
        out = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
        return json.loads(out.stdout.decode().strip().splitlines()[-1])
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def _calibration() -> float:
    """Seconds for a plain Python loop, to compare this machine's speed with another's."""
    started, total = time.process_time(), 0
    for number in range(10_000_000):
        total += number
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 500_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=1, help="timed loads per size")
    parser.add_argument("--real", type=Path, help="also time a real MovieLens folder")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, trace=args.trace)))
        return

    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}, {_calibration():.2f} s for 10M Python additions"
    )
    print(
        "| ratings | load s (wall) | load s (CPU) | ratings/s (wall / CPU) | rerun s (wall / CPU) "
        "| RSS before MiB | peak RSS MiB | tracemalloc peak MiB |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    folders: list[tuple[str, Path, int]] = []
    with tempfile.TemporaryDirectory(prefix="marquee-bench-movielens-") as scratch:
        for size in args.sizes:
            folder = Path(scratch) / f"ml-{size}"
            generate(folder, ratings=size)
            folders.append((f"{size:,} synthetic", folder, size))
        if args.real:
            size = sum(1 for _ in (args.real / "ratings.csv").open(encoding="utf-8")) - 1
            folders.append((f"{size:,} ({args.real.name})", args.real, size))
        for label, folder, size in folders:
            for _ in range(args.repeat):
                timed = run_child(folder, trace=False)
                traced = None if args.no_trace else run_child(folder, trace=True)
                first, rerun = timed["first"], timed["rerun"]
                assert first["ratings"]["created"] + first["skipped"] >= size - 1, first
                assert rerun["ratings"]["created"] == rerun["ratings"]["updated"] == 0, rerun
                peak = f"{traced['first']['tracemalloc_peak_mib']:.1f}" if traced else "-"
                print(
                    f"| {label} | {first['wall_s']:.2f} | {first['cpu_s']:.2f} "
                    f"| {size / first['wall_s']:,.0f} / {size / first['cpu_s']:,.0f} "
                    f"| {rerun['wall_s']:.2f} / {rerun['cpu_s']:.2f} "
                    f"| {timed['rss_before_load_mib']:.0f} | {first['peak_rss_mib']:.0f} "
                    f"| {peak} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
