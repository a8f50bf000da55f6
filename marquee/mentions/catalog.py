"""The linker's gazetteer: built from the catalog tables, shared through the cache, kept in memory.

Building reads every film, title, person, alias and credit once: about 1.6 s of CPU for 11,000
films and 50,000 people (3 s before it was tuned; a busy machine's wall clock says several times
that). So that each web and task worker does not pay it after every start and catalog
change, the process that builds the gazetteer also stores it, pickled and compressed (3 MB at
that size), in the Django cache: the data folder's file cache by default, one copy per machine;
Redis where several app servers share it, one copy for all. The others load that copy (about
0.4 s) instead of building.

Each process keeps its copy in memory and replaces it when the catalog changes: a save or delete
through the ORM in this process bumps a generation number at once, and row counts, highest ids
and the newest film change, read on each use, catch bulk loads and other processes. The shared
copy is stamped with those counts, the database and a fingerprint of this code; one whose stamp
differs, or that cannot be read, is rebuilt, and it is stored only once the building transaction
has committed. A process that changed the catalog itself since it last built builds from the
tables again rather than load the shared copy (its change may be one the counts miss, a person
renamed), then replaces it. An edit to an existing person's name made in another process is seen
after the next catalog change, or after a restart once the shared copy has been replaced or has
expired (``SHARED_COPY_SECONDS``).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import logging
import pickle
import re
import sys
import threading
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Max

from marquee.catalog.models import AlternateTitle, Credit, Film, Person, PersonAlias
from marquee.mentions import linker
from marquee.mentions.linker import FilmRecord, Gazetteer, PersonRecord

log = logging.getLogger(__name__)

# A word in the synopses of this many films is an ordinary word (or a place everyone names):
# a one-word title made of it needs more than a capital letter to be linked.
COMMON_WORD_MIN_FILMS = 3
_SYNOPSIS_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
# The shared copy's cache key: one, not one per version, so no old copy is left behind.
SHARED_KEY = "mentions:gazetteer"
# The shared copy is rebuilt at least this often, so that edits the counts miss end up seen.
SHARED_COPY_SECONDS = 24 * 60 * 60

_lock = threading.Lock()
_cached: tuple[tuple, Gazetteer] | None = None
_generation = 0
# The generation when this process last built from the tables: a change made here since then
# may be one the shared copy's stamp cannot show.
_built_generation = 0


def catalog_changed(**_kwargs: object) -> None:
    """Signal receiver: the next ``gazetteer()`` call rebuilds."""
    global _generation
    _generation += 1


def catalog_version() -> tuple:
    """Changes whenever the catalog does (see the module's docstring for what it misses)."""
    return (_generation, *_table_version())


def _table_version() -> tuple:
    """Row counts, highest ids and the newest film edit: what every process can see."""
    parts: list[object] = []
    parts += Film.objects.aggregate(n=Count("id"), top=Max("id"), at=Max("updated_at")).values()
    for model in (AlternateTitle, Person, PersonAlias, Credit):
        parts += model.objects.aggregate(n=Count("id"), top=Max("id")).values()
    return tuple(parts)


def gazetteer() -> Gazetteer:
    """The gazetteer of the current catalog: this process's copy, the shared one or a new one."""
    global _cached, _built_generation
    generation = _generation
    tables = _table_version()
    version = (generation, *tables)
    with _lock:
        if _cached is not None and _cached[0] == version:
            return _cached[1]
        found = _load_shared(tables) if generation == _built_generation else None
        if found is None:
            found = build_gazetteer()
            _built_generation = generation
            # Only a committed catalog is shared: a rolled-back change must not outlive its
            # transaction in other processes.
            transaction.on_commit(functools.partial(_share, tables, found))
        _cached = (version, found)
        return found


def forget(*, shared: bool = False) -> None:
    """Drop this process's copy, as a restart would; with ``shared``, the shared copy too."""
    global _cached
    with _lock:
        _cached = None
    if shared:
        cache.delete(SHARED_KEY)


def build_gazetteer() -> Gazetteer:
    """Every title, name and credit of the catalog, as the linker's plain records."""
    with _collector_paused():
        other_titles: dict[int, list[str]] = defaultdict(list)
        for film_id, title in AlternateTitle.objects.values_list("film_id", "title").iterator():
            other_titles[film_id].append(title)
        directors: dict[int, set[int]] = defaultdict(set)
        credited: dict[int, set[int]] = defaultdict(set)
        filmography: dict[int, set[int]] = defaultdict(set)
        director = Credit.Role.DIRECTOR.value
        for film_id, person_id, role in Credit.objects.values_list(
            "film_id", "person_id", "role"
        ).iterator():
            credited[film_id].add(person_id)
            filmography[person_id].add(film_id)
            if role == director:
                directors[film_id].add(person_id)
        films = [
            FilmRecord(
                id=pk,
                title=title,
                year=year,
                other_titles=tuple(
                    t
                    for t in dict.fromkeys([original, *other_titles.get(pk, ())])
                    if t and t != title
                ),
                directors=frozenset(directors.get(pk, ())),
                people=frozenset(credited.get(pk, ())),
            )
            for pk, title, original, year in Film.objects.values_list(
                "pk", "title", "original_title", "year"
            ).iterator()
        ]
        aliases: dict[int, list[str]] = defaultdict(list)
        for person_id, name in PersonAlias.objects.values_list("person_id", "name").iterator():
            aliases[person_id].append(name)
        people = [
            PersonRecord(
                id=pk,
                name=name,
                aliases=tuple(aliases.get(pk, ())),
                films=frozenset(filmography.get(pk, ())),
            )
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


# -- the shared copy ------------------------------------------------------------------------


@functools.cache
def _code_fingerprint() -> str:
    """Changes with the linker's code, so that no process loads a copy another version made."""
    digest = hashlib.sha256(repr(sys.version_info[:2]).encode())
    for module in (linker, sys.modules[__name__]):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


def _stamp(tables: tuple) -> tuple:
    """What the shared copy was built by and from."""
    database = connection.settings_dict
    return (_code_fingerprint(), database["NAME"], database["HOST"], database["PORT"], *tables)


def _share(tables: tuple, built: Gazetteer) -> None:
    """Store ``built`` for other processes; a cache that fails costs them a build, no more."""
    try:
        with _collector_paused():
            blob = pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL)
        # Fast compression: a third of the size to write and send, for a tenth of a second.
        blob = zlib.compress(blob, 1)
        cache.set(SHARED_KEY, (_stamp(tables), blob), SHARED_COPY_SECONDS)
    except Exception:
        log.warning("could not store the gazetteer in the cache", exc_info=True)


def _load_shared(tables: tuple) -> Gazetteer | None:
    """The shared copy if it was built from these tables; None if absent, stale or unreadable."""
    try:
        with _collector_paused():
            stored = cache.get(SHARED_KEY)
            if stored is None or stored[0] != _stamp(tables):
                return None
            loaded = pickle.loads(zlib.decompress(stored[1]))
    except Exception:
        log.warning("the cached gazetteer is unreadable: building a new one", exc_info=True)
        return None
    return loaded if isinstance(loaded, Gazetteer) else None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building or loading makes about a million small objects and no reference cycles: the
    cycle collector's passes over them would take a third of the time and find nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
