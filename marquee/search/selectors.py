"""Search: one query over films, people and published reviews, by keyword and by meaning,
ranked together by reciprocal rank fusion, each result with the reasons it matched.

The fusion's constants were tuned on the dev half of ``bench/search/queries.json`` (never on
its test queries); bench/search/README.md has the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.db.models import QuerySet
from rapidfuzz.distance import DamerauLevenshtein

from marquee.accounts.models import User
from marquee.catalog.models import Credit, Film
from marquee.readers.selectors import reader_watched_films
from marquee.reviews.models import Review, Verdict
from marquee.search import embeddings, keyword, scope, vectors, why
from marquee.search.models import SearchDocument

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
CANDIDATES = 100  # taken from each of the two rankings before fusing
EXACT_TITLES = 20  # films titled exactly as the query, at most (remakes: "Hamlet")
KEYWORD_READ = 1000  # keyword hits a filtered search reads before keeping the allowed ones
NAMING_TOP = 3  # keyword results looked at to tell whether the query names something
MISSPELLED_TITLE_MIN_CHARS = 5  # shorter queries are too close to too many titles ("Us", "Up")
FEW_RESULTS = 5  # fewer keyword results than this, and misspellings are looked for
MODES = ("combined", "keyword", "meaning")
WATCHED_CHOICES = ("watched", "unwatched")
EMPTY_QUERY = "Type a title, a name or what a film is about."


@dataclass(frozen=True)
class Fusion:
    """How the keyword and the meaning rankings are combined (reciprocal rank fusion):
    a document scores ``weight / (rrf_k + rank)`` in each ranking it is in."""

    rrf_k: float = 20.0
    keyword_weight: float = 1.0
    meaning_weight: float = 1.0
    # When a top keyword result holds every word of the query in its titles or names, the
    # query names something ("the godfather", "kubrick"): then meaning does not count.
    naming_meaning_weight: float = 0.0
    exact_title_bonus: float = 1.0  # a film titled exactly as the query ("Up", "Her") first
    min_similarity: float = 0.2  # meaning results less similar than this are left out


FUSION = Fusion()


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing a search to films (and reviews of them) that fit; blank means any."""

    verdict: str = ""  # a verdict's slug: reviews with it, films with such a review
    year_from: int | None = None
    year_to: int | None = None
    genre: str = ""  # a genre's slug
    director: str = ""  # part of a director's name
    watched: str = ""  # "watched" or "unwatched", for a signed-in reader

    def narrows_films(self) -> bool:
        return bool(
            self.verdict
            or self.year_from
            or self.year_to
            or self.genre
            or self.director
            or self.watched
        )


@dataclass
class Hit:
    """One result: what it is, where it lives, its fused score and why it matched."""

    kind: str
    title: str
    year: int | None
    url: str
    score: float
    people: str
    reasons: list[why.Reason] = field(default_factory=list)
    keyword_rank: int | None = None
    meaning_rank: int | None = None
    film_id: int | None = None

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "year": self.year,
            "url": self.url,
            "score": round(self.score, 6),
        }


@dataclass
class SearchResults:
    query: str
    hits: list[Hit] = field(default_factory=list)
    message: str = ""
    truncated: bool = False
    corrections: dict[str, list[str]] = field(default_factory=dict)


def _verdict_id(filters: SearchFilters) -> int | None:
    if not filters.verdict:
        return None
    found = Verdict.objects.filter(slug=filters.verdict).values_list("pk", flat=True).first()
    return found or 0  # an unknown verdict allows no review


def _catalog_films(filters: SearchFilters, verdict_id: int | None) -> QuerySet[Film]:
    """The films the filter allows, but for "watched", which depends on the reader."""
    films = Film.objects.all()
    if filters.year_from:
        films = films.filter(year__gte=filters.year_from)
    if filters.year_to:
        films = films.filter(year__lte=filters.year_to)
    if filters.genre:
        films = films.filter(genres__slug=filters.genre)
    if filters.director:
        films = films.filter(
            credits__role=Credit.Role.DIRECTOR, credits__person__name__icontains=filters.director
        )
    if verdict_id is not None:
        films = films.filter(
            reviews__status=Review.Status.PUBLISHED, reviews__verdict_id=verdict_id
        )
    return films.order_by().values("pk").distinct()


@dataclass
class Narrowing:
    """What a filtered search may return: in memory (``scope``) and, for the rare query the
    scope cannot serve and for pgvector, the same in SQL (``restriction``)."""

    scope: scope.Scope
    restriction: keyword.Restriction


