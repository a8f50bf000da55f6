"""Test films: which films to ask a new reader about, and what we learn from the answers.

A new reader is shown one film at a time and rates it (0.5-5 stars) or says "haven't seen it".
:class:`Elicitor` is fitted once on a users x items matrix of ratings (0 = unrated) and opens an
:class:`ElicitationSession` per reader; the session proposes the next film, records answers and
predicts the reader's taste from them.

The taste model ("scorer") treats each film's *gain* for a reader, ``g = rating`` if they rated
it and 0 if not, together with ``s = 1`` if they rated it, as jointly Gaussian over the training
readers, and predicts every film's gain by the best linear predictor given the answers so far
(ridge-regularised conditional mean, Rasmussen & Williams 2006, eq. 2.19 with the empirical
item covariance). So "haven't seen it" is evidence too: not having seen a popular film moves the
reader away from the readers who have. ``predicted_ratings()`` is a separate star model (mean
+ item bias + the reader's shrunk bias + the same kind of conditional mean over the training
readers' residuals), because "how many stars" and "will they love it" are different questions.

The questions ("ours") are chosen by one-step lookahead on the quantity the site shows, the
discounted value of the reader's top ten films (a knowledge-gradient policy, Frazier, Powell &
Dayanik 2008): for each candidate film, the three answers "haven't seen it", "liked it" and
"disliked it" are weighed by their predicted probabilities, each answer's effect on every
target film's predicted gain is the Gaussian conditional update, and the film whose expected
answer most improves the top ten is asked. The literature strategies (random, popularity,
entropy and log(popularity) x entropy, Rashid et al. 2002) are kept for comparison with the same
scorer; see ``bench/elicitation``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from recommend.base import check_interactions

__all__ = [
    "SCORERS",
    "STRATEGIES",
    "ElicitationSession",
    "Elicitor",
    "ElicitorConfig",
    "check_rating",
    "default_elicitor",
]

STRATEGIES = ("random", "popularity", "entropy", "log_pop_entropy", "ours")
SCORERS = ("taste", "ratings")
LOW, HIGH = 0.5, 5.0
_TOP = 10
_DISCOUNT = 1.0 / np.log2(np.arange(2, _TOP + 2))


@dataclass(frozen=True)
class ElicitorConfig:
    """Knobs of the taste model and of the question policy (defaults tuned in bench/elicitation).

    * ``ridge``: shrinkage of the answers' covariance towards its diagonal (relative), so a few
      answers move predictions only as far as the training readers support them;
      ``rating_ridge``: the same for the star model's residuals; both grow in proportion to the
      number of answers beyond ``ridge_from``, so a long history does not overfit 500 readers.
    * ``candidates``: how many of the most-rated films not yet asked may be the next question;
      ``targets``: how many of the reader's best-scored films the lookahead looks after;
      ``pool``: the most-rated films whose covariances are kept in memory (questions and targets
      come from them; once it is used up, questions follow popularity).
    * ``memory``: at most this many of the latest answers condition the models (keeps the
      replay of a long rating history fast).
    * ``spread``: stars above and below the expected rating for the lookahead's "liked it" and
      "disliked it" answers.
    * ``item_reg``, ``user_reg``: shrinkage of the item and reader biases (pseudo-ratings).
    * ``seed``: the order of the ``random`` strategy.
    """

    ridge: float = 0.1
    rating_ridge: float = 3.0
    ridge_from: float = 10.0
    candidates: int = 200
    targets: int = 150
    pool: int = 1000
    memory: int = 150
    spread: float = 1.0
    item_reg: float = 5.0
    user_reg: float = 3.0
    seed: int = 0


def check_rating(rating: object) -> float | None:
    """A rating on the half-star scale 0.5-5, or None for "haven't seen it"; else ValueError."""
    if rating is None:
        return None
    if isinstance(rating, bool):
        raise ValueError(f"rating {rating!r} is not a number of stars")
    try:
        value = float(rating)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"rating {rating!r} is not a number of stars") from exc
    if not math.isfinite(value):
        raise ValueError(f"rating {rating!r} is not a finite number of stars")
    if value < LOW or value > HIGH:
        raise ValueError(f"rating {rating!r} is outside the scale 0.5-5 stars")
    if abs(value * 2 - round(value * 2)) > 1e-9:
        raise ValueError(f"rating {rating!r} is not on the half-star scale (0.5, 1, ..., 5)")
    return round(value * 2) / 2


class Elicitor:
    """Fitted once on the training ratings; ``start()`` opens a session for one new reader.

    ``strategy`` picks the question policy (``STRATEGIES``); ``scorer`` picks what ``scores()``
    returns: ``"taste"`` (the gain model above, default) or ``"ratings"`` (predicted stars only,
    ignoring "haven't seen it", as the literature strategies were published).
    """

    def __init__(
        self, strategy: str = "ours", config: ElicitorConfig | None = None, scorer: str = "taste"
    ) -> None:
        if strategy not in STRATEGIES:
            choices = ", ".join(STRATEGIES)
            raise ValueError(f"unknown strategy {strategy!r}; choose one of {choices}")
        if scorer not in SCORERS:
            raise ValueError(f"unknown scorer {scorer!r}; choose one of {', '.join(SCORERS)}")
        self.strategy = strategy
        self.scorer = scorer
        self.config = config or ElicitorConfig()
        self.n_items = 0

    # -- fitting -------------------------------------------------------------------------------

    def fit(self, train: object) -> Elicitor:
        """Learn from a users x items matrix of ratings 0.5-5 (0 = unrated)."""
        x = check_interactions(train)
        x = x[np.flatnonzero(x.getnnz(axis=1) > 0)]  # readers with no ratings carry nothing
        cfg = self.config
        n_readers, n_items = x.shape
        self.n_items = n_items
        self.n_readers = n_readers
        readers = max(n_readers, 1)
        counts = np.asarray(x.getnnz(axis=0), dtype=np.float64)
        sums = np.asarray(x.sum(axis=0)).ravel()
        squares = np.asarray(x.multiply(x).sum(axis=0)).ravel()
        self.counts_ = counts
        self.mu_ = float(x.data.mean()) if x.nnz else (LOW + HIGH) / 2
        self.item_bias_ = (sums - counts * self.mu_) / (counts + cfg.item_reg)
        mean = sums / np.maximum(counts, 1)
        self.item_sd_ = np.sqrt(np.maximum(squares / np.maximum(counts, 1) - mean**2, 0.0))
        self.seen_share_ = counts / readers
        self.gain_mean_ = sums / readers
        self.gain_var_ = np.maximum(squares / readers - self.gain_mean_**2, 0.0)
        self.seen_var_ = self.seen_share_ * (1 - self.seen_share_)
        self.entropy_ = _rating_entropy(x)
        self.residuals_ = self._residuals(x)
        # Column-major copies: the session slices the answered films' columns.
        self.gains_ = x.tocsc()
        seen = x.copy()
        seen.data[:] = 1.0
        self.seen_ = seen.tocsc()
        self.popular_ = np.argsort(-counts, kind="stable")[: int(np.count_nonzero(counts))]
        self.pool_ = self.popular_[: cfg.pool]
        self.pool_position_ = np.full(n_items, -1, dtype=np.int64)
        self.pool_position_[self.pool_] = np.arange(len(self.pool_))
        self._gram: dict[str, np.ndarray] | None = None
        rng = np.random.default_rng(cfg.seed)
        self.random_order_ = rng.permutation(self.popular_)
        self.static_value_ = self._static_value()
        if self.strategy == "ours":
            self.pool_covariance("gain")  # built now rather than on a reader's first click
        return self

    def _residuals(self, x: sp.csr_matrix) -> sp.csc_matrix:
        """Training ratings minus mean, item bias and each reader's shrunk bias."""
        coo = x.tocoo()
        base = coo.data - self.mu_ - self.item_bias_[coo.col]
        per_reader = np.bincount(coo.row, base, minlength=x.shape[0])
        bias = per_reader / (x.getnnz(axis=1) + self.config.user_reg)
        values = base - bias[coo.row]
        return sp.csc_matrix((values, (coo.row, coo.col)), shape=x.shape)

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_gram"] = None  # rebuilt on first use: keeps the pickle small
        return state

    def pool_covariance(self, kind: str) -> np.ndarray:
        """Covariance of the ``pool`` films' gains (rows) with their gains or seen flags."""
        if self._gram is None:
            n = max(self.n_readers, 1)
            gains = self.gains_[:, self.pool_]
            seen = self.seen_[:, self.pool_]
            g, p = self.gain_mean_[self.pool_], self.seen_share_[self.pool_]
            # float32: two pool x pool matrices in memory, 8 MB at the default pool of 1,000.
            self._gram = {
                "gain": ((gains.T @ gains).toarray() / n - np.outer(g, g)).astype(np.float32),
                "seen": ((gains.T @ seen).toarray() / n - np.outer(g, p)).astype(np.float32),
            }
        return self._gram[kind]

    def _static_value(self) -> np.ndarray | None:
        """Per-item value for the non-adaptive strategies (-inf: never ask); None for "ours"."""
        value = np.full(self.n_items, -np.inf)
        rated = self.counts_ > 0
        tie = 1e-9 * self.counts_[rated]  # equal values: the more-rated film first
        if self.strategy == "ours":
            return None
        if self.strategy == "random":
            value[self.random_order_] = -np.arange(len(self.random_order_), dtype=np.float64)
        elif self.strategy == "popularity":
            value[rated] = self.counts_[rated]
        elif self.strategy == "entropy":
            value[rated] = self.entropy_[rated] + tie
        else:
            value[rated] = np.log(self.counts_[rated]) * self.entropy_[rated] + tie
        return value

    # -- sessions ------------------------------------------------------------------------------

    def start(self, answers: Iterable[tuple[int, object]] | None = None) -> ElicitationSession:
        """A new session, or one resumed from its saved ``answers`` (replayed in order)."""
        session = ElicitationSession(self)
        for item, rating in answers or ():
            session.answer(item, rating)
        return session

    def fixed_items(self, n: int) -> list[int]:
        """The best non-adaptive set of ``n`` test films (fewer if fewer films were rated).

        Greedy on the same lookahead as the adaptive policy, but the answers stay unknown:
        each chosen film conditions the covariances (so redundant films lose value) while the
        predictions stay at the population's.
        """
        session = self.start()
        out: list[int] = []
        while len(out) < n:
            item = session.next_item()
            if item is None:
                break
            out.append(item)
            session.exclude(item, conditions=True)
        return out

    def rank_revealing(self, items: Sequence[int], n: int) -> list[int]:
        """Of ``items`` (e.g. the films one reader rated), the ``n`` most revealing, best first.

        Indices outside the fitted columns are dropped; films nobody rated come last.
        """
        unique = list(dict.fromkeys(int(i) for i in items))
        known = np.array([i for i in unique if 0 <= i < self.n_items], dtype=np.int64)
        if not known.size or n <= 0:
            return []
        value = self.start().question_values(known)
        value[self.counts_[known] == 0] = -np.inf  # nobody rated it: it reveals nothing
        order = np.argsort(-value, kind="stable")
        return [int(known[k]) for k in order[: int(n)]]

    def why(self, item: int) -> str:
        """A short plain-English reason this film is a good question."""
        item = int(item)
        if not 0 <= item < self.n_items or self.counts_[item] == 0:
            return "nobody has rated this film yet"
        seen = self.seen_share_[item]
        share = f"{seen:.0%}" if seen >= 0.005 else "under 1%"
        sd = round(float(self.item_sd_[item]), 1)
        if self.counts_[item] < 2:
            spread = "too few ratings to say how opinions split"
        elif sd >= 1.0:
            spread = f"opinions split widely (sd {sd:.1f} stars)"
        else:
            spread = f"opinions fairly consistent (sd {sd:.1f} stars)"
        return f"seen by {share} of readers; {spread}"


