"""What films are about, as numbers: TF-IDF story vectors and co-liking from ratings.

Framework-free (numpy and scipy only, no Django) so the maths can be tested and benchmarked on
its own. ``StoryIndex`` turns each film's text (synopsis, tagline, reviews), plot keywords and
genres into one l2-normalized TF-IDF row; the cosine of two rows is how close two stories are.
``CoLiking`` is the item-item cosine of "readers who liked one liked the other".
``film_neighbours`` blends the two into each film's top neighbours, and lists the strictly
earlier films with the closest stories (possible influences).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

WORD, KEYWORD, GENRE = 0, 1, 2
# A shared plot keyword ("time travel") says more about two stories than a shared word; a shared
# genre says little (a third of all films are dramas) but breaks ties between similar stories.
FIELD_WEIGHTS = {WORD: 1.0, KEYWORD: 2.0, GENRE: 0.5}
# A term in one film only cannot make two films alike: dropping it keeps the matrix small.
MIN_DOCUMENT_FREQUENCY = 2
MIN_WORD_LENGTH = 3
# Blend of the two similarities. Story carries more: it exists for films nobody rated yet.
STORY_WEIGHT = 0.6
RATINGS_WEIGHT = 0.4
# Co-liking cosine shrunk by shared likers / (shared likers + SHRINK): two films liked by the same
# single reader are not "rated alike" with certainty.
CO_LIKING_SHRINK = 5.0
MIN_SCORE = 0.01
# An earlier film is offered as a possible influence only above this story similarity.
MIN_INFLUENCE_STORY = 0.08

_STOP_WORDS_TEXT = """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst an and another any anyhow anyone anything anyway anywhere
    are around as at back be became because become becomes becoming been before beforehand
    behind being below beside besides between beyond both but by can cannot cant could couldnt
    did didnt do does doesnt doing done dont down due during each either else elsewhere enough
    etc even ever every everyone everything everywhere except few first for former formerly from
    further get gets getting give given gives go goes going gone got had has hasnt have having he
    hence her here hereafter hereby herein hers herself him himself his how however i ie if in
    indeed into is isnt it its itself just keep last latter least less made make makes making
    many may me meanwhile might mine more moreover most mostly much must my myself namely neither
    never nevertheless next no nobody none nor not nothing now nowhere of off often on once one
    only onto or other others otherwise our ours ourselves out over own per perhaps please put
    quite rather re really same see seem seemed seems several she should since so some somehow
    someone something sometime sometimes somewhere still such take than that the their theirs
    them themselves then there thereafter thereby therefore therein these they thing things this
    those though through throughout thru thus to together too toward towards two under until up
    upon us very via was wasnt way we well were werent what whatever when whence whenever where
    whereas whereby wherever whether which while who whoever whole whom whose why will with
    within without wont would wouldnt yet you your yours yourself yourselves youre theyre
    film films movie movies watch watching story stories character characters scene scenes
    director review reviews plot picture minutes year years time new http https www com
    soon end ends find finds found discover discovers discovered begin begins began help helps
    try tries tried decide decides decided come comes came turn turns become life lives world
    man men woman women young little big day days night based
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_POSSESSIVE = re.compile(r"['\u2019]s\b")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

Progress = Callable[[int, int], None]


def words_of(text: str) -> list[str]:
    """The words of ``text`` that can tell stories apart: folded, no stop words, no numbers."""
    folded = text.casefold()
    if not folded.isascii():  # most text is: skip the costly accent stripping
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _POSSESSIVE.sub("", folded).replace("'", "").replace("\u2019", "")
    return [
        word
        for word in _WORD.findall(folded)
        if len(word) >= MIN_WORD_LENGTH and word not in STOP_WORDS
    ]


@dataclass(frozen=True)
class FilmText:
    """Everything one film's story vector is made of."""

    text: str = ""  # synopsis, tagline and the text of published reviews, joined
    keywords: Sequence[str] = ()
    genres: Sequence[str] = ()


