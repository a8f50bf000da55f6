"""Reads: "Should you watch it?" for one reader and one film, "For you", critic agreement.

Predictions always use the reader's ratings as they are now: the engine folds the reader's
current history into the trained models at request time, so a rating given a second ago already
changes what the reader sees, without waiting for the next training run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
from django.db.models import Q
from django.utils import timezone

from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.predictions import store
from marquee.predictions.dataset import LIKED_STARS
from marquee.predictions.models import HiddenFilm, TrainingRun
from marquee.readers.models import DiaryEntry, Rating, WatchedFilm
from marquee.reviews.models import Review, Verdict
from recommend.fold_in import fold_in

# What training does, in order: the CLI's bar and the staff's models page count these.
TRAINING_STEPS = (
    "Reading ratings",
    "Measuring prediction error",
    "Fitting the rating predictor",
    "Fitting the ranker",
    "Choosing test films",
    "Saving",
)
IN_PROGRESS = (TrainingRun.Status.QUEUED, TrainingRun.Status.RUNNING)
STALE_TRAINING = timedelta(hours=2)

FEW_RATINGS = 10
INTERVAL_Z = 1.28  # an 80% interval
AGREEMENT_STARS = 1.0  # two ratings within a star of each other agree


def round_to_half(stars: float) -> float:
    return min(5.0, max(0.5, round(stars * 2) / 2))


def verdict_stars(verdicts: list[Verdict]) -> dict[int, float]:
    """Each verdict as stars: the best 5, the worst 1, evenly spaced between."""
    if len(verdicts) == 1:
        return {verdicts[0].pk: 4.0}
    step = 4.0 / (len(verdicts) - 1)
    return {verdict.pk: 5.0 - rank * step for rank, verdict in enumerate(verdicts)}


def verdict_for(stars: float) -> Verdict | None:
    """The journal's verdict badge closest to a rating in stars."""
    verdicts = list(Verdict.objects.all())
    if not verdicts:
        return None
    scale = verdict_stars(verdicts)
    return min(verdicts, key=lambda v: abs(scale[v.pk] - stars))


@dataclass(frozen=True)
class Because:
    film: Film
    stars: float
    effect: float  # stars this rating adds to (or takes from) the prediction

    def to_dict(self) -> dict:
        return {
            "title": self.film.title,
            "year": self.film.year,
            "your_rating": self.stars,
            "effect": round(self.effect, 2),
        }


@dataclass(frozen=True)
class CriticAgreement:
    critic: User
    agreed: int
    shared: int

    def to_dict(self) -> dict:
        return {"critic": self.critic.public_name, "agreed": self.agreed, "shared": self.shared}


@dataclass(frozen=True)
class Prediction:
    """A reader's predicted rating of a film, with its honest uncertainty and reasons."""

    film: Film
    predicted: float
    low: float
    high: float
    verdict: Verdict | None
    ratings_count: int
    because: list[Because] = field(default_factory=list)
    critic_agreement: CriticAgreement | None = None

    @property
    def confident(self) -> bool:
        return self.ratings_count >= FEW_RATINGS

    def to_dict(self) -> dict:
        return {
            "film": {"title": self.film.title, "year": self.film.year},
            "predicted": self.predicted,
            "low": self.low,
            "high": self.high,
            "verdict": self.verdict.name if self.verdict else None,
            "ratings_count": self.ratings_count,
            "because": [reason.to_dict() for reason in self.because],
            "critic_agreement": self.critic_agreement.to_dict() if self.critic_agreement else None,
        }


@dataclass(frozen=True)
class History:
    """A reader's current ratings as arrays (film pks, stars)."""

    films: np.ndarray
    stars: np.ndarray

    @classmethod
    def of(cls, reader: User) -> History:
        rows = np.array(
            list(Rating.objects.filter(user=reader).values_list("film_id", "half_stars")),
            dtype=np.int64,
        ).reshape(-1, 2)
        return cls(rows[:, 0], rows[:, 1] / 2.0)

    def __len__(self) -> int:
        return len(self.films)


