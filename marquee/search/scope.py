"""Which documents a filtered search may return, worked out once and kept in memory.

A filter (year, genre, director, verdict) names films. Finding them is a join over the catalog
(5 to 15 ms), and joining that to the full-text index cost as much again on every pass of a
search (a search makes up to four). So each process finds the allowed films once per filter
and index version (the version changes whenever a film, credit, genre or review is indexed
again), and results are narrowed here: keyword hits by document id, vectors by a row mask.
"Watched" depends on the reader and is applied on top, never kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import QuerySet

from marquee.search.models import SearchDocument

NO_ID = -1
CACHED_FILTERS = 64  # distinct filters kept per process; the least recently used goes first


@dataclass(frozen=True)
class DocumentFacts:
    """Every document's film and verdict (NO_ID where it has none), sorted by document id."""

    version: int
    document_ids: np.ndarray
    film_ids: np.ndarray
    verdict_ids: np.ndarray

    @classmethod
    def load(cls, version: int) -> DocumentFacts:
        rows = SearchDocument.objects.order_by("pk").values_list("pk", "film_id", "verdict_id")
        ids, films, verdicts = [], [], []
        for pk, film_id, verdict_id in rows.iterator(chunk_size=10_000):
            ids.append(pk)
            films.append(NO_ID if film_id is None else film_id)
            verdicts.append(NO_ID if verdict_id is None else verdict_id)
        as_array = lambda values: np.asarray(values, dtype=np.int64)  # noqa: E731
        return cls(version, as_array(ids), as_array(films), as_array(verdicts))


@dataclass
class Scope:
    """The documents a search may return: those about allowed films (people never), and of
    reviews only those with the chosen verdict."""

    document_ids: np.ndarray  # sorted
    _allowed: frozenset[int] = field(init=False, repr=False)
    _masks: dict[tuple, np.ndarray] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._allowed = frozenset(self.document_ids.tolist())

    @classmethod
    def of(cls, facts: DocumentFacts, film_ids: np.ndarray, verdict_id: int | None) -> Scope:
        keep = np.isin(facts.film_ids, film_ids) & (facts.film_ids != NO_ID)
        if verdict_id is not None:
            keep &= (facts.verdict_ids == NO_ID) | (facts.verdict_ids == verdict_id)
        return cls(facts.document_ids[keep])

    def keep(self, document_ids: list[int]) -> list[int]:
        """The allowed ones, in the order given."""
        return [pk for pk in document_ids if pk in self._allowed]

    def row_mask(self, document_ids: np.ndarray, *, key: tuple) -> np.ndarray:
        """True for the rows of ``document_ids`` (the vector matrix that ``key`` names) that
        this scope allows; kept, since one matrix serves until the index changes."""
        mask = self._masks.get(key)
        if mask is None:
            mask = np.isin(document_ids, self.document_ids)
            self._masks = {key: mask}
        return mask


@dataclass(frozen=True)
class _Entry:
    film_ids: np.ndarray
    scope: Scope


class _Cache:
    """Per database alias: the facts of one index version, and what each filter allows."""

    def __init__(self) -> None:
        self.facts: DocumentFacts | None = None
        self.entries: OrderedDict[tuple, _Entry] = OrderedDict()


_caches: dict[str, _Cache] = {}
_lock = threading.Lock()


def _cache_for(version: int) -> _Cache:
    cache = _caches.setdefault(connection.alias, _Cache())
    if cache.facts is None or cache.facts.version != version:
        with _lock:
            if cache.facts is None or cache.facts.version != version:
                cache.entries = OrderedDict()
                cache.facts = DocumentFacts.load(version)
    return cache


def _entry(cache: _Cache, key: tuple, films: QuerySet, verdict_id: int | None) -> _Entry:
    entry = cache.entries.get(key)
    if entry is None:
        film_ids = np.unique(np.fromiter(films.values_list("pk", flat=True), dtype=np.int64))
        entry = _Entry(film_ids, Scope.of(cache.facts, film_ids, verdict_id))
    with _lock:
        cache.entries[key] = entry
        cache.entries.move_to_end(key)
        while len(cache.entries) > CACHED_FILTERS:
            cache.entries.popitem(last=False)
    return entry


def scope_for(
    *,
    version: int,
    key: tuple,
    films: QuerySet,
    verdict_id: int | None,
    watched: np.ndarray | None = None,
    exclude_watched: bool = False,
) -> Scope:
    """What the catalog filter ``key`` allows (its films listed by ``films``), found once per
    index version; then narrowed to one reader's ``watched`` film ids, or with
    ``exclude_watched`` to the others, which is never kept."""
    cache = _cache_for(version)
    entry = _entry(cache, key, films, verdict_id)
    if watched is None:
        return entry.scope
    if exclude_watched:
        film_ids = np.setdiff1d(entry.film_ids, watched)
    else:
        film_ids = np.intersect1d(entry.film_ids, watched)
    return Scope.of(cache.facts, film_ids, verdict_id)
