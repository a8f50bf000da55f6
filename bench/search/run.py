"""Search quality (NDCG@10) and speed over the tmdb-5000 + ml-latest-small catalog.

    .venv/bin/python bench/search/run.py                    # build, index, measure
    .venv/bin/python bench/search/run.py --tune             # also grid-search the fusion on dev
    .venv/bin/python bench/search/run.py --reviews 2000 --repeat 2   # smaller, quicker

Builds a throwaway SQLite site in a temporary folder: MovieLens's films (ml-latest-small), then
TMDB's metadata (tmdb-5000, films MovieLens lacks added), the director credits of the six
directors the person queries name (``credits.json``: neither data set has credits), and
synthetic published reviews assembled from the real synopses (each review: sentences of its
film's synopsis in another order, one sentence of another film's, and stock critic phrases).
Then it rebuilds the search index as ``marquee search --rebuild`` does, timing the documents
and the vectors (the whole catalog embedded from scratch), and measures:

* quality: NDCG@10 of keyword, meaning and combined search for every query of
  ``queries.json`` (graded judgements written before any tuning), by query kind and by split.
  A review in the results stands for its film; people are skipped; each film counts once.
* speed: p50/p95 of ``marquee.search.selectors.search`` (what the page calls) over all the
  queries, ``--repeat`` times each, plus filtered searches.

``--tune`` tries fusion settings on the dev queries only and prints the best; the constants in
``marquee/search/selectors.py`` were set from that, never from the test queries.
Data is read from ../shared/data beside the checkout, or MARQUEE_SHARED_DATA.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = Path(os.environ.get("MARQUEE_SHARED_DATA", ROOT / ".." / "shared" / "data")).resolve()
MODES = ("keyword", "meaning", "combined")
KINDS = ("title", "misspelled", "person", "meaning", "theme")
PHRASES = (
    "The direction never hurries.",
    "It is better than its reputation.",
    "The score does half the work.",
    "A film that rewards a second viewing.",
    "The performances carry the weaker scenes.",
    "It runs twenty minutes too long.",
    "The last act is the one people remember.",
)


def setup_django(data_dir: str) -> None:
    os.environ["MARQUEE_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_catalog() -> dict[tuple[str, int | None], list[int]]:
    """Films from both data sets, plus the directors' credits; returns (title, year) -> ids."""
    from marquee.catalog.loaders.movielens import movielens_load
    from marquee.catalog.loaders.tmdb import tmdb_load
    from marquee.catalog.models import Credit
    from marquee.catalog.services import person_get_or_create

    movielens_load(directory=DATA / "ml-latest-small", with_ratings=False)
    tmdb_load(path=DATA / "tmdb-5000" / "tmdb_5000_movies.csv", create_missing=True)
    films = catalog_films()
    credits = json.loads((HERE / "credits.json").read_text(encoding="utf-8"))["directors"]
    rows = []
    for name, titles in credits.items():
        person = person_get_or_create(name=name)
        for film_name in titles:
            for film_id in films[split_name(film_name)]:
                rows.append(Credit(film_id=film_id, person=person, role=Credit.Role.DIRECTOR))
    Credit.objects.bulk_create(rows, ignore_conflicts=True)
    return films


def catalog_films() -> dict[tuple[str, int | None], list[int]]:
    from marquee.catalog.models import Film

    films: dict[tuple[str, int | None], list[int]] = {}
    for pk, title, year in Film.objects.values_list("pk", "title", "year"):
        films.setdefault((title, year), []).append(pk)
    return films


def split_name(name: str) -> tuple[str, int | None]:
    """'Alien (1979)' -> ('Alien', 1979)."""
    match = re.fullmatch(r"(.*) \((\d{4})\)", name)
    return (match.group(1), int(match.group(2))) if match else (name, None)


