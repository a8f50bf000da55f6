"""The linker's gazetteer, built from the catalog tables and kept per process.

Building reads every film, title, person, alias and credit once (a few seconds for 10,000 films
and 50,000 people); after that each text is linked against the copy in memory. The copy is
rebuilt when the catalog changes: a save or delete through the ORM in this process bumps a
generation number at once, and row counts, highest ids and the newest film change, read on each
use, catch bulk loads and other processes. An edit to an existing person's name made in another
process is seen after the next catalog change or restart.
"""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict

from django.db.models import Count, Max

from marquee.catalog.models import AlternateTitle, Credit, Film, Person, PersonAlias
from marquee.mentions.linker import FilmRecord, Gazetteer, PersonRecord

# A word in the synopses of this many films is an ordinary word (or a place everyone names):
# a one-word title made of it needs more than a capital letter to be linked.
COMMON_WORD_MIN_FILMS = 3
_SYNOPSIS_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")

_lock = threading.Lock()
_cached: tuple[tuple, Gazetteer] | None = None
_generation = 0


def catalog_changed(**_kwargs: object) -> None:
    """Signal receiver: the next ``gazetteer()`` call rebuilds."""
    global _generation
    _generation += 1


def catalog_version() -> tuple:
    """Changes whenever the catalog does (see the module's docstring for what it misses)."""
    parts: list[object] = [_generation]
    parts += Film.objects.aggregate(n=Count("id"), top=Max("id"), at=Max("updated_at")).values()
    for model in (AlternateTitle, Person, PersonAlias, Credit):
        parts += model.objects.aggregate(n=Count("id"), top=Max("id")).values()
    return tuple(parts)


def gazetteer() -> Gazetteer:
    """The gazetteer of the current catalog, rebuilt only when the catalog has changed."""
    global _cached
    version = catalog_version()
    with _lock:
        if _cached is not None and _cached[0] == version:
            return _cached[1]
        built = build_gazetteer()
        _cached = (version, built)
        return built


def build_gazetteer() -> Gazetteer:
    """Every title, name and credit of the catalog, as the linker's plain records."""
    other_titles: dict[int, list[str]] = defaultdict(list)
    for film_id, title in AlternateTitle.objects.values_list("film_id", "title").iterator():
        other_titles[film_id].append(title)
    directors: dict[int, set[int]] = defaultdict(set)
    credited: dict[int, set[int]] = defaultdict(set)
    filmography: dict[int, set[int]] = defaultdict(set)
    for film_id, person_id, role in Credit.objects.values_list(
        "film_id", "person_id", "role"
    ).iterator():
        credited[film_id].add(person_id)
        filmography[person_id].add(film_id)
        if role == Credit.Role.DIRECTOR:
            directors[film_id].add(person_id)
    films = [
        FilmRecord(
            id=pk,
            title=title,
            year=year,
            other_titles=tuple(
                t for t in dict.fromkeys([original, *other_titles[pk]]) if t and t != title
            ),
            directors=frozenset(directors[pk]),
            people=frozenset(credited[pk]),
        )
        for pk, title, original, year in Film.objects.values_list(
            "pk", "title", "original_title", "year"
        ).iterator()
    ]
    aliases: dict[int, list[str]] = defaultdict(list)
    for person_id, name in PersonAlias.objects.values_list("person_id", "name").iterator():
        aliases[person_id].append(name)
    people = [
        PersonRecord(id=pk, name=name, aliases=tuple(aliases[pk]), films=frozenset(filmography[pk]))
        for pk, name in Person.objects.values_list("pk", "name").iterator()
    ]
    common, ordinary = synopsis_words()
    return Gazetteer(films, people, common_words=common, ordinary_words=ordinary)


def synopsis_words() -> tuple[set[str], set[str]]:
    """Words many films' synopses use: (in any case, in lower case).

    The first set is ordinary words plus the places and names everyone writes about; the
    second only words used in lower case, the ordinary ones.
    """
    any_case: Counter[str] = Counter()
    lower_case: Counter[str] = Counter()
    for synopsis, tagline in Film.objects.values_list("synopsis", "tagline").iterator():
        words = set(_SYNOPSIS_WORD.findall(f"{synopsis} {tagline}"))
        any_case.update({word.casefold() for word in words})
        lower_case.update({word for word in words if word.islower()})
    return (
        {word for word, count in any_case.items() if count >= COMMON_WORD_MIN_FILMS},
        {word for word, count in lower_case.items() if count >= COMMON_WORD_MIN_FILMS},
    )
