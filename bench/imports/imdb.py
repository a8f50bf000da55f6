"""Loading IMDb's datasets into the catalog: speed per file and memory of ``catalog load-imdb``.

    .venv/bin/python bench/imports/imdb.py                  # 250k and 1M titles, 25k films kept
    .venv/bin/python bench/imports/imdb.py --sizes 1000000 --kept 50000
    .venv/bin/python bench/imports/imdb.py --trace          # also tracemalloc's peak (slower)

For each size it streams six synthetic files in IMDb's format (gzip TSV, header, ``\\N`` for
null) into a temporary folder: ``title.basics`` with TITLES rows, ``title.principals`` with 3
rows a title, ``title.akas`` with 2, ``title.crew`` with 1, ``name.basics`` with one person for
every two titles, ``title.ratings`` for the titles voted on. About ``--kept`` of the titles are
films with enough votes, at every size; the rest are what IMDb is mostly made of (episodes,
shorts, series, videos), films below the vote threshold, and adult films. Kept films have about
ten principals and a dozen alternate titles (some repeated across regions, some non-Latin), and
people are drawn with a skew so that some appear in many films.

A child process migrates a fresh SQLite database and loads the folder twice (the second load
must change nothing), reporting seconds and rows per second for each file, the writing, and the
peak RSS (``resource.getrusage``). The files grow fourfold between the two default sizes while
the films kept stay the same: memory that stays level is memory that does not grow with the
files. Everything is written under the temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
N = "\\N"
GENRES = ("Drama", "Comedy", "Horror", "Sci-Fi", "Romance", "Thriller", "Documentary", "Action")
OTHER_TYPES = ("tvEpisode",) * 12 + ("short",) * 3 + ("tvSeries", "video", "movie", "movie")
SCRIPTS = (
    "Le {} de la nuit", "Der {} im Winter", "El {} perdido", "Il {} di notte", "Мой {}", "{}の夜",
    "{} 이야기", "Ο {}", "La {}", "The {}",
)  # fmt: skip
CATEGORIES = ("actor", "actress", "actor", "actress", "actor", "actress", "self")
PLACES = (("FR", "fr"), ("DE", N), ("JP", "ja"), ("RU", N), ("US", N), ("GB", N), ("CA", N))
BLOCK = 20_000
HEADERS = {
    "title.ratings.tsv.gz": "tconst averageRating numVotes",
    "title.basics.tsv.gz": (
        "tconst titleType primaryTitle originalTitle isAdult startYear endYear runtimeMinutes "
        "genres"
    ),
    "title.crew.tsv.gz": "tconst directors writers",
    "title.principals.tsv.gz": "tconst ordering nconst category job characters",
    "name.basics.tsv.gz": "nconst primaryName birthYear deathYear primaryProfession knownForTitles",
    "title.akas.tsv.gz": "titleId ordering title region language types attributes isOriginalTitle",
}
FILES = tuple(HEADERS)


def _open(folder: Path, name: str):
    """A gzip TSV with its header (compression level 1: the generating is not what is
    measured)."""
    handle = gzip.open(folder / name, "wt", encoding="utf-8", compresslevel=1)  # noqa: SIM115
    handle.write(HEADERS[name].replace(" ", "\t") + "\n")
    return handle


def _runs(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For titles with ``counts`` rows each: each row's title index and 1-based ordering."""
    title = np.repeat(np.arange(len(counts)), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return title, np.arange(len(title)) - starts + 1


def generate(folder: Path, *, titles: int, kept: int, seed: int = 2024) -> dict[str, int]:
    """Write the six files, a block of titles at a time; returns the rows in each."""
    rng = np.random.default_rng(seed)
    people = max(titles // 2, 1_000)
    # The kept films' people come from a pool of the same size whatever the size of the files,
    # so that what the load keeps is the same at every size and only the files grow.
    core = min(kept * 4, people)
    folder.mkdir(parents=True, exist_ok=True)
    files = {name: _open(folder, name) for name in FILES}
    rows = dict.fromkeys(FILES, 0)

    def write(name: str, lines: list[str]) -> None:
        if lines:
            files[name].write("\n".join(lines) + "\n")
            rows[name] += len(lines)

    def persons(for_kept: np.ndarray) -> list[int]:
        """A person for each credit; squared uniforms make low numbers come up far more
        often, like busy actors."""
        pool = np.where(for_kept, core, people)
        return ((pool * rng.random(len(for_kept)) ** 2).astype(np.int64) + 1).tolist()

    # What is left of 3 principals and 2 akas a title once the kept films have theirs.
    other_principals = max(0.0, (3 * titles - 10 * kept) / max(titles - kept, 1))
    other_akas = max(0.0, (2 * titles - 12 * kept) / max(titles - kept, 1))
    for first in range(1, titles + 1, BLOCK):
        numbers = np.arange(first, min(first + BLOCK, titles + 1))
        n = len(numbers)
        keep = rng.random(n) < kept / titles
        kinds = np.where(
            keep,
            np.where(rng.random(n) < 0.9, "movie", "tvMovie"),
            rng.choice(np.array(OTHER_TYPES), n),
        )
        adult = (kinds == "movie") & ~keep & (rng.random(n) < 0.1)
        low = (kinds == "movie") & ~adult & ~keep  # films below the threshold
        top = np.where(keep, 6.0, np.where(low, 2.99, 5.5))
        bottom = np.where(keep, 3.0, 0.7)
        votes = (10 ** (bottom + rng.random(n) * (top - bottom))).astype(np.int64)
        rated = keep | (rng.random(n) < 0.3)
        scores = rng.uniform(1, 10, n)
        voted = zip(
            numbers[rated].tolist(), scores[rated].tolist(), votes[rated].tolist(), strict=True
        )
        write("title.ratings.tsv.gz", [f"tt{t:07d}\t{x:.1f}\t{v}" for t, x, v in voted])
        years = rng.integers(1920, 2025, n).tolist()
        runtimes = rng.integers(70, 181, n).tolist()
        genres = [",".join(GENRES[g : g + 3]) for g in rng.integers(0, len(GENRES), n).tolist()]
        scripts = rng.integers(0, len(SCRIPTS) * 3, n).tolist()
        basics = []
        described = zip(
            numbers.tolist(),
            kinds.tolist(),
            adult.tolist(),
            years,
            runtimes,
            genres,
            scripts,
            strict=True,
        )
        for t, kind, a, year, runtime, genre, script in described:
            word = f"Title{t}"
            original = SCRIPTS[script].format(word) if script < len(SCRIPTS) else f"The {word}"
            basics.append(
                f"tt{t:07d}\t{kind}\tThe {word}\t{original}\t{int(a)}\t{year}\t{N}\t{runtime}"
                f"\t{genre}"
            )
        write("title.basics.tsv.gz", basics)
        directors = rng.integers(1, 3, n).tolist()
        writers = rng.integers(0, 4, n).tolist()
        crew_people = iter(persons(np.repeat(keep, np.add(directors, writers))))
        crew = []
        for t, d, w in zip(numbers.tolist(), directors, writers, strict=True):
            chosen = [f"nm{next(crew_people):07d}" for _ in range(d + w)]
            crew.append(f"tt{t:07d}\t{','.join(chosen[:d])}\t{','.join(chosen[d:]) or N}")
        write("title.crew.tsv.gz", crew)
        counts = np.where(keep, 10, (other_principals + rng.random(n)).astype(np.int64))
        title, ordering = _runs(counts)
        last = (ordering == counts[title]).tolist()
        categories = rng.choice(np.array(CATEGORIES), len(title)).tolist()
        credited = zip(
            numbers[title].tolist(),
            ordering.tolist(),
            persons(keep[title]),
            categories,
            last,
            strict=True,
        )
        write(
            "title.principals.tsv.gz",
            [
                f"tt{t:07d}\t{o}\tnm{p:07d}\tdirector\t{N}\t{N}"
                if end
                else f'tt{t:07d}\t{o}\tnm{p:07d}\t{c}\t{N}\t["Character {o}"]'
                for t, o, p, c, end in credited
            ],
        )
        counts = np.where(keep, 12, (other_akas + rng.random(n)).astype(np.int64))
        title, ordering = _runs(counts)
        places = rng.integers(0, len(PLACES), len(title)).tolist()
        forms = rng.integers(0, len(SCRIPTS), len(title)).tolist()
        akas = []
        for t, o, place, form in zip(
            numbers[title].tolist(), ordering.tolist(), places, forms, strict=True
        ):
            region, language = PLACES[place]
            # Every third is the main title again, in another region.
            name = f"The Title{t}" if o % 3 == 0 else SCRIPTS[form].format(f"Title{t}-{o}")
            kind = "working" if o == 11 else "imdbDisplay"
            akas.append(f"tt{t:07d}\t{o}\t{name}\t{region}\t{language}\t{kind}\t{N}\t0")
        write("title.akas.tsv.gz", akas)
    for first in range(1, people + 1, BLOCK):
        numbers = range(first, min(first + BLOCK, people + 1))
        write(
            "name.basics.tsv.gz",
            [
                f"nm{p:07d}\tFirstname{p % 997} Lastname{p}\t{1900 + p % 100}\t{N}\tactor\t{N}"
                for p in numbers
            ],
        )
    for handle in files.values():
        handle.close()
    return rows


# -- the measuring child ----------------------------------------------------------------------


def child(folder: Path, *, trace: bool, rerun: bool) -> dict:
    """Load ``folder`` twice into a fresh database (MARQUEE_DATA_DIR is set by the parent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from marquee.catalog.loaders.imdb import imdb_load

    call_command("migrate", verbosity=0)
    result: dict = {"rss_before_load_mib": _rss_now_kib() / 1024}
    if trace:
        import tracemalloc

        tracemalloc.start()
    for run in ("first", "rerun") if rerun else ("first",):
        clock = _StageClock()
        wall, cpu = time.perf_counter(), time.process_time()
        report = imdb_load(directory=folder, progress=clock.start)
        clock.start("end", 0, "")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        result[run] = {
            "wall_s": wall,
            "cpu_s": cpu,
            "stage_s": clock.seconds(),
            "report": {
                key: value
                for key, value in report.to_dict().items()
                if key in ("films", "people", "credits", "alternate_titles", "skipped_total")
            },
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
        if trace:
            result[run]["tracemalloc_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.reset_peak()
    return result


class _StageClock:
    """The loader's progress callback, used to time its stages (wall and CPU seconds)."""

    def __init__(self) -> None:
        self.starts: list[tuple[str, float, float]] = []

    def start(self, stage: str, total: int, unit: str):
        self.starts.append((stage, time.perf_counter(), time.process_time()))
        return lambda done, of: None

    def seconds(self) -> dict[str, tuple[float, float]]:
        return {
            stage: (wall_end - wall, cpu_end - cpu)
            for (stage, wall, cpu), (_, wall_end, cpu_end) in zip(
                self.starts, self.starts[1:], strict=False
            )
        }


def _rss_now_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def run_child(folder: Path, *, trace: bool, rerun: bool) -> dict:
    data_dir = tempfile.mkdtemp(prefix="marquee-bench-db-")
    try:
        env = {**os.environ, "MARQUEE_DATA_DIR": data_dir, "DATABASE_URL": ""}
        command = [sys.executable, __file__, "--child", str(folder)]
        command += ["--trace"] * trace + ["--rerun"] * rerun
        out = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
        return json.loads(out.stdout.decode().strip().splitlines()[-1])
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def _print_size(size: int, rows: dict[str, int], result: dict, *, trace: bool) -> None:
    first, rerun = result["first"], result.get("rerun")
    counts = first["report"]
    print("| step | rows | wall s | CPU s | rows/s (wall / CPU) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    written = sum(counts[key]["created"] for key in ("films", "people", "credits"))
    written += counts["alternate_titles"]["created"]
    for name, count in [*rows.items(), ("writing to the database", written)]:
        wall, cpu = first["stage_s"][name]
        print(
            f"| {name} | {count:,} | {wall:.1f} | {cpu:.1f} "
            f"| {count / wall:,.0f} / {count / max(cpu, 1e-3):,.0f} |"
        )
    load = f"Load {first['wall_s']:.1f} s wall / {first['cpu_s']:.1f} s CPU"
    if rerun:
        load += f"; rerun {rerun['wall_s']:.1f} s / {rerun['cpu_s']:.1f} s CPU, changed nothing"
    memory = f"RSS before {result['rss_before_load_mib']:.0f} MiB, peak {first['peak_rss_mib']:.0f}"
    memory += " MiB"
    if trace:
        memory += f", tracemalloc peak {first['tracemalloc_peak_mib']:.1f} MiB"
    print(
        f"Created: films {counts['films']['created']:,}, people {counts['people']['created']:,}, "
        f"credits {counts['credits']['created']:,}, alternate titles "
        f"{counts['alternate_titles']['created']:,}; {counts['skipped_total']} rows skipped.\n"
        f"{load}. {memory}."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[250_000, 1_000_000])
    parser.add_argument("--kept", type=int, default=20_000, help="films kept, about")
    parser.add_argument(
        "--rerun",
        action="store_true",
        help="load each size a second time, which must change nothing",
    )
    parser.add_argument("--trace", action="store_true", help="measure tracemalloc's peak too")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, trace=args.trace, rerun=args.rerun)))
        return

    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    summary = []
    with tempfile.TemporaryDirectory(prefix="marquee-bench-imdb-") as scratch:
        for size in args.sizes:
            folder = Path(scratch) / f"imdb-{size}"
            started = time.perf_counter()
            rows = generate(folder, titles=size, kept=args.kept)
            generated = time.perf_counter() - started
            mib = sum((folder / name).stat().st_size for name in FILES) / 2**20
            print(
                f"\n{size:,} titles: {sum(rows.values()):,} rows, {mib:.0f} MiB of gzip, "
                f"generated in {generated:.0f} s; load average {os.getloadavg()[0]:.1f}"
            )
            result = run_child(folder, trace=args.trace, rerun=args.rerun)
            rerun = result.get("rerun", {}).get("report")
            assert not rerun or not any(rerun[key]["created"] or rerun[key]["updated"] for key in (
                "films", "people", "credits", "alternate_titles")), rerun  # fmt: skip
            _print_size(size, rows, result, trace=args.trace)
            summary.append((size, sum(rows.values()), mib, result))
            shutil.rmtree(folder)
    traced = " tracemalloc peak MiB |" if args.trace else ""
    print(
        "\n| titles | rows in the files | MiB gzip | films kept | load s (wall / CPU) "
        f"| RSS before MiB | peak RSS MiB |{traced}"
    )
    print("| ---: " * (7 + args.trace) + "|")
    for size, total, mib, result in summary:
        first = result["first"]
        traced = f" {first['tracemalloc_peak_mib']:.1f} |" if args.trace else ""
        print(
            f"| {size:,} | {total:,} | {mib:.0f} | {first['report']['films']['created']:,} "
            f"| {first['wall_s']:.1f} / {first['cpu_s']:.1f} "
            f"| {result['rss_before_load_mib']:.0f} | {first['peak_rss_mib']:.0f} |{traced}"
        )


if __name__ == "__main__":
    main()
