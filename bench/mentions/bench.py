"""Mention linking: precision and recall on a labelled set, and the time to link one review.

    .venv/bin/python bench/mentions/bench.py         # builds the catalog once, then reuses it
    .venv/bin/python bench/mentions/bench.py --fresh --errors
    .venv/bin/python bench/mentions/bench.py --json

The catalog is real: ``ml-latest-small``'s films and ``tmdb-5000``'s films, titles and original
titles, loaded by the project's own loaders (``movielens_load``, ``tmdb_load``) into a temporary
SQLite database, plus the 202 real people of ``people.tsv`` with their credits on those films
(the public data has no people), plus 50,000 generated people (Faker, fixed seed, several
locales) credited on random films, so that names collide as they do in a real catalog. The
gazetteer is then built from that database by the same code the site uses
(``marquee.mentions.catalog.build_gazetteer``) and each text of ``labelled.jsonl`` is linked
with its reviewed film as context.

A predicted mention is correct when its kind and target match a labelled mention whose span
overlaps it (each labelled mention matched once). Figures are micro-averaged over mentions.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = Path(os.environ.get("MARQUEE_SHARED_DATA", ROOT / ".." / "shared" / "data")).resolve()
LABELLED = HERE / "labelled.jsonl"
HELD_OUT = HERE / "heldout.jsonl"
PEOPLE = HERE / "people.tsv"
SYNTHETIC_PEOPLE = 50_000
SEED = 20_251_125


def setup_django(db_path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("MARQUEE_DATA_DIR", str(db_path.parent / "data"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def inputs_digest(synthetic: int, with_movielens: bool) -> str:
    digest = hashlib.sha256(PEOPLE.read_bytes())
    digest.update(f"{synthetic} {with_movielens}".encode())
    return digest.hexdigest()[:16]


def build_catalog(synthetic: int, *, with_movielens: bool) -> None:
    """Migrate the empty database and load films, people and credits into it."""
    from django.core.management import call_command

    from marquee.catalog.loaders.movielens import movielens_load
    from marquee.catalog.loaders.tmdb import tmdb_load

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    # TMDB first, so films keep TMDB's titles (the labelled set names films by them).
    tmdb_load(path=DATA / "tmdb-5000" / "tmdb_5000_movies.csv", create_missing=True)
    if with_movielens:
        movielens_load(directory=DATA / "ml-latest-small", with_ratings=False)
    load_people(synthetic)
    print(f"catalog built in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def load_people(synthetic: int) -> None:
    from django.db import transaction
    from faker import Faker

    from marquee.catalog.matching import name_match_key
    from marquee.catalog.models import Credit, Film, Person, PersonAlias

    films = {str(film): film.pk for film in Film.objects.all()}
    people: list[Person] = []
    aliases: list[tuple[int, str]] = []
    credits: list[tuple[int, int, str]] = []
    with PEOPLE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            index = len(people)
            people.append(Person(name=row["name"]))
            aliases += [(index, alias) for alias in row["aliases"].split(";") if alias]
            for role, column in (("director", "directed"), ("writer", "wrote"), ("cast", "acted")):
                for label in filter(None, row[column].split(";")):
                    if label not in films:
                        raise SystemExit(f"people.tsv: {row['name']}: no film {label!r}")
                    credits.append((index, films[label], role))
    faker = Faker(["en_US", "en_GB", "fr_FR", "de_DE", "it_IT", "es_ES", "ko_KR", "ja_JP"])
    faker.seed_instance(SEED)
    rng = random.Random(SEED)
    film_ids = sorted(films.values())
    known = {person.name for person in people}
    target = len(people) + synthetic
    while len(people) < target:
        name = f"{faker.first_name()} {faker.last_name()}"
        if name in known:
            continue
        known.add(name)
        index = len(people)
        people.append(Person(name=name))
        for _ in range(rng.randint(1, 3)):
            role = "director" if rng.random() < 0.1 else "cast"
            credits.append((index, rng.choice(film_ids), role))
    for index, person in enumerate(people):
        person.slug = f"p{index}"
        person.match_key = name_match_key(person.name)
    with transaction.atomic():
        created = Person.objects.bulk_create(people, batch_size=2_000)
        PersonAlias.objects.bulk_create(
            [
                PersonAlias(person=created[i], name=name, match_key=name_match_key(name))
                for i, name in aliases
            ]
        )
        unique = {(created[i].pk, film, role) for i, film, role in credits}
        Credit.objects.bulk_create(
            [Credit(person_id=p, film_id=f, role=r) for p, f, r in unique], batch_size=5_000
        )


def film_ids_by_label() -> dict[str, int]:
    from marquee.catalog.models import Film

    return {str(film): film.pk for film in Film.objects.all()}


def gold_spans(item: dict) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, target) per labelled mention, in order of the list: each takes the
    first whole-word occurrence of its words after the previous one of the same words that
    no other labelled mention already covers ("Scott" after "Tony Scott")."""
    text, spans = item["text"], []
    for mention in item["mentions"]:
        surface = mention["text"]
        bounded = surface.isascii() or not re.search(r"[\u3040-\u9fff\uac00-\ud7af]", surface)
        pattern = re.compile(
            rf"(?<![^\W_]){re.escape(surface)}(?![^\W_])" if bounded else re.escape(surface)
        )
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end, *_ in spans):
                continue
            spans.append((match.start(), match.end(), mention["kind"], mention["target"]))
            break
        else:
            raise SystemExit(f"{item['id']}: {surface!r} is not in the text (or not that often)")
    return spans