def _narrowing(filters: SearchFilters, reader: User | None, version: int) -> Narrowing | None:
    if not filters.narrows_films():
        return None
    verdict_id = _verdict_id(filters)
    catalog_films = _catalog_films(filters, verdict_id)
    films, watched = catalog_films, None
    if filters.watched and reader is not None and reader.is_authenticated:
        seen = reader_watched_films(reader).values("pk")
        watched = np.fromiter(seen.values_list("pk", flat=True), dtype=np.int64)
        if filters.watched == "watched":
            films = films.filter(pk__in=seen)
        else:
            films = films.exclude(pk__in=seen)
    allowed = scope.scope_for(
        version=version,
        key=(filters.year_from, filters.year_to, filters.genre, filters.director, verdict_id),
        films=catalog_films,
        verdict_id=verdict_id,
        watched=watched,
        exclude_watched=filters.watched == "unwatched",
    )
    restriction = keyword.Restriction(
        film_sql=films.query.sql_with_params(), verdict_id=verdict_id, films_only=True
    )
    return Narrowing(allowed, restriction)


def _keyword_hits(
    parsed: keyword.ParsedQuery, narrowing: Narrowing | None, *, any_word: bool = False
) -> list[int]:
    """Document ids matching the words, best first. A filtered search reads more hits and
    keeps the allowed ones; only when a common word fills that read and too few are kept
    does the database narrow them instead (slower: it joins the filter to the index)."""

    def ids(restriction: keyword.Restriction, limit: int) -> list[int]:
        hits = keyword.keyword_search(
            parsed, restriction=restriction, limit=limit, any_word=any_word
        )
        return [pk for pk, _ in hits]

    if narrowing is None:
        return ids(keyword.Restriction(), CANDIDATES)
    read = ids(keyword.Restriction(), KEYWORD_READ)
    kept = narrowing.scope.keep(read)
    if len(read) == KEYWORD_READ and len(kept) < CANDIDATES:
        kept = ids(narrowing.restriction, CANDIDATES)
    return kept[:CANDIDATES]


def _keyword_ranking(
    parsed: keyword.ParsedQuery, narrowing: Narrowing | None, version: int
) -> list[int]:
    """Films titled as the query, then documents with every word; then, when few, the same
    with misspellings mended, then documents with any of the words."""
    found = keyword.exact_title_films(parsed)
    if narrowing is not None:
        found = narrowing.scope.keep(found)
    found = found[:EXACT_TITLES]

    def add(hits: list[int]) -> None:
        seen = set(found)
        found.extend(pk for pk in hits if pk not in seen)

    add(_keyword_hits(parsed, narrowing))
    if len(found) >= FEW_RESULTS:
        return found[:CANDIDATES]
    keyword.add_corrections(parsed, keyword.vocabulary(version))
    passes = [False, True] if parsed.corrections() else [True]
    for any_word in passes:
        if len(found) < CANDIDATES:
            add(_keyword_hits(parsed, narrowing, any_word=any_word))
    return found[:CANDIDATES]


def _meaning_ranking(
    parsed: keyword.ParsedQuery, narrowing: Narrowing | None, version: int
) -> list[tuple[int, float]]:
    model = embeddings.current()
    query = embeddings.embed([parsed.text])[0]
    if not query.any():
        return []
    found = None
    if vectors.pgvector_in_use():
        where = narrowing.restriction.sql() if narrowing is not None else ("", [])
        found = vectors.pgvector_nearest(query, model=model.name, k=CANDIDATES, where=where)
    if found is None:
        matrix = vectors.matrix_for(version=version, model=model.name, dim=model.dim)
        allowed = None
        if narrowing is not None:
            allowed = narrowing.scope.row_mask(
                matrix.document_ids, key=(matrix.version, matrix.model)
            )
        found = matrix.nearest(query, k=CANDIDATES, allowed=allowed)
    return found


def _fuse(
    keyword_ids: list[int],
    meaning: list[tuple[int, float]],
    exact_title: set[int],
    fusion: Fusion,
    *,
    naming: bool = False,
) -> dict[int, float]:
    scores: dict[int, float] = {}
    for rank, pk in enumerate(keyword_ids, start=1):
        scores[pk] = scores.get(pk, 0.0) + fusion.keyword_weight / (fusion.rrf_k + rank)
    meaning_weight = fusion.naming_meaning_weight if naming else fusion.meaning_weight
    for rank, (pk, _) in enumerate(meaning, start=1):
        scores[pk] = scores.get(pk, 0.0) + meaning_weight / (fusion.rrf_k + rank)
    for pk in exact_title:
        scores[pk] = scores.get(pk, 0.0) + fusion.exact_title_bonus
    return scores


@dataclass
class Candidate:
    """What fusion and "why" read of a document (model instances cost too much per search)."""

    pk: int
    kind: str
    title: str
    title_key: str
    other_titles: str
    people: str
    year: int | None
    url: str
    film_id: int | None
    keywords: str = ""
    text: str = ""


_CANDIDATE_FIELDS = (
    "pk", "kind", "title", "title_key", "other_titles", "people", "year", "url", "film_id"
)  # fmt: skip


