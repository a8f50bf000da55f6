"""Keyword search: the query cut into words, typos mended from the catalog's own words, and
the full-text index asked in its own language (FTS5 on SQLite, tsquery on PostgreSQL).

No text the user typed reaches MATCH or to_tsquery as syntax: the query is cut into runs of
letters and digits, and each is quoted, so ``"``, ``*``, ``NEAR``, ``OR``, ``-``, ``(``, ``:``
and ``^`` are only ever words or nothing. A query is capped at ``MAX_QUERY_CHARS`` characters
and ``MAX_WORDS`` words.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from marquee.catalog.matching import title_match_key
from marquee.search.models import SearchDocument

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
_WORD = re.compile(r"\w+", re.UNICODE)
# Dropped from the any-word fallback (never from the all-words query), where they would match
# nearly everything: "a film about the sea" looks for "film" and "sea".
_STOP_WORDS = """a about after again all also an and any are as at be been before being both
but by can could did do does doing down during each few for from further get got had has have
having he her here hers him his how i if in into is it its just me more most my no nor not now
of off on once only or other our out over own same she should so some such than that the their
them then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
TITLE_WEIGHTS = (10.0, 6.0, 6.0, 2.0, 1.0)  # bm25 weights: title, other titles, people, kw, text
Table = SearchDocument._meta.db_table


def fold(word: str) -> str:
    """Lower case without accents: ``Amélie`` and ``amelie`` are one word to search."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class ParsedQuery:
    """The words of a query, and for some of them other spellings to look for too."""

    text: str
    words: list[str]
    truncated: bool = False
    alternatives: dict[str, list[str]] = field(default_factory=dict)

    @property
    def title_key(self) -> str:
        return title_match_key(self.text)

    def spellings(self, word: str) -> list[str]:
        """The word as typed (and unaccented), then any corrections."""
        return list(dict.fromkeys([word, fold(word), *self.alternatives.get(word, [])]))

    def corrections(self) -> dict[str, list[str]]:
        return {word: alts for word, alts in self.alternatives.items() if alts}


def parse(query: str) -> ParsedQuery:
    """Words of the query, lower-cased; everything that is not a letter or digit is dropped."""
    text = " ".join(query.split())
    truncated = len(text) > MAX_QUERY_CHARS
    text = text[:MAX_QUERY_CHARS]
    words = [w.casefold() for w in _WORD.findall(text)]
    truncated = truncated or len(words) > MAX_WORDS
    return ParsedQuery(text=text, words=words[:MAX_WORDS], truncated=truncated)


# -- typos ------------------------------------------------------------------------------------


class Vocabulary:
    """Words of titles and names, with how many documents use each, to mend misspellings."""

    def __init__(self, counts: Counter) -> None:
        self.counts = counts
        self.words = list(counts)

    @classmethod
    def load(cls) -> Vocabulary:
        counts: Counter = Counter()
        rows = SearchDocument.objects.exclude(kind=SearchDocument.Kind.REVIEW).values_list(
            "title", "other_titles", "people"
        )
        for fields in rows.iterator(chunk_size=5000):
            words = {fold(w) for value in fields for w in _WORD.findall(value)}
            counts.update(w for w in words if len(w) >= 3)
        return cls(counts)

    def corrections(self, word: str, *, limit: int = 3) -> list[str]:
        """Known words one edit away (two for long words), most used first; none for a word
        the catalog knows or one too short to guess at."""
        folded = fold(word)
        if len(folded) < 4 or folded in self.counts or folded.isdigit():
            return []
        most = 1 if len(folded) < 7 else 2
        found = process.extract(
            folded,
            self.words,
            scorer=DamerauLevenshtein.distance,
            score_cutoff=most,
            limit=20,
        )
        ranked = sorted(found, key=lambda hit: (hit[1], -self.counts[hit[0]]))
        return [hit[0] for hit in ranked[:limit]]


_vocabularies: dict[str, tuple[int, Vocabulary]] = {}
_lock = threading.Lock()


def vocabulary(version: int) -> Vocabulary:
    """This process's vocabulary, read again when the index version changed."""
    key = connection.alias
    loaded = _vocabularies.get(key)
    if loaded is None or loaded[0] != version:
        with _lock:
            loaded = _vocabularies.get(key)
            if loaded is None or loaded[0] != version:
                loaded = (version, Vocabulary.load())
                _vocabularies[key] = loaded
    return loaded[1]


def add_corrections(parsed: ParsedQuery, words: Vocabulary) -> None:
    """Other spellings for the words the index does not hold anywhere (a word it holds, such
    as "romance" in a genre, is not a typo, even if a name is one letter away from it)."""
    for word in parsed.words:
        if not words.counts.get(fold(word)) and not _indexed(word):
            parsed.alternatives[word] = words.corrections(word)