@dataclass(frozen=True)
class SharedElements:
    """What two stories have in common, most telling first."""

    keywords: list[str]
    genres: list[str]
    terms: list[str]

    def __bool__(self) -> bool:
        return bool(self.keywords or self.genres or self.terms)


class StoryIndex:
    """Films x terms TF-IDF: sublinear tf, smoothed idf, field weights, l2-normalized rows.

    A film has a story when it has words or keywords that other films share too; genres alone
    are not a story (every comedy would be identical to every other), so such rows stay zero.
    """

    def __init__(self, matrix: sp.csr_matrix, labels: list[str], kinds: np.ndarray) -> None:
        self.matrix = matrix
        self.labels = labels
        self.kinds = kinds
        self._transposed = matrix.T.tocsr()
        self.has_story = np.diff(matrix.indptr) > 0

    @classmethod
    def build(cls, films: Sequence[FilmText]) -> StoryIndex:
        vocabulary: dict[tuple[int, str], int] = {}
        labels: list[str] = []
        rows: list[int] = []
        columns: list[int] = []
        counts: list[float] = []

        def add(row: int, kind: int, term: str, label: str, count: int) -> None:
            column = vocabulary.setdefault((kind, term), len(labels))
            if column == len(labels):
                labels.append(label)
            rows.append(row)
            columns.append(column)
            counts.append(count)

        for row, film in enumerate(films):
            for word, count in Counter(words_of(film.text)).items():
                add(row, WORD, word, word, count)
            for name in dict.fromkeys(k.strip() for k in film.keywords if k.strip()):
                add(row, KEYWORD, name.casefold(), name, 1)
            for name in dict.fromkeys(g.strip() for g in film.genres if g.strip()):
                add(row, GENRE, name.casefold(), name, 1)
        kinds = np.array([kind for kind, _ in vocabulary], dtype=np.int8)
        shape = (len(films), len(labels))
        tf = sp.csr_matrix(
            (np.array(counts, dtype=np.float32), (np.array(rows, dtype=np.int64), columns)),
            shape=shape,
        )
        tf.sum_duplicates()
        return cls._weighted(tf, labels, kinds)

    @classmethod
    def _weighted(cls, tf: sp.csr_matrix, labels: list[str], kinds: np.ndarray) -> StoryIndex:
        frequency = np.bincount(tf.indices, minlength=tf.shape[1])
        kept = np.flatnonzero(frequency >= MIN_DOCUMENT_FREQUENCY)
        tf = tf[:, kept].tocsr()
        kinds = kinds[kept]
        labels = [labels[column] for column in kept]
        # Genres alone are not a story: only rows with a word or keyword count.
        entry_rows = np.repeat(np.arange(tf.shape[0]), np.diff(tf.indptr))
        story_entries = entry_rows[kinds[tf.indices] != GENRE]
        has_story = np.bincount(story_entries, minlength=tf.shape[0]) > 0
        tf = (sp.diags(has_story.astype(np.float32)) @ tf).tocsr()
        tf.eliminate_zeros()
        documents = max(int(has_story.sum()), 1)
        frequency = np.bincount(tf.indices, minlength=tf.shape[1])
        idf = np.log((1.0 + documents) / (1.0 + frequency)) + 1.0
        field = np.array([FIELD_WEIGHTS[int(kind)] for kind in kinds], dtype=np.float64)
        tf.data = 1.0 + np.log(tf.data)
        weighted = (tf @ sp.diags((idf * field).astype(np.float32))).tocsr()
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        matrix = (sp.diags(inverse.astype(np.float32)) @ weighted).tocsr()
        matrix.sort_indices()
        return cls(matrix.astype(np.float32), labels, kinds)

    def __len__(self) -> int:
        return self.matrix.shape[0]

    def similarities(self, rows: np.ndarray) -> np.ndarray:
        """Story cosine of each film in ``rows`` with every film (dense, len(rows) x films)."""
        return (self.matrix[rows] @ self._transposed).toarray()

    def shared(self, first: int, second: int, *, limit: int = 4) -> SharedElements:
        """The terms two films share, by how much each adds to their similarity."""
        return self.shared_pairs(np.array([first]), np.array([second]), limit=limit)[0]

    def shared_pairs(
        self, firsts: np.ndarray, seconds: np.ndarray, *, limit: int = 4
    ) -> list[SharedElements]:
        """``shared`` for many pairs at once: one sparse product finds every shared term."""
        if len(firsts) == 0:
            return []
        product = self.matrix[firsts].multiply(self.matrix[seconds]).tocsr()
        product.eliminate_zeros()
        # Sort every shared term by (pair, kind, weight descending), then keep the first
        # ``limit`` of each (pair, kind) group: all in numpy, one pass for the whole batch.
        pair = np.repeat(np.arange(product.shape[0]), np.diff(product.indptr))
        kind = self.kinds[product.indices]
        order = np.lexsort((product.indices, -product.data, kind, pair))
        pair, kind, column = pair[order], kind[order], product.indices[order]
        starts = np.r_[True, (pair[1:] != pair[:-1]) | (kind[1:] != kind[:-1])]
        first_of_group = np.flatnonzero(starts)[np.cumsum(starts) - 1]
        kept = np.arange(len(pair)) - first_of_group < limit
        found = [SharedElements([], [], []) for _ in range(product.shape[0])]
        for at, term_kind, term in zip(
            pair[kept].tolist(), kind[kept].tolist(), column[kept].tolist(), strict=True
        ):
            elements = found[at]
            bucket = (
                elements.terms
                if term_kind == WORD
                else elements.keywords
                if term_kind == KEYWORD
                else elements.genres
            )
            bucket.append(self.labels[term])
        return found