def _candidates(ids: set[int]) -> dict[int, Candidate]:
    rows = SearchDocument.objects.filter(pk__in=ids).values_list(*_CANDIDATE_FIELDS)
    return {row[0]: Candidate(*row) for row in rows}


def _add_texts(candidates: list[Candidate]) -> None:
    """Read the long fields of the documents that are shown, and only those."""
    by_pk = {candidate.pk: candidate for candidate in candidates}
    rows = SearchDocument.objects.filter(pk__in=by_pk).values_list("pk", "keywords", "text")
    for pk, keywords, text in rows:
        by_pk[pk].keywords, by_pk[pk].text = keywords, text


def _title_keys(document: Candidate) -> list[str]:
    return [document.title_key] + [
        keyword.title_match_key(t) for t in document.other_titles.split("\n") if t
    ]


def _exact_titles(documents: dict[int, Candidate], parsed: keyword.ParsedQuery) -> set[int]:
    """Films titled (or also known) exactly as the query, however it is capitalized."""
    wanted = parsed.title_key
    if not wanted:
        return set()
    return {
        pk
        for pk, document in documents.items()
        if document.kind == SearchDocument.Kind.FILM and wanted in _title_keys(document)
    }


def _misspells_title(document: Candidate, parsed: keyword.ParsedQuery) -> bool:
    """Whether the query is one of the document's titles or names, misspelled: within one edit
    of it (two from nine letters on), as "forest gump" is of "Forrest Gump"."""
    wanted = parsed.title_key
    if len(wanted) < MISSPELLED_TITLE_MIN_CHARS:
        return False
    edits = 1 if len(wanted) < 9 else 2
    return any(
        DamerauLevenshtein.distance(wanted, key, score_cutoff=edits) <= edits
        for key in _title_keys(document)
        if key
    )


def _names_something(
    keyword_ids: list[int], candidates: dict[int, Candidate], parsed: keyword.ParsedQuery
) -> bool:
    """Whether a top keyword result is what the query names ("the godfather", "kubrick",
    "godfahter"): then the query is not a description, and meaning does not count."""
    top = [candidates[pk] for pk in keyword_ids[:NAMING_TOP] if pk in candidates]
    return any(why.names(doc, parsed) or _misspells_title(doc, parsed) for doc in top)


def search(
    query: str,
    *,
    filters: SearchFilters | None = None,
    reader: User | None = None,
    limit: int = DEFAULT_LIMIT,
    mode: str = "combined",
    fusion: Fusion = FUSION,
) -> SearchResults:
    """Films, people and published reviews for ``query``, best first, with why each matched.

    An empty query (or one with no letters or digits) gives no results and a message saying
    what to type; a query longer than ``keyword.MAX_QUERY_CHARS`` is cut, and says so.
    """
    filters = filters or SearchFilters()
    limit = max(1, min(limit, MAX_LIMIT))
    parsed = keyword.parse(query or "")
    results = SearchResults(query=parsed.text, truncated=parsed.truncated)
    if not parsed.words:
        results.message = EMPTY_QUERY
        return results
    version = vectors.index_version()
    narrowing = _narrowing(filters, reader, version)
    keyword_ids = _keyword_ranking(parsed, narrowing, version) if mode != "meaning" else []
    meaning = _meaning_ranking(parsed, narrowing, version) if mode != "keyword" else []
    meaning = [(pk, sim) for pk, sim in meaning if sim >= fusion.min_similarity]
    candidates = _candidates({*keyword_ids, *(pk for pk, _ in meaning)})
    exact = _exact_titles(candidates, parsed) if mode != "meaning" else set()
    naming = _names_something(keyword_ids, candidates, parsed)
    scores = _fuse(keyword_ids, meaning, exact, fusion, naming=naming)
    keyword_rank = {pk: rank for rank, pk in enumerate(keyword_ids, start=1)}
    meaning_rank = {pk: (rank, sim) for rank, (pk, sim) in enumerate(meaning, start=1)}
    # A document removed since the vectors were loaded is not among the candidates.
    best = [pk for pk in sorted(scores, key=lambda pk: (-scores[pk], pk)) if pk in candidates]
    best = best[:limit]
    _add_texts([candidates[pk] for pk in best])
    matches = why.Matcher(parsed)
    for pk in best:
        document = candidates[pk]
        hit = Hit(
            kind=document.kind,
            title=document.title,
            year=document.year,
            url=document.url,
            score=scores[pk],
            people=document.people,
            film_id=document.film_id,
            keyword_rank=keyword_rank.get(pk),
        )
        if pk in keyword_rank:
            hit.reasons += why.keyword_reasons(document, parsed, matches)
        if pk in meaning_rank:
            hit.meaning_rank, similarity = meaning_rank[pk]
            hit.reasons.append(why.meaning_reason(document, similarity))
        results.hits.append(hit)
    results.corrections = parsed.corrections()
    if not results.hits:
        results.message = f"Nothing found for “{parsed.text}”."
    return results