class ElicitationSession:
    """One reader's answers so far, the next film to ask, and their predicted tastes."""

    def __init__(self, elicitor: Elicitor) -> None:
        self.elicitor = elicitor
        self.answers: list[tuple[int, float | None]] = []
        self._asked = np.zeros(elicitor.n_items, dtype=bool)
        self._conditioned: list[int] = []  # films excluded with an unknown answer (fixed sets)
        self._state: _Posterior | None = None

    # -- answers -------------------------------------------------------------------------------

    def _check_item(self, item: object) -> int:
        n = self.elicitor.n_items
        if isinstance(item, bool) or not isinstance(item, int | np.integer):
            raise ValueError(f"item {item!r} is not an item index (an integer 0..{n - 1})")
        if not 0 <= int(item) < n:
            raise ValueError(f"item {item!r} is not a known item (0..{n - 1})")
        return int(item)

    def answer(self, item: int, rating: object) -> None:
        """Record the reader's rating of ``item`` (0.5-5 stars) or None for "haven't seen it"."""
        index = self._check_item(item)
        stars = check_rating(rating)
        if self._asked[index]:
            raise ValueError(f"item {index} was already asked in this session")
        self._asked[index] = True
        self.answers.append((index, stars))
        self._state = None

    def exclude(self, item: int, *, conditions: bool = False) -> None:
        """Never propose ``item`` and record no answer for it (e.g. a film hidden by a benchmark).

        With ``conditions=True`` the film counts as asked with an unknown answer: it lowers the
        value of similar questions without moving any prediction (used by ``fixed_items``).
        """
        index = self._check_item(item)
        if not self._asked[index]:
            self._asked[index] = True
            if conditions:
                self._conditioned.append(index)
                self._state = None

    # -- predictions ---------------------------------------------------------------------------

    def _posterior(self) -> _Posterior:
        if self._state is None:
            self._state = _Posterior(self.elicitor, self.answers, self._conditioned)
        return self._state

    def predicted_ratings(self) -> np.ndarray:
        """Predicted stars (0.5-5) for every item, from the answers so far."""
        e = self.elicitor
        if e.n_items == 0:
            return np.zeros(0)
        rated = [(i, r) for i, r in self.answers if r is not None]
        base = e.mu_ + e.item_bias_
        if not rated:
            return np.clip(base, LOW, HIGH)
        items = np.array([i for i, _ in rated], dtype=np.int64)
        stars = np.array([r for _, r in rated], dtype=np.float64)
        user_bias = float((stars - base[items]).sum() / (len(items) + e.config.user_reg))
        return np.clip(
            base + user_bias + self._residual_taste(items, stars - base[items] - user_bias),
            LOW,
            HIGH,
        )

    def _residual_taste(self, items: np.ndarray, residuals: np.ndarray) -> np.ndarray:
        """Each film's expected residual (stars beyond the baselines) given this reader's.

        The same ridge-regularised conditional mean as the taste model, over the training
        readers' residuals (0 where they did not rate a film, which shrinks films few of them
        share with the answers towards the baseline).
        """
        e = self.elicitor
        items, residuals = items[-e.config.memory :], residuals[-e.config.memory :]
        if e.n_readers == 0 or not items.size:
            return np.zeros(e.n_items)
        features = e.residuals_[:, items].toarray()
        cov = features.T @ features / e.n_readers
        ridge = e.config.rating_ridge * max(1.0, len(items) / e.config.ridge_from)
        cov += np.diag(ridge * np.maximum(np.diag(cov), 1e-3) + 1e-9)
        reader = features @ np.linalg.solve(cov, residuals) / e.n_readers
        return np.asarray(e.residuals_.T @ reader).ravel()

    def scores(self) -> np.ndarray:
        """This reader's predicted preference for every item (higher = more likely to love)."""
        if self.elicitor.scorer == "ratings":
            return self.predicted_ratings()
        return self._posterior().gains.copy()

    # -- questions -----------------------------------------------------------------------------

    def next_item(self) -> int | None:
        """The film to ask about next (never one already asked), or None when none is left."""
        e = self.elicitor
        if e.static_value_ is not None:
            value = np.where(self._asked, -np.inf, e.static_value_)
            if not value.size:
                return None
            best = int(np.argmax(value))
            return best if np.isfinite(value[best]) else None
        candidates = self._candidates()
        if not candidates.size:  # the pool is used up: the most-rated film left, if any
            rest = e.popular_[~self._asked[e.popular_]]
            return int(rest[0]) if rest.size else None
        value = self.question_values(candidates)
        return int(candidates[int(np.argmax(value))])

    def _candidates(self) -> np.ndarray:
        """The most-rated films not yet asked (never a film nobody rated)."""
        pool = self.elicitor.pool_
        open_ = pool[~self._asked[pool]]
        return open_[: self.elicitor.config.candidates]

    def question_values(self, candidates: np.ndarray) -> np.ndarray:
        """Expected gain in the discounted value of the top ten from asking each candidate."""
        e = self.elicitor
        candidates = np.asarray(candidates, dtype=np.int64)
        value = np.zeros(len(candidates))
        if e.n_readers == 0 or not candidates.size:
            return value + 1e-12 * e.counts_[candidates]
        post = self._posterior()
        pool = e.pool_
        gains = np.where(self._asked[pool], -np.inf, post.gains[pool])
        n_targets = min(e.config.targets, int(np.isfinite(gains).sum()))
        if n_targets == 0:
            return value + 1e-12 * e.counts_[candidates]
        targets = pool[np.argpartition(-gains, n_targets - 1)[:n_targets]]
        mean = post.gains[targets]
        # Covariances, given the answers so far, of the targets' gains with each candidate's
        # two answer features (seen, stars-or-0), and of those two features with each other.
        with_seen = post.covariance(targets, candidates, "seen")
        with_gain = post.covariance(targets, candidates, "gain")
        var_s, cov_sg, var_g = post.feature_covariance(candidates)
        det = np.maximum(var_s * var_g - cov_sg**2, 1e-9)
        p_seen = np.clip(post.seen_probability(candidates), 0.02, 0.98)
        expected = np.clip(post.gains[candidates], 0.0, None)
        stars = np.clip(expected / p_seen, LOW, HIGH)  # expected rating if seen
        spread = e.config.spread
        outcomes = (
            (1 - p_seen, 0.0, np.zeros_like(stars)),
            (p_seen / 2, 1.0, np.minimum(stars + spread, HIGH)),
            (p_seen / 2, 1.0, np.maximum(stars - spread, LOW)),
        )
        now = _top_value(mean[None, :])[0]
        for probability, seen, answer in outcomes:
            ds, dg = seen - p_seen, answer - expected
            # The Gaussian update: targets move by cov . inverse(feature cov) . surprise.
            ws = (var_g * ds - cov_sg * dg) / det
            wg = (var_s * dg - cov_sg * ds) / det
            moved = mean[None, :] + (with_seen * ws + with_gain * wg).T
            value += probability * _top_value(moved)
        # Ties (e.g. one training reader): prefer the more-rated film.
        return value - now + 1e-12 * e.counts_[candidates]