def add_reviews(count: int, seed: int = 7) -> None:
    """``count`` published reviews assembled from real synopses (bulk: no signals)."""
    from django.utils import timezone

    from marquee.accounts.models import User
    from marquee.catalog.models import Film
    from marquee.reviews.models import Review, Verdict

    rng = random.Random(seed)
    critics = [
        User.objects.create_user(username=f"critic{n}", password="!", is_critic=True)
        for n in range(5)
    ]
    verdicts = list(Verdict.objects.all())
    films = list(Film.objects.exclude(synopsis="").values_list("pk", "tagline", "synopsis"))
    now = timezone.now()
    reviews = []
    for n in range(count):
        film_id, tagline, synopsis = rng.choice(films)
        sentences = re.split(r"(?<=[.!?])\s+", synopsis)
        rng.shuffle(sentences)
        other = re.split(r"(?<=[.!?])\s+", rng.choice(films)[2])
        body = " ".join([*sentences, rng.choice(other), *rng.sample(PHRASES, 2)])
        reviews.append(
            Review(
                film_id=film_id,
                author=critics[n % len(critics)],
                verdict=verdicts[n % len(verdicts)],
                slug=f"synthetic-review-{n}",
                tagline=(tagline or sentences[0])[:200],
                setup=sentences[0][:2000],
                body=body,
                body_html=f"<p>{body}</p>",
                should_watch=rng.choice(PHRASES),
                status=Review.Status.PUBLISHED,
                published_at=now,
            )
        )
    Review.objects.bulk_create(reviews, batch_size=1000)


def rebuild_index() -> dict:
    """``marquee search --rebuild``'s work, each step timed, with its progress bars."""
    from tqdm import tqdm

    from marquee.search import embeddings, services

    timings = {}

    def bar(name: str):
        progress = tqdm(desc=name, file=sys.stderr, mininterval=1.0)

        def update(done: int, total: int) -> None:
            progress.total = total
            progress.update(done - progress.n)

        return progress, update

    started = time.perf_counter()
    embeddings.current()
    timings["model_load_s"] = time.perf_counter() - started
    progress, update = bar("documents")
    started = time.perf_counter()
    timings["documents"] = services.documents_rebuild(progress=update)
    timings["documents_s"] = time.perf_counter() - started
    progress.close()
    progress, update = bar("vectors")
    started = time.perf_counter()
    timings["vectors"] = services.embeddings_refresh(progress=update)
    timings["vectors_s"] = time.perf_counter() - started
    progress.close()
    return timings


def ndcg_at_10(ranked: list[tuple[str, int | None]], relevant: dict) -> float:
    gains = [relevant.get(film, 0) for film in ranked[:10]]
    dcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    return dcg / sum(gain / math.log2(rank + 2) for rank, gain in enumerate(ideal))


def ranked_films(query: str, mode: str, fusion, film_names: dict) -> list:
    """The films a search returns, in order: reviews stand for their film, people skipped."""
    from marquee.search.selectors import search

    ranked, seen = [], set()
    for hit in search(query, limit=60, mode=mode, fusion=fusion).hits:
        name = film_names.get(hit.film_id)
        if name is not None and name not in seen:
            seen.add(name)
            ranked.append(name)
    return ranked


def evaluate(queries: list[dict], mode: str, fusion, film_names: dict) -> dict[str, list[float]]:
    scores: dict[str, list[float]] = {}
    for item in queries:
        relevant = {split_name(name): grade for name, grade in item["relevant"].items()}
        score = ndcg_at_10(ranked_films(item["query"], mode, fusion, film_names), relevant)
        for group in ("all", item["split"], item["kind"]):
            scores.setdefault(group, []).append(score)
    return scores


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def tune(queries: list[dict], film_names: dict) -> list[tuple[float, object]]:
    """Every fusion in the grid, scored by mean NDCG@10 on the dev queries only."""
    from marquee.search.selectors import Fusion

    dev = [item for item in queries if item["split"] == "dev"]
    tried = []
    grid = itertools.product((10, 20, 60), (0.5, 0.7, 1.0, 1.5), (0.0, 0.1, 0.3), (0.2, 0.3))
    for rrf_k, meaning_weight, naming_weight, floor in grid:
        fusion = Fusion(
            rrf_k=rrf_k,
            meaning_weight=meaning_weight,
            naming_meaning_weight=naming_weight,
            min_similarity=floor,
        )
        tried.append((mean(evaluate(dev, "combined", fusion, film_names)["all"]), fusion))
    tried.sort(key=lambda pair: -pair[0])
    return tried