class CoLiking:
    """Item-item cosine of co-liking, from a films x readers matrix of likes (any value > 0).

    Shrunk towards zero when few readers liked both films (see ``CO_LIKING_SHRINK``).
    """

    def __init__(self, liked: sp.spmatrix) -> None:
        liked = sp.csr_matrix(liked, dtype=np.float32)
        liked.data = (liked.data > 0).astype(np.float32)
        liked.eliminate_zeros()
        self.liked = liked
        self._transposed = liked.T.tocsr()
        likers = np.asarray(liked.sum(axis=1)).ravel()
        self.inverse_norms = np.divide(
            1.0, np.sqrt(likers), out=np.zeros_like(likers), where=likers > 0
        ).astype(np.float32)

    @classmethod
    def from_columns(
        cls, readers_by_films: sp.spmatrix, columns: np.ndarray, films: int
    ) -> CoLiking:
        """From a readers x trained-films matrix, with ``columns[i]`` the column of catalog film
        ``i`` (-1 when it was not trained on)."""
        known = np.flatnonzero(columns >= 0)
        by_column = sp.csr_matrix(readers_by_films).T.tocsr()[columns[known]]
        placement = sp.csr_matrix(
            (np.ones(len(known), dtype=np.float32), (known, np.arange(len(known)))),
            shape=(films, len(known)),
        )
        return cls(placement @ by_column)

    def similarities(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Shrunk cosine and the count of shared likers, each len(rows) x films."""
        shared = (self.liked[rows] @ self._transposed).toarray()
        cosine = shared * self.inverse_norms[rows, np.newaxis] * self.inverse_norms[np.newaxis, :]
        return cosine * (shared / (shared + CO_LIKING_SHRINK)), shared


@dataclass(frozen=True)
class Neighbour:
    """One film close to another: ``other`` is a row index of the index it came from."""

    other: int
    score: float
    story: float
    ratings: float
    co_likers: int


@dataclass(frozen=True)
class FilmNeighbours:
    film: int
    similar: list[Neighbour]
    earlier: list[Neighbour]  # strictly earlier films by story alone: possible influences


def top_positive(values: np.ndarray, k: int, minimum: float) -> np.ndarray:
    """Indices of the ``k`` largest values above ``minimum``, largest first (ties by index;
    a tie at the cut-off keeps either, the same one on every run)."""
    return top_positive_rows(values[np.newaxis, :], k, minimum)[0]


def top_positive_rows(values: np.ndarray, k: int, minimum: float) -> list[np.ndarray]:
    """``top_positive`` of each row of a dense block, with one partition for the whole block."""
    if k <= 0 or values.shape[1] == 0:
        return [np.empty(0, dtype=np.int64) for _ in range(values.shape[0])]
    if values.shape[1] > k:
        columns = np.argpartition(-values, k - 1, axis=1)[:, :k]
    else:
        columns = np.broadcast_to(np.arange(values.shape[1]), values.shape)
    picked = np.take_along_axis(values, columns, axis=1)
    order = np.lexsort((columns, -picked), axis=1)
    columns = np.take_along_axis(columns, order, axis=1)
    picked = np.take_along_axis(picked, order, axis=1)
    return [row[above] for row, above in zip(columns, picked > minimum, strict=True)]


def _neighbour(
    other: int, score: np.ndarray, story: np.ndarray, ratings: np.ndarray, likers: np.ndarray
) -> Neighbour:
    return Neighbour(
        other=int(other),
        score=float(score[other]),
        story=float(story[other]),
        ratings=float(ratings[other]),
        co_likers=int(likers[other]),
    )


def film_neighbours(
    story: StoryIndex,
    ratings: CoLiking | None,
    years: np.ndarray,
    *,
    k: int = 20,
    influences: int = 8,
    chunk: int = 256,
    progress: Progress | None = None,
) -> Iterator[FilmNeighbours]:
    """Each film's top ``k`` by blended similarity, and its closest strictly earlier stories.

    ``years`` holds each film's year, 0 when unknown (such films get and give no influences).
    Works a chunk of films at a time so memory stays at a few chunk x films dense blocks.
    """
    films = len(story)
    years = np.asarray(years, dtype=np.int64)
    for start in range(0, films, chunk):
        rows = np.arange(start, min(start + chunk, films))
        story_scores = story.similarities(rows)
        if ratings is not None:
            ratings_scores, shared_likers = ratings.similarities(rows)
        else:
            ratings_scores = shared_likers = np.zeros_like(story_scores)
        blended = STORY_WEIGHT * story_scores + RATINGS_WEIGHT * ratings_scores
        blended[np.arange(len(rows)), rows] = 0.0
        earlier = (years[np.newaxis, :] > 0) & (years[np.newaxis, :] < years[rows, np.newaxis])
        earlier_scores = np.where(earlier, story_scores, 0.0)
        top_similar = top_positive_rows(blended, k, MIN_SCORE)
        top_earlier = top_positive_rows(earlier_scores, influences, MIN_INFLUENCE_STORY)
        for offset, film in enumerate(rows):
            rows_of_film = (story_scores[offset], ratings_scores[offset], shared_likers[offset])
            similar, older = top_similar[offset], top_earlier[offset]
            yield FilmNeighbours(
                film=int(film),
                similar=[_neighbour(j, blended[offset], *rows_of_film) for j in similar],
                earlier=[_neighbour(j, earlier_scores[offset], *rows_of_film) for j in older],
            )
        if progress is not None:
            progress(int(rows[-1]) + 1, films)


def rank_of(scores: np.ndarray, film: int, other: int) -> int | None:
    """1-based rank of ``other`` among ``film``'s scores (itself excluded), None when 0."""
    if scores[other] <= 0:
        return None
    better = np.count_nonzero(scores > scores[other]) - int(scores[film] > scores[other])
    return better + 1