class _Posterior:
    """The Gaussian conditional of every film's gain given one reader's answers."""

    def __init__(
        self, e: Elicitor, answers: list[tuple[int, float | None]], conditioned: list[int]
    ) -> None:
        self.e = e
        recent = answers[-e.config.memory :] if e.config.memory else []
        items = [i for i, _ in recent] + conditioned[-e.config.memory :]
        n = max(e.n_readers, 1)
        self.items = np.array(items, dtype=np.int64)
        if not self.items.size or e.n_readers == 0:
            self.features = np.zeros((e.n_readers, 0))
            self.weights = np.zeros(0)
            self.factor = np.zeros((0, 0))
            self.gains = e.gain_mean_.copy()
            return
        seen = e.seen_[:, self.items].toarray()
        gain = e.gains_[:, self.items].toarray()
        means = np.concatenate([e.seen_share_[self.items], e.gain_mean_[self.items]])
        # Centred features of the training readers: seen and gain of every answered film.
        self.features = np.hstack([seen, gain]) - means
        cov = self.features.T @ self.features / n
        ridge = e.config.ridge * max(1.0, len(recent) / e.config.ridge_from)
        cov += np.diag(ridge * np.maximum(np.diag(cov), 1e-3) + 1e-9)
        self.factor = np.linalg.inv(cov)
        observed = np.zeros(len(means))
        known = len(recent)  # films with an answer; the conditioned ones stay at their mean
        for k, (_, stars) in enumerate(recent):
            observed[k] = 0.0 if stars is None else 1.0
            observed[len(items) + k] = 0.0 if stars is None else stars
        residual = observed - means
        residual[known : len(items)] = 0.0
        residual[len(items) + known :] = 0.0
        self.weights = self.factor @ residual
        # Each training reader's weight; a film's predicted gain is the weighted sum of gains.
        reader = self.features @ self.weights / n
        self.gains = e.gain_mean_ + np.asarray(e.gains_.T @ reader).ravel()

    def _cross(self, matrix: sp.csc_matrix, items: np.ndarray) -> np.ndarray:
        """Covariance of ``matrix``'s columns ``items`` with the answer features (items x f).

        The features are centred, so the plain product is already the covariance.
        """
        n = max(self.e.n_readers, 1)
        return np.asarray(matrix[:, items].T @ self.features) / n

    def seen_probability(self, items: np.ndarray) -> np.ndarray:
        e = self.e
        if not self.weights.size:
            return e.seen_share_[items].copy()
        return e.seen_share_[items] + self._cross(e.seen_, items) @ self.weights

    def feature_covariance(self, items: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Var(seen), Cov(seen, gain) and Var(gain) of each item, given the answers."""
        e = self.e
        var_s = e.seen_var_[items].copy()
        cov_sg = e.gain_mean_[items] * (1 - e.seen_share_[items])  # gain is 0 when not seen
        var_g = e.gain_var_[items].copy()
        if self.weights.size:
            seen, gain = self._cross(e.seen_, items), self._cross(e.gains_, items)
            seen_f, gain_f = seen @ self.factor, gain @ self.factor
            var_s -= (seen_f * seen).sum(axis=1)
            cov_sg -= (seen_f * gain).sum(axis=1)
            var_g -= (gain_f * gain).sum(axis=1)
        return np.maximum(var_s, 1e-9), cov_sg, np.maximum(var_g, 1e-9)

    def covariance(self, rows: np.ndarray, columns: np.ndarray, kind: str) -> np.ndarray:
        """Covariance of the ``rows`` films' gains with the ``columns`` films' gains or seen
        flags (``kind``), given the answers."""
        e = self.e
        other = e.gains_ if kind == "gain" else e.seen_
        other_mean = e.gain_mean_ if kind == "gain" else e.seen_share_
        r, c = e.pool_position_[rows], e.pool_position_[columns]
        if (r >= 0).all() and (c >= 0).all():
            prior = e.pool_covariance(kind)[np.ix_(r, c)]
        else:
            n = max(e.n_readers, 1)
            a, b = e.gains_[:, rows], other[:, columns]
            prior = (a.T @ b).toarray() / n - np.outer(e.gain_mean_[rows], other_mean[columns])
        if not self.weights.size:
            return prior
        left = self._cross(e.gains_, rows)
        right = self._cross(other, columns)
        return prior - left @ self.factor @ right.T


def _top_value(scores: np.ndarray) -> np.ndarray:
    """Discounted sum of each row's ten largest values (the DCG of the best possible top ten)."""
    k = min(_TOP, scores.shape[1])
    top = -np.partition(-scores, k - 1, axis=1)[:, :k] if k else np.zeros((len(scores), 0))
    top = -np.sort(-top, axis=1)
    return (np.maximum(top, 0.0) * _DISCOUNT[:k]).sum(axis=1)


def _rating_entropy(x: sp.csr_matrix) -> np.ndarray:
    """Shannon entropy (bits) of each item's ratings over the ten half-star values."""
    n_items = x.shape[1]
    if x.nnz == 0:
        return np.zeros(n_items)
    coo = x.tocoo()
    level = np.clip(np.round(coo.data * 2).astype(np.int64) - 1, 0, 9)
    hist = np.zeros((n_items, 10))
    np.add.at(hist, (coo.col, level), 1.0)
    p = hist / np.maximum(hist.sum(axis=1, keepdims=True), 1.0)
    logs = np.log2(np.where(p > 0, p, 1.0))
    return -(p * logs).sum(axis=1)


def default_elicitor(train: object, strategy: str = "ours") -> Elicitor:
    """The elicitor the site uses, fitted on ``train`` (users x items, ratings 0.5-5)."""
    return Elicitor(strategy=strategy).fit(train)