def _indexed(word: str) -> bool:
    """Whether any document holds the word (as typed, or its stem)."""
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT 1 FROM {Table} WHERE search_vector @@"
            " (to_tsquery('simple', %s) || plainto_tsquery('english', %s)) LIMIT 1"
        )
        params = [f"'{word}'", word]
    else:
        sql = "SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT 1"
        params = [_fts5_term(word, prefix=False)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None


# -- the full-text query ----------------------------------------------------------------------


@dataclass(frozen=True)
class Restriction:
    """SQL that keeps only some documents: about these films, of this verdict, of these kinds."""

    film_sql: tuple[str, list] | None = None
    verdict_id: int | None = None
    films_only: bool = False

    def sql(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.film_sql:
            clauses.append(f"d.film_id IN ({self.film_sql[0]})")
            params += list(self.film_sql[1])
        if self.films_only:
            clauses.append("d.kind <> 'person'")
        if self.verdict_id is not None:
            clauses.append("(d.kind <> 'review' OR d.verdict_id = %s)")
            params.append(self.verdict_id)
        return "".join(f" AND {c}" for c in clauses), params


def _fts5_term(spelling: str, *, prefix: bool) -> str:
    quoted = '"' + spelling.replace('"', '""') + '"'
    return quoted + "*" if prefix else quoted


PREFIX_MAX_WORDS = 4


def prefix_allowed(parsed: ParsedQuery, index: int) -> bool:
    """Only the last word is taken as the start of a longer one (typing ahead a title or a
    name), from three letters ("it*" would match half the catalog), and only in a query of
    at most four words: in a description the last word is a whole one."""
    return (
        index == len(parsed.words) - 1
        and len(parsed.words[index]) >= 3
        and len(parsed.words) <= PREFIX_MAX_WORDS
    )


def _groups(parsed: ParsedQuery, *, any_word: bool) -> list[tuple[int, str]]:
    words = list(enumerate(parsed.words))
    if any_word and len(words) > 1:
        meaningful = [(i, w) for i, w in words if w not in STOP_WORDS]
        words = meaningful or words
    return words


def fts5_match(parsed: ParsedQuery, *, any_word: bool) -> str:
    """An FTS5 MATCH expression: every word quoted, its spellings OR-ed, words AND-ed (or
    OR-ed with ``any_word``)."""
    groups = []
    for index, word in _groups(parsed, any_word=any_word):
        prefix = prefix_allowed(parsed, index)
        terms = [_fts5_term(s, prefix=prefix) for s in parsed.spellings(word)]
        groups.append("(" + " OR ".join(terms) + ")")
    return (" OR " if any_word else " AND ").join(groups)


def _pg_tsquery(parsed: ParsedQuery, *, any_word: bool) -> tuple[str, list]:
    """A tsquery expression: each spelling both as a 'simple' word (titles, names; prefix for
    the last word) and as an English stem (the rest)."""
    groups, params = [], []
    for index, word in _groups(parsed, any_word=any_word):
        suffix = ":*" if prefix_allowed(parsed, index) else ""
        parts = []
        for spelling in parsed.spellings(word):
            # Words are runs of letters and digits: quoting them is enough for to_tsquery.
            parts.append("to_tsquery('simple', %s) || plainto_tsquery('english', %s)")
            params += [f"'{spelling}'{suffix}", spelling]
        groups.append("(" + " || ".join(parts) + ")")
    return (" || " if any_word else " && ").join(groups), params


def keyword_search(
    parsed: ParsedQuery, *, restriction: Restriction, limit: int, any_word: bool = False
) -> list[tuple[int, float]]:
    """(document id, relevance) of the documents matching the words, best first."""
    if not parsed.words:
        return []
    where, where_params = restriction.sql()
    if connection.vendor == "postgresql":
        tsquery, query_params = _pg_tsquery(parsed, any_word=any_word)
        sql = (
            f"SELECT d.id, ts_rank(d.search_vector, q.query) AS relevance FROM {Table} d,"
            f" (SELECT {tsquery} AS query) q WHERE d.search_vector @@ q.query{where}"
            " ORDER BY relevance DESC, d.id LIMIT %s"
        )
        params = [*query_params, *where_params, limit]
    else:
        weights = ", ".join(str(w) for w in TITLE_WEIGHTS)
        match = fts5_match(parsed, any_word=any_word)
        if where:
            sql = (
                f"SELECT d.id, -bm25(search_fts, {weights}) AS relevance FROM search_fts"
                f" JOIN {Table} d ON d.id = search_fts.rowid WHERE search_fts MATCH %s{where}"
                " ORDER BY relevance DESC, d.id LIMIT %s"
            )
        else:  # half the time without the join: ranking is what costs
            sql = (
                f"SELECT rowid, -bm25(search_fts, {weights}) AS relevance FROM search_fts"
                " WHERE search_fts MATCH %s ORDER BY relevance DESC, rowid LIMIT %s"
            )
        params = [match, *where_params, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(pk), float(score)) for pk, score in cursor.fetchall()]


def exact_title_films(parsed: ParsedQuery, *, limit: int = 200) -> list[int]:
    """Films titled as the query, however written ("the matrix", "Matrix, The")."""
    if not parsed.title_key:
        return []
    sql = (
        f"SELECT d.id FROM {Table} d WHERE d.title_key = %s AND d.kind = 'film'"
        " ORDER BY d.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [parsed.title_key, limit])
        return [int(pk) for (pk,) in cursor.fetchall()]
