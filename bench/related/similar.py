"""Related films over the tmdb-5000 + ml-latest-small catalog plus 10,000 reviews.

    .venv/bin/python bench/related/similar.py                     # the protocol in README.md
    .venv/bin/python bench/related/similar.py --reviews 2000 --reads 300 --pages 50

Builds a throwaway SQLite site (MARQUEE_DATA_DIR in a temporary folder): MovieLens
ml-latest-small with its ratings, then TMDB 5000's synopses, taglines, genres and keywords
(``--create-missing``, so TMDB films MovieLens lacks are added), then synthetic published reviews
whose text is assembled from the reviewed film's real synopsis, tagline, keywords and genres plus
stock critic sentences (realistic in vocabulary and length, not real criticism). It trains the
models as ``marquee train`` does, then times:

* the rebuild of every film's neighbours (``marquee similar --rebuild``'s service, progress bar);
* ``more_like_this(film)``, the film page's read of its precomputed neighbours (target p95 < 20 ms);
* the ``{% related_films %}`` block the film page includes, the whole film page and the related
  page, through Django's test client (signed-in-like, so the anonymous page cache is bypassed);

and prints a quality table: for known sequels, the rank at which each film of the pair appears in
the other's "more like this" (blended, story only, ratings only) and in the later film's possible
influences. The data is read from ../shared/data (or MARQUEE_SHARED_DATA); nothing is kept.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("MARQUEE_SHARED_DATA", ROOT / ".." / "shared" / "data")).resolve()

# (later film, earlier film) as MovieLens ids: sequels and franchises both datasets hold.
PAIRS = [
    (58559, 33794, "The Dark Knight → Batman Begins"),
    (3114, 1, "Toy Story 2 → Toy Story"),
    (78499, 3114, "Toy Story 3 → Toy Story 2"),
    (1221, 858, "The Godfather: Part II → The Godfather"),
    (1200, 1214, "Aliens → Alien"),
    (589, 1240, "Terminator 2 → The Terminator"),
    (2011, 1270, "Back to the Future Part II → Back to the Future"),
    (8360, 4306, "Shrek 2 → Shrek"),
    (6365, 2571, "The Matrix Reloaded → The Matrix"),
    (8636, 5349, "Spider-Man 2 → Spider-Man"),
    (77561, 59315, "Iron Man 2 → Iron Man"),
    (5816, 4896, "Harry Potter 2 → Harry Potter 1"),
    (5952, 4993, "The Two Towers → The Fellowship of the Ring"),
]

STOCK = [
    "The pacing sags in the middle act, but the final stretch earns its feeling.",
    "The cinematography does a lot of the talking, and it has plenty to say.",
    "Some of the dialogue lands with a thud; the performances carry it anyway.",
    "It is longer than it needs to be, and I would not cut a minute of the ending.",
    "The score is doing heavy lifting in every quiet scene.",
    "What stays with you is the mood rather than the plot.",
    "The supporting cast is uneven, but the lead is magnetic.",
    "It wears its influences openly and still finds something of its own.",
    "Few films of its kind are this patient with their characters.",
    "The third act trades ideas for spectacle, which is a pity.",
    "I laughed more than I expected, and in the right places.",
    "The production design makes every room feel lived in.",
    "It rewards a second viewing more than the first.",
    "There is a great short film inside this long one.",
    "By the end the genre trappings fall away and something sadder remains.",
]


def _setup_django(data_dir: str) -> None:
    os.environ["MARQUEE_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = ""
    os.environ["CACHE_URL"] = "locmem://"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _bar(label: str):
    from tqdm import tqdm

    return tqdm(desc=label, unit="row", leave=False, disable=not sys.stderr.isatty())


def _load_catalog() -> dict:
    from marquee.catalog.loaders.movielens import movielens_load
    from marquee.catalog.loaders.tmdb import tmdb_load

    timings = {}
    with _bar("MovieLens") as bar:
        started = time.perf_counter()
        movielens_load(
            directory=DATA / "ml-latest-small",
            with_ratings=True,
            progress=lambda done, total: (setattr(bar, "total", total), bar.update(done - bar.n)),
        )
        timings["load MovieLens (films + 100,836 ratings)"] = time.perf_counter() - started
    with _bar("TMDB") as bar:
        started = time.perf_counter()
        tmdb_load(
            path=DATA / "tmdb-5000" / "tmdb_5000_movies.csv",
            create_missing=True,
            progress=lambda done, total: (setattr(bar, "total", total), bar.update(done - bar.n)),
        )
        timings["load TMDB 5000 (--create-missing)"] = time.perf_counter() - started
    return timings


def _review_text(film, keywords: list[str], genres: list[str], rng: random.Random) -> dict:
    sentences = [s.strip() for s in film.synopsis.replace("\n", " ").split(". ") if s.strip()]
    words = keywords or [g.lower() for g in genres] or ["this story"]
    genre = (rng.choice(genres) if genres else "film").lower()
    body = [
        f"{rng.choice(sentences)}." if sentences else rng.choice(STOCK),
        f"As a {genre}, it is at its best when it sticks to {rng.choice(words)}; "
        f"{rng.choice(STOCK)}",
        " ".join(rng.sample(STOCK, 2)),
        f"The way it handles {', '.join(rng.sample(words, min(3, len(words))))} is what I will "
        "remember.",
    ]
    return {
        "tagline": (film.tagline or f"A {genre} about {words[0]}")[:200],
        "setup": (sentences[0] + "." if sentences else f"A {genre}.")[:2000],
        "body": "\n\n".join(body),
        "should_watch": f"If {rng.choice(words)} and {genre} are your thing, yes.",
    }


def _add_reviews(count: int, seed: int) -> float:
    """``count`` published reviews by 25 critics, of films with a synopsis, popular ones more."""
    from collections import defaultdict

    from django.db.models import Count
    from django.utils import timezone

    from marquee.accounts.models import User
    from marquee.catalog.models import Film
    from marquee.reviews.models import Review, Verdict
    from marquee.sanitize import render_markdown

    started = time.perf_counter()
    rng = random.Random(seed)
    critics = User.objects.bulk_create(
        [User(username=f"critic{n}", email=f"critic{n}@example.test", is_critic=True)
         for n in range(25)]
    )  # fmt: skip
    critics = list(User.objects.filter(is_critic=True))
    verdicts = list(Verdict.objects.all())
    films = list(Film.objects.exclude(synopsis="").annotate(rating_count=Count("ratings")))
    weights = [film.rating_count + 1 for film in films]
    keywords, genres = defaultdict(list), defaultdict(list)
    for film_id, name in Film.keywords.through.objects.values_list("film_id", "keyword__name"):
        keywords[film_id].append(name)
    for film_id, name in Film.genres.through.objects.values_list("film_id", "genre__name"):
        genres[film_id].append(name)
    now = timezone.now()
    reviews = []
    for number, film in enumerate(rng.choices(films, weights=weights, k=count)):
        text = _review_text(film, keywords[film.pk], genres[film.pk], rng)
        reviews.append(
            Review(
                film=film,
                author=rng.choice(critics),
                verdict=rng.choice(verdicts),
                slug=f"{film.slug}-review-{number}",
                body_html=render_markdown(text["body"]),
                status=Review.Status.PUBLISHED,
                published_at=now,
                **text,
            )
        )
    Review.objects.bulk_create(reviews, batch_size=500)
    return time.perf_counter() - started


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000, ordered[-1] * 1000


def _time_reads(films: list, pages: int) -> list[tuple[str, int, tuple]]:
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template
    from django.test import Client, RequestFactory

    from marquee.related.selectors import more_like_this

    block = Template("{% load related %}{% related_films film %}")
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    client = Client()
    # A session cookie (unknown, so the visitor is still anonymous) bypasses the page cache:
    # every request below renders the page as a signed-in visitor's would be.
    client.cookies[settings.SESSION_COOKIE_NAME] = "bench-no-session"
    for film in films[:20]:  # warm the process: imports, templates, SQLite's page cache
        more_like_this(film)
        block.render(Context({"film": film, "request": request}))
        client.get(film.get_absolute_url())
        client.get(f"/related/{film.slug}/")
    read, cpu = [], []
    for film in films:
        started, used = time.perf_counter(), time.process_time()
        more_like_this(film)
        read.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    tag, tag_cpu = [], []
    for film in films[:pages]:
        started, used = time.perf_counter(), time.process_time()
        block.render(Context({"film": film, "request": request}))
        tag.append(time.perf_counter() - started)
        tag_cpu.append(time.process_time() - used)
    page, related = [], []
    for film in films[:pages]:
        started = time.perf_counter()
        response = client.get(film.get_absolute_url())
        page.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        started = time.perf_counter()
        assert client.get(f"/related/{film.slug}/").status_code == 200
        related.append(time.perf_counter() - started)
    return [
        ("`more_like_this(film)` (the block's one indexed query + reasons)", len(read), read),
        ("... its CPU time only", len(cpu), cpu),
        ("`{% related_films film %}` rendered (relations + more like this)", len(tag), tag),
        ("... its CPU time only", len(tag_cpu), tag_cpu),
        ("film page `/films/SLUG/`, whole view", len(page), page),
        ("related page `/related/SLUG/` (20 neighbours)", len(related), related),
    ]


def _quality() -> list[tuple]:
    import numpy as np

    from marquee.catalog.models import Film
    from marquee.predictions import store
    from marquee.related import selectors, services
    from marquee.related.story import RATINGS_WEIGHT, STORY_WEIGHT, StoryIndex, rank_of

    stories = selectors.catalog_stories()
    index = StoryIndex.build(stories.texts)
    ratings = services._co_liking(stories.pks, store.current())
    position = {int(pk): row for row, pk in enumerate(stories.pks)}
    by_movielens = dict(
        Film.objects.filter(movielens_id__isnull=False).values_list("movielens_id", "pk")
    )

    def ranks(film: int, other: int) -> tuple:
        row = np.array([position[film]])
        story = index.similarities(row)[0]
        liked = ratings.similarities(row)[0][0] if ratings else np.zeros_like(story)
        blended = STORY_WEIGHT * story + RATINGS_WEIGHT * liked
        target = position[other]
        return tuple(rank_of(s, position[film], target) for s in (blended, story, liked))

    rows = []
    for later_ml, earlier_ml, label in PAIRS:
        later, earlier = by_movielens.get(later_ml), by_movielens.get(earlier_ml)
        if later is None or earlier is None:
            rows.append((label, "not in catalog"))
            continue
        influences = [
            s.film.pk for s in selectors.possible_influences(Film.objects.get(pk=later), limit=20)
        ]
        influence_rank = influences.index(earlier) + 1 if earlier in influences else None
        rows.append((label, ranks(later, earlier), ranks(earlier, later), influence_rank))
    return rows


def _show(rank) -> str:
    return "—" if rank is None else str(rank)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviews", type=int, default=10_000)
    parser.add_argument("--reads", type=int, default=1_000, help="films whose block is read")
    parser.add_argument("--pages", type=int, default=200, help="films whose pages are fetched")
    parser.add_argument("--seed", type=int, default=20_261_125)
    args = parser.parse_args()
    if not (DATA / "tmdb-5000").is_dir() or not (DATA / "ml-latest-small").is_dir():
        sys.exit(f"needs {DATA}/tmdb-5000 and {DATA}/ml-latest-small (or MARQUEE_SHARED_DATA)")
    data_dir = tempfile.mkdtemp(prefix="marquee-bench-related-")
    try:
        _setup_django(data_dir)
        run(args)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    from tqdm import tqdm

    from marquee.catalog.models import Film
    from marquee.predictions.services import models_train
    from marquee.related.models import SimilarFilm
    from marquee.related.services import similar_rebuild
    from marquee.reviews.models import Review

    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} at the start"
    )
    steps = _load_catalog()
    steps[f"add {args.reviews:,} synthetic reviews"] = _add_reviews(args.reviews, args.seed)
    started = time.perf_counter()
    models = models_train()
    steps["train the models (`marquee train`)"] = time.perf_counter() - started
    with tqdm(desc="Similar films", unit="film", disable=not sys.stderr.isatty()) as bar:
        stage_started: dict[str, float] = {}

        def progress(stage: str, done: int, total: int) -> None:
            stage_started.setdefault(stage, time.perf_counter())
            bar.set_description(stage)
            if bar.total != total:
                bar.reset(total=total)
            bar.n = done
            bar.refresh()

        started, cpu = time.perf_counter(), time.process_time()
        build = similar_rebuild(progress=progress)
        rebuild_cpu = time.process_time() - cpu
        finished = time.perf_counter()
        steps["**rebuild similar films** (`marquee similar --rebuild`)"] = finished - started
        marks = [*stage_started.items(), ("end", finished)]
        for (stage, at), (_, until) in itertools.pairwise(marks):
            steps[f"... of which {stage.lower()}"] = until - at
    films = Film.objects.count()
    with_synopsis = Film.objects.exclude(synopsis="").count()
    print(
        f"\n{films:,} films ({with_synopsis:,} with a synopsis, {build.films_with_story:,} with "
        f"a story), {Review.objects.count():,} published reviews, "
        f"{models.ratings_count:,} ratings from {models.readers_count:,} readers; "
        f"{build.similar_rows:,} neighbours, {build.influence_rows:,} possible influences; "
        f"load average {os.getloadavg()[0]:.1f} now\n"
    )
    print("| step | seconds (wall) |\n| --- | ---: |")
    for step, seconds in steps.items():
        print(f"| {step} | {seconds:.1f} |")
    print(
        f"\nThe rebuild used {rebuild_cpu:.1f} s of CPU (its wall time includes waits for a core)."
    )

    rng = random.Random(args.seed)
    pks = list(Film.objects.values_list("pk", flat=True))
    sample = list(Film.objects.filter(pk__in=rng.sample(pks, min(args.reads, len(pks)))))
    rng.shuffle(sample)
    with_rows = sum(SimilarFilm.objects.filter(film=film).exists() for film in sample)
    print(
        f"\nReads over {len(sample):,} random films ({with_rows:,} of them have neighbours; "
        f"pages and the block over the first {min(args.pages, len(sample))}), "
        f"load average {os.getloadavg()[0]:.1f}:\n"
    )
    print("| read | n | p50 ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |")
    for label, count, samples in _time_reads(sample, args.pages):
        p50, p95, most = _percentiles(samples)
        print(f"| {label} | {count} | {p50:.2f} | {p95:.2f} | {most:.2f} |")

    print(
        "\nRank of the other film of each pair (1 = first suggestion; — = not similar at all). "
        "Blended is what the page shows; the page keeps the top 20.\n"
    )
    print(
        "| pair (later → earlier) | earlier in later's list: blended / story / ratings "
        "| later in earlier's list: blended / story / ratings | earlier among later's "
        "possible influences |\n| --- | --- | --- | ---: |"
    )
    for row in _quality():
        if len(row) == 2:
            print(f"| {row[0]} | {row[1]} | | |")
            continue
        label, forward, backward, influence = row
        print(
            f"| {label} | {' / '.join(map(_show, forward))} | "
            f"{' / '.join(map(_show, backward))} | {_show(influence)} |"
        )


if __name__ == "__main__":
    main()