def _interval(predicted: float, rmse: float, ratings_count: int) -> tuple[float, float]:
    """Wider for readers the models know little about: error grows as ratings get fewer."""
    spread = INTERVAL_Z * rmse * math.sqrt(1 + FEW_RATINGS / (ratings_count + 1))
    return round_to_half(predicted - spread), round_to_half(predicted + spread)


def _because(models: store.TrainedModels, folded, film: Film, history: History) -> list[Because]:
    contributions = folded.contributions(film.pk)
    strongest = sorted(contributions.items(), key=lambda kv: abs(kv[1]), reverse=True)[:3]
    films = Film.objects.in_bulk([pk for pk, _ in strongest])
    stars = dict(zip(history.films.tolist(), history.stars.tolist(), strict=True))
    return [
        Because(films[pk], stars.get(pk, 0.0), float(effect))
        for pk, effect in strongest
        if pk in films and abs(effect) >= 0.01
    ]


def should_watch_for(reader: User, film: Film, *, critic: User | None = None) -> Prediction | None:
    """The reader's predicted rating of ``film``; None when there is nothing honest to say yet.

    Readers with no ratings get None (the page asks them to rate a few films instead of showing
    a made-up number), and so does a site whose models have not been trained.
    """
    models = store.current()
    history = History.of(reader)
    if models is None or len(history) == 0:
        return None
    folded = fold_in(models.predictor, history.films, history.stars)
    raw = float(folded.predict(np.array([film.pk]))[0])
    if not math.isfinite(raw):
        return None
    predicted = round_to_half(raw)
    low, high = _interval(raw, models.rmse, len(history))
    return Prediction(
        film=film,
        predicted=predicted,
        low=low,
        high=high,
        verdict=verdict_for(raw),
        ratings_count=len(history),
        because=_because(models, folded, film, history),
        critic_agreement=critic_agreement(reader, critic) if critic else None,
    )


def critic_agreement(reader: User, critic: User) -> CriticAgreement:
    """On how many films both judged do the reader and the critic agree (within a star)?

    The critic's judgement of a film is their own rating, or else their published review's
    verdict read as stars.
    """
    critic_stars = dict(Rating.objects.filter(user=critic).values_list("film_id", "half_stars"))
    critic_stars = {pk: half / 2 for pk, half in critic_stars.items()}
    scale = verdict_stars(list(Verdict.objects.all()))
    for film_id, verdict_id in (
        Review.objects.published().filter(author=critic).values_list("film_id", "verdict_id")
    ):
        critic_stars.setdefault(film_id, scale[verdict_id])
    reader_stars = Rating.objects.filter(user=reader, film_id__in=critic_stars).values_list(
        "film_id", "half_stars"
    )
    pairs = [(half / 2, critic_stars[pk]) for pk, half in reader_stars]
    agreed = sum(abs(mine - theirs) <= AGREEMENT_STARS for mine, theirs in pairs)
    return CriticAgreement(critic, agreed, len(pairs))


@dataclass(frozen=True)
class Recommendation:
    film: Film
    score: float
    reason: str


def _seen_or_hidden(reader: User) -> set[int]:
    seen = set(Rating.objects.filter(user=reader).values_list("film_id", flat=True))
    seen |= set(DiaryEntry.objects.filter(user=reader).values_list("film_id", flat=True))
    seen |= set(WatchedFilm.objects.filter(user=reader).values_list("film_id", flat=True))
    seen |= set(HiddenFilm.objects.filter(user=reader).values_list("film_id", flat=True))
    return seen


