"""An in-memory index of the catalog for matching thousands of imported rows quickly.

``film_find`` asks the database once per title; an import of 10,000 rows would make 10,000
queries. ``FilmIndex`` loads ids and match keys once and answers from dictionaries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from marquee.catalog.matching import title_match_key
from marquee.catalog.models import AlternateTitle, Film


@dataclass
class FilmIndex:
    by_imdb: dict[str, int] = field(default_factory=dict)
    by_tmdb: dict[int, int] = field(default_factory=dict)
    by_key: dict[str, list[tuple[int, int | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    @classmethod
    def build(cls) -> FilmIndex:
        """Index every film by IMDb id, TMDB id, and the match keys of all its titles."""
        index = cls()
        rows = Film.objects.values_list("pk", "imdb_id", "tmdb_id", "match_key", "year")
        years = {}
        for pk, imdb_id, tmdb_id, key, year in rows.iterator(chunk_size=5000):
            index._add(pk, imdb_id, tmdb_id, key, year)
            years[pk] = year
        for film_id, key in AlternateTitle.objects.values_list("film_id", "match_key"):
            index.by_key[key].append((film_id, years.get(film_id)))
        return index

    def _add(
        self, pk: int, imdb_id: str | None, tmdb_id: int | None, key: str, year: int | None
    ) -> None:
        if imdb_id:
            self.by_imdb[imdb_id] = pk
        if tmdb_id:
            self.by_tmdb[tmdb_id] = pk
        self.by_key[key].append((pk, year))

    def add(self, film: Film) -> None:
        """Make a film created during an import findable by the rows after it."""
        self._add(film.pk, film.imdb_id, film.tmdb_id, film.match_key, film.year)

    def find(
        self,
        *,
        title: str,
        year: int | None = None,
        imdb_id: str | None = None,
        tmdb_id: int | None = None,
        original_title: str = "",
    ) -> int | None:
        """The id of the film meant, or None when there is none or no single best one.

        Ids win. Otherwise the title (or original title) must match and the year decide:
        the same year first, then one year off (release years differ between countries).
        """
        if imdb_id and imdb_id in self.by_imdb:
            return self.by_imdb[imdb_id]
        if tmdb_id and tmdb_id in self.by_tmdb:
            return self.by_tmdb[tmdb_id]
        for candidate_title in (title, original_title):
            if candidate_title:
                found = self._by_title(candidate_title, year)
                if found:
                    return found
        return None

    def _by_title(self, title: str, year: int | None) -> int | None:
        candidates = set(self.by_key.get(title_match_key(title), ()))
        if year is None:
            ids = {pk for pk, _ in candidates}
            return ids.pop() if len(ids) == 1 else None
        for distance in (0, 1):
            ids = {pk for pk, y in candidates if y is not None and abs(y - year) == distance}
            if ids:
                return ids.pop() if len(ids) == 1 else None
        return None