def time_searches(queries: list[dict], repeat: int) -> dict:
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):  # BLAS on one thread, as in a web worker of marquee serve
        return _time_searches(queries, repeat)


def _time_searches(queries: list[dict], repeat: int) -> dict:
    from marquee.search.selectors import SearchFilters, search

    texts = [item["query"] for item in queries]
    for text in texts:  # warm the caches (vectors, vocabulary) as a running site has them
        search(text)
    filtered = [
        SearchFilters(year_from=1990, year_to=2010),
        SearchFilters(genre="science-fiction"),
        SearchFilters(verdict="essential", year_from=1980),
    ]
    plain, with_filters = [], []

    def timed(text: str, filters: SearchFilters | None = None) -> tuple[float, float]:
        started, cpu_started = time.perf_counter(), time.thread_time()
        search(text, filters=filters)
        return (time.perf_counter() - started) * 1000, (time.thread_time() - cpu_started) * 1000

    for _ in range(repeat):
        plain += [timed(text) for text in texts]
        with_filters += [
            timed(text, filters)
            for text, filters in zip(texts, itertools.cycle(filtered), strict=False)
        ]

    def summary(times: list[tuple[float, float]]) -> dict:
        """Wall-clock and CPU time: on a shared machine the CPU time is the steadier figure."""
        ordered = sorted(wall for wall, _ in times)
        cpu = sorted(cpu for _, cpu in times)
        return {
            "requests": len(times),
            "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
            "max_ms": round(ordered[-1], 1),
            "cpu_p95_ms": round(cpu[int(0.95 * (len(cpu) - 1))], 1),
        }

    return {"plain": summary(plain), "filtered": summary(with_filters)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over the queries")
    parser.add_argument("--tune", action="store_true", help="grid-search the fusion on dev")
    parser.add_argument(
        "--data-dir", help="build the site here and keep it; reuse it when it is already built"
    )
    args = parser.parse_args()
    if not (DATA / "tmdb-5000").is_dir():
        sys.exit(f"No data at {DATA} (set MARQUEE_SHARED_DATA)")
    queries = json.loads((HERE / "queries.json").read_text(encoding="utf-8"))["queries"]
    with tempfile.TemporaryDirectory(prefix="marquee-search-bench-") as scratch:
        data_dir = Path(args.data_dir or scratch)
        built = (data_dir / "marquee.sqlite3").exists()
        setup_django(str(data_dir))
        if built:
            films = catalog_films()
        else:
            started = time.perf_counter()
            films = build_catalog()
            add_reviews(args.reviews)
            print(
                f"catalog: {sum(map(len, films.values()))} films, {args.reviews} reviews, "
                f"built in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
            print(json.dumps({"index": rebuild_index()}), flush=True)
        film_names = {pk: key for key, ids in films.items() for pk in ids}
        from marquee.search.selectors import FUSION

        if args.tune:
            for score, fusion in tune(queries, film_names)[:8]:
                print(f"dev NDCG@10 {score:.3f}  {fusion}", flush=True)
        quality = {}
        for mode in MODES:
            scores = evaluate(queries, mode, FUSION, film_names)
            quality[mode] = {group: round(mean(values), 3) for group, values in scores.items()}
        print(json.dumps({"fusion": str(FUSION), "ndcg@10": quality}, indent=1), flush=True)
        speed = time_searches(queries, args.repeat)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"speed": speed, "peak_rss_mb": round(rss)}, indent=1), flush=True)


if __name__ == "__main__":
    main()