def recommendations_for(
    reader: User, *, n: int = 20, genre: str = "", decade: int | None = None
) -> list[Recommendation]:
    """The reader's top films not yet seen (or hidden), best first, each with a reason."""
    models = store.current()
    history = History.of(reader)
    if models is None or len(history) == 0 or len(models.film_ids) == 0:
        return []
    liked = history.stars >= LIKED_STARS
    row = models.history_row(history.films[liked], history.stars[liked])
    scores = np.asarray(models.ranker.score(row), dtype=np.float64).ravel()
    excluded = models.columns_for(np.array(sorted(_seen_or_hidden(reader)), dtype=np.int64))
    scores[excluded[excluded >= 0]] = -np.inf
    allowed = _allowed_columns(models, genre=genre, decade=decade)
    if allowed is not None:
        mask = np.full(len(scores), -np.inf)
        mask[allowed] = 0.0
        scores = scores + mask
    top = [int(c) for c in np.argsort(-scores)[: n * 2] if np.isfinite(scores[c])][:n]
    films = Film.objects.in_bulk([int(models.film_ids[c]) for c in top])
    reasons = _reasons(models, row.indices, top)
    return [
        Recommendation(films[int(models.film_ids[c])], float(scores[c]), reason)
        for c, reason in zip(top, reasons, strict=True)
        if int(models.film_ids[c]) in films
    ]


def _allowed_columns(
    models: store.TrainedModels, *, genre: str, decade: int | None
) -> np.ndarray | None:
    if not genre and decade is None:
        return None
    films = Film.objects.all()
    if genre:
        films = films.filter(genres__slug=genre)
    if decade is not None:
        films = films.filter(Q(year__gte=decade) & Q(year__lt=decade + 10))
    columns = models.columns_for(np.array(list(films.values_list("pk", flat=True)), dtype=np.int64))
    return columns[columns >= 0]


def _reasons(models: store.TrainedModels, liked_columns: np.ndarray, top: list[int]) -> list[str]:
    """For each recommended film, the reader's liked film most often liked alongside it.

    Cosine of co-likes over the training readers: "readers who liked X also liked this".
    """
    fallback = "Popular with readers whose ratings are like yours."
    if not len(liked_columns) or not top or models.liked.shape[1] == 0:
        return [fallback] * len(top)
    liked = models.liked
    together = (liked[:, liked_columns].T @ liked[:, top]).toarray()
    counts = np.asarray(liked.sum(axis=0)).ravel()
    norms = np.sqrt(np.outer(counts[liked_columns], counts[top]))
    cosine = np.divide(together, norms, out=np.zeros_like(together), where=norms > 0)
    best = cosine.argmax(axis=0)
    titles = dict(
        Film.objects.filter(pk__in=models.film_ids[liked_columns].tolist()).values_list(
            "pk", "title"
        )
    )
    reasons = []
    for position, row in enumerate(best):
        title = titles.get(int(models.film_ids[liked_columns[row]]))
        strong = cosine[row, position] > 0
        reasons.append(
            f"Readers who liked {title} liked this too." if strong and title else fallback
        )
    return reasons


@dataclass(frozen=True)
class TrainingState:
    """What the staff's models page shows: the models in use and the latest training run."""

    models: store.TrainedModels | None
    run: TrainingRun | None
    under_way: bool
    percent: int
    steps: int


def training_in_progress() -> TrainingRun | None:
    """The training queued or running now; one older than ``STALE_TRAINING`` died with its
    worker (killed mid-run) and no longer counts."""
    recent = TrainingRun.objects.filter(queued_at__gte=timezone.now() - STALE_TRAINING)
    return recent.filter(status__in=IN_PROGRESS).first()


def training_state() -> TrainingState:
    run = TrainingRun.objects.select_related("requested_by").first()
    under_way = training_in_progress() is not None
    steps = len(TRAINING_STEPS)
    percent = 0
    if run is not None:
        percent = (
            100 if run.status == TrainingRun.Status.DONE else int(100 * run.steps_done / steps)
        )
    return TrainingState(store.current(), run, under_way, percent, steps)