def score(items: list[dict], predictions: dict[str, list], threshold: float) -> dict:
    """Micro precision and recall of the predictions at or above ``threshold``."""
    tp = fp = fn = 0
    per_kind = {kind: [0, 0, 0] for kind in ("film", "person")}
    errors = []
    for item in items:
        gold = gold_spans(item)
        matched = [False] * len(gold)
        for mention in predictions[item["id"]]:
            if mention.confidence < threshold:
                continue
            hit = next(
                (
                    index
                    for index, (start, end, kind, target) in enumerate(gold)
                    if not matched[index]
                    and kind == mention.kind
                    and target == mention.target
                    and start < mention.end
                    and mention.start < end
                ),
                None,
            )
            if hit is None:
                fp += 1
                per_kind[mention.kind][1] += 1
                errors.append(
                    (item["id"], "false", mention.text, mention.target, mention.confidence)
                )
            else:
                matched[hit] = True
                tp += 1
                per_kind[mention.kind][0] += 1
        for index, (_start, _end, kind, target) in enumerate(gold):
            if not matched[index]:
                fn += 1
                per_kind[kind][2] += 1
                surface = item["text"][gold[index][0] : gold[index][1]]
                errors.append((item["id"], "missed", surface, target, None))
    return {
        "threshold": threshold,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "per_kind": {
            kind: {
                "precision": k[0] / (k[0] + k[1]) if k[0] + k[1] else 1.0,
                "recall": k[0] / (k[0] + k[2]) if k[0] + k[2] else 1.0,
                "tp": k[0],
                "fp": k[1],
                "fn": k[2],
            }
            for kind, k in per_kind.items()
        },
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/marquee-bench-mentions"))
    parser.add_argument("--fresh", action="store_true", help="rebuild the catalog database")
    parser.add_argument("--synthetic-people", type=int, default=SYNTHETIC_PEOPLE)
    parser.add_argument(
        "--catalog",
        choices=["tmdb", "tmdb+movielens"],
        default="tmdb",
        help="tmdb: the labelled set's catalog; tmdb+movielens: about 11,000 films, for timing",
    )
    parser.add_argument("--errors", action="store_true", help="list every miss and false link")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (DATA / "tmdb-5000" / "tmdb_5000_movies.csv").exists():
        raise SystemExit(f"the public data is not at {DATA} (set MARQUEE_SHARED_DATA)")
    args.db.mkdir(parents=True, exist_ok=True)
    with_movielens = args.catalog == "tmdb+movielens"
    db_path = args.db / f"catalog-{inputs_digest(args.synthetic_people, with_movielens)}.sqlite3"
    if args.fresh and db_path.exists():
        db_path.unlink()
    is_new = not db_path.exists()
    setup_django(db_path)
    if is_new:
        try:
            build_catalog(args.synthetic_people, with_movielens=with_movielens)
        except BaseException:
            db_path.unlink(missing_ok=True)
            raise

    from marquee.catalog.models import Credit, Film, Person
    from marquee.mentions import catalog
    from marquee.mentions.linker import DEFAULT_MIN_CONFIDENCE, MAX_SCAN_CHARS
    from marquee.mentions.services import AUTO_LINK_CONFIDENCE

    # The first worker process builds the gazetteer and shares it through the cache (outside a
    # transaction, at once); the next one, started afresh, loads that copy.
    catalog.forget(shared=True)
    started = time.perf_counter()
    gazetteer = catalog.gazetteer()
    build_seconds = time.perf_counter() - started
    catalog.forget()
    started = time.perf_counter()
    gazetteer = catalog.gazetteer()
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    catalog.gazetteer()
    cached_seconds = time.perf_counter() - started

    films = film_ids_by_label()
    sets, timings, texts = {}, [], []
    for name, path in (("development", LABELLED), ("held-out", HELD_OUT)):
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        predictions = {}
        for item in items:
            film_id = films[item["reviewed"]] if item["reviewed"] else None
            started = time.perf_counter()
            predictions[item["id"]] = gazetteer.link(item["text"], film_id=film_id)
            timings.append(time.perf_counter() - started)
            texts.append(item["text"])
        sets[name] = {
            "texts": len(items),
            "labelled_mentions": sum(len(item["mentions"]) for item in items),
            "linked": score(items, predictions, DEFAULT_MIN_CONFIDENCE),
            "auto_linked": score(items, predictions, AUTO_LINK_CONFIDENCE),
        }
    long_text = "\n\n".join(texts)
    started = time.perf_counter()
    gazetteer.link(long_text)
    long_seconds = time.perf_counter() - started
    longest = (long_text + "\n\n") * (MAX_SCAN_CHARS // len(long_text) + 1)
    started = time.perf_counter()
    gazetteer.link(longest)
    longest_seconds = time.perf_counter() - started
    result = {
        "sets": sets,
        "catalog": {
            "films": Film.objects.count(),
            "people": Person.objects.count(),
            "credits": Credit.objects.count(),
            "gazetteer_keys": len(gazetteer),
        },
        "seconds": {
            "build_and_share_gazetteer": round(build_seconds, 2),
            "load_shared_gazetteer": round(load_seconds, 2),
            "version_check": round(cached_seconds, 4),
            "link_median": round(statistics.median(timings), 4),
            "link_p95": round(sorted(timings)[int(0.95 * (len(timings) - 1))], 4),
            "link_max": round(max(timings), 4),
            "link_all_texts_as_one": round(long_seconds, 4),
            "all_texts_chars": len(long_text),
            "link_at_the_scan_cap": round(longest_seconds, 3),
        },
        "load_average": os.getloadavg()[0],
    }
    if args.json:
        print(json.dumps(result, indent=2, default=str))
        return
    print(f"catalog: {result['catalog']}")
    for set_name, figures_of in sets.items():
        print(
            f"{set_name}: {figures_of['texts']} texts, {figures_of['labelled_mentions']} mentions"
        )
        for name in ("linked", "auto_linked"):
            figures = figures_of[name]
            print(
                f"  {name:>11} >= {figures['threshold']:.2f}: precision {figures['precision']:.3f} "
                f"recall {figures['recall']:.3f} (tp {figures['tp']}, fp {figures['fp']}, "
                f"fn {figures['fn']})"
            )
            for kind, k in figures["per_kind"].items():
                print(f"  {kind:>26}: precision {k['precision']:.3f} recall {k['recall']:.3f}")
        if args.errors:
            for error in figures_of["linked"]["errors"]:
                print("    ", *error)
    print(f"seconds: {result['seconds']}  load average {result['load_average']:.1f}")


if __name__ == "__main__":
    main()
