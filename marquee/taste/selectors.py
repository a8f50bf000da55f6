"""Reads: the next test film to ask, films that reveal a reader, and how alike two people are.

A person's *judgement* of a film is their rating, or else (for critics) their published
review's verdict read as stars, as in the review page's critic agreement. Compatibility comes
from the engine (``recommend.compatibility``): a 0-100 score with an 80% interval, shrunk
towards what the trained models expect when few films are shared.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.db.models import Avg, Count, F, Max, Subquery

import recommend
from marquee.accounts.models import User
from marquee.catalog.models import Credit, Film
from marquee.predictions import store
from marquee.predictions.selectors import (
    recommendations_for,
    round_to_half,
    should_watch_for,
    verdict_stars,
)
from marquee.readers.models import DiaryEntry, Rating, WatchedFilm
from marquee.reviews.models import Review, Verdict
from marquee.taste.answers import MAX_ONBOARDING_ANSWERS
from marquee.taste.models import Onboarding, TasteTest, TasteTestResponse

# After this many answers (and at least one film rated) onboarding shows recommendations.
ANSWERS_BEFORE_PICKS = 10
PICKS = 6
SUGGEST_FROM_STARS = 3.0
LOVED_STARS = 4.0
TOP_FILMS = 5
PEOPLE_LIKE = 3
# People like you: only readers sharing this many films, and at most this many candidates
# (those sharing the most films) are scored, so a profile page stays cheap.
PEOPLE_LIKE_MIN_SHARED = 5
PEOPLE_LIKE_CANDIDATES = 30
PEOPLE_LIKE_RESCORED = 6  # of those, scored with the trained model (about 16 ms each)
PEOPLE_LIKE_CACHE_SECONDS = 600
SUGGESTED_TEST_FILMS = 10
# The owner's page scores each shared response; the latest this many are shown.
SHARED_RESPONSES_SHOWN = 50
TEST_FILM_CHOICES = 200


def elicitor_of(models: store.TrainedModels | None):
    """The trained test-film chooser, or None (no models, or models trained before it)."""
    return getattr(models, "elicitor", None) if models is not None else None


def can_see_ratings(viewer: User, person: User) -> bool:
    """Private ratings are for their owner and staff only."""
    if not person.ratings_private:
        return True
    return viewer.is_authenticated and (viewer.pk == person.pk or viewer.is_staff)


def ratings_of(person: User) -> dict[int, float]:
    return {
        pk: half / 2
        for pk, half in Rating.objects.filter(user=person).values_list("film_id", "half_stars")
    }


def judgements_of(person: User) -> dict[int, float]:
    """Film pk -> stars: the person's ratings, and their published verdicts where unrated."""
    return _with_verdicts(person.pk, ratings_of(person))


def _with_verdicts(author_id: int, stars: dict[int, float]) -> dict[int, float]:
    reviews = list(
        Review.objects.published().filter(author_id=author_id).values_list("film_id", "verdict_id")
    )
    if reviews:
        scale = verdict_stars(list(Verdict.objects.all()))
        for film_id, verdict_id in reviews:
            stars.setdefault(film_id, scale[verdict_id])
    return stars


def seen_by(person: User) -> set[int]:
    """Films the person rated, logged or marked as watched."""
    seen = set(Rating.objects.filter(user=person).values_list("film_id", flat=True))
    seen |= set(DiaryEntry.objects.filter(user=person).values_list("film_id", flat=True))
    seen |= set(WatchedFilm.objects.filter(user=person).values_list("film_id", flat=True))
    return seen


def directors_by_film(pks: Iterable[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for film_id, name in Credit.objects.filter(
        film_id__in=list(pks), role=Credit.Role.DIRECTOR
    ).values_list("film_id", "person__name"):
        names.setdefault(film_id, []).append(name)
    return names


# -- onboarding ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    film: Film
    directors: list[str]


@dataclass(frozen=True)
class Pick:
    """A film to watch, with the stars predicted for this person (None when unknown)."""

    film: Film
    predicted: float | None
    reason: str = ""
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class OnboardingState:
    available: bool
    answered: int = 0
    rated: int = 0
    question: Question | None = None
    picks: list[Pick] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return self.answered >= ANSWERS_BEFORE_PICKS and self.rated > 0

    @property
    def to_go(self) -> int:
        return max(0, ANSWERS_BEFORE_PICKS - self.answered)


def stored_onboarding_answers(user: User) -> list[tuple[int, float | None]]:
    record = Onboarding.objects.filter(user=user).first()
    return [(int(pk), stars) for pk, stars in record.answers] if record else []


def _elicitation(models, elicitor, answers: Iterable[tuple[int, float | None]]):
    """An engine session replaying ``answers`` (film pk, stars) in the models' columns."""
    pairs = list(answers)
    columns = models.columns_for(np.array([pk for pk, _ in pairs], dtype=np.int64))
    replay, asked = [], set()
    for column, (_, stars) in zip(columns.tolist(), pairs, strict=True):
        if column >= 0 and column not in asked:
            asked.add(column)
            replay.append((column, stars))
    return elicitor.start(answers=replay)


def _next_question(models, session) -> Question | None:
    """The next film the engine asks about that is still in the catalog."""
    while (column := session.next_item()) is not None:
        film = Film.objects.filter(pk=int(models.film_ids[column])).first()
        if film is not None:
            return Question(film, directors_by_film([film.pk]).get(film.pk, []))
        session.answer(column, None)  # removed from the catalog since training: skip it
    return None


def onboarding_state(user: User | None, answers: list[tuple[int, float | None]]) -> OnboardingState:
    """Where a person stands in onboarding: the next question, and picks once ready.

    ``answers`` are the onboarding answers so far; a signed-in reader's ratings count too, so
    no film they rated is asked about.
    """
    models = store.current()
    elicitor = elicitor_of(models)
    if elicitor is None:
        return OnboardingState(available=False)
    ratings = ratings_of(user) if user else {}
    history = [(pk, stars) for pk, stars in ratings.items()]
    history += [(pk, stars) for pk, stars in answers if pk not in ratings]
    session = _elicitation(models, elicitor, history)
    rated = len(ratings) if user else sum(stars is not None for _, stars in answers)
    more = len(answers) < MAX_ONBOARDING_ANSWERS
    state = OnboardingState(
        available=True,
        answered=len({pk for pk, _ in history}),
        rated=rated,
        question=_next_question(models, session) if more else None,
    )
    if not state.ready:
        return state
    asked = {state.question.film.pk} if state.question else set()
    picks = _picks_for_reader(user, asked) if user else _picks_from_session(models, session, asked)
    # A suggestion is a film this person will probably like, not merely the best of a few.
    picks = [p for p in picks if p.predicted is None or p.predicted >= SUGGEST_FROM_STARS]
    return OnboardingState(**{**state.__dict__, "picks": picks})


def _picks_for_reader(user: User, asked: set[int]) -> list[Pick]:
    picks = []
    for item in recommendations_for(user, n=PICKS + len(asked)):
        if item.film.pk in asked:
            continue
        prediction = should_watch_for(user, item.film)
        picks.append(
            Pick(
                item.film,
                prediction.predicted if prediction else None,
                item.reason,
                prediction.low if prediction else None,
                prediction.high if prediction else None,
            )
        )
    return picks


def _picks_from_session(models, session, asked: set[int]) -> list[Pick]:
    """A visitor's top films by the engine's predicted stars, films they answered left out."""
    predicted = np.asarray(session.predicted_ratings(), dtype=np.float64)
    scores = np.asarray(session.scores(), dtype=np.float64).copy()
    answered = [column for column, _ in session.answers]
    scores[answered] = -np.inf
    top = [int(c) for c in np.argsort(-scores)[: PICKS * 2] if np.isfinite(scores[c])]
    films = Film.objects.in_bulk([int(models.film_ids[c]) for c in top])
    picks = []
    for column in top:
        film = films.get(int(models.film_ids[column]))
        if film is not None and film.pk not in asked:
            picks.append(Pick(film, round_to_half(float(predicted[column]))))
    return picks[:PICKS]


# -- taste tests -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FilmChoice:
    """One of the owner's rated films, offered for a taste test."""

    film: Film
    stars: float
    why: str
    suggested: bool


def _spread_and_count(pks: list[int]) -> dict[int, tuple[float, int]]:
    """Each film's spread of ratings (standard deviation, stars) and number of ratings."""
    rows = (
        Rating.objects.filter(film_id__in=pks)
        .values("film_id")
        .annotate(
            count=Count("id"),
            mean=Avg("half_stars"),
            mean_square=Avg(F("half_stars") * F("half_stars")),
        )
    )
    out = {}
    for row in rows:
        variance = max(0.0, float(row["mean_square"]) - float(row["mean"]) ** 2)
        out[row["film_id"]] = (math.sqrt(variance) / 2, row["count"])
    return out


def _fallback_why(spread: float, count: int) -> str:
    if count <= 1:
        return "only you have rated it so far"
    opinions = "opinions split widely" if spread >= 1.0 else "opinions fairly consistent"
    return f"rated by {count} readers; {opinions} (sd {spread:.1f} stars)"


def taste_test_film_choices(owner: User) -> list[FilmChoice]:
    """The owner's rated films, most revealing first; the first few are suggested.

    With trained models the engine ranks them (films many people have seen, on which opinions
    split along lines of taste); without, films whose ratings spread widest among many readers
    come first.
    """
    ratings = ratings_of(owner)
    pks = list(ratings)
    stats = _spread_and_count(pks)
    # Without models: spread of opinion, weighted by how many have seen the film.
    order = sorted(
        pks,
        key=lambda pk: -stats.get(pk, (0.0, 0))[0] * math.log1p(stats.get(pk, (0.0, 0))[1]),
    )
    reasons = {pk: _fallback_why(*stats.get(pk, (0.0, 0))) for pk in pks}
    models = store.current()
    elicitor = elicitor_of(models)
    if elicitor is not None and pks:
        columns = models.columns_for(np.array(pks, dtype=np.int64))
        known = {int(c): pk for c, pk in zip(columns.tolist(), pks, strict=True) if c >= 0}
        ranked = [known[c] for c in elicitor.rank_revealing(list(known), len(known))]
        for column, pk in known.items():
            reasons[pk] = elicitor.why(column)
        order = ranked + [pk for pk in order if pk not in set(ranked)]
    order = order[:TEST_FILM_CHOICES]
    films = Film.objects.in_bulk(order)
    return [
        FilmChoice(films[pk], ratings[pk], reasons[pk], rank < SUGGESTED_TEST_FILMS)
        for rank, pk in enumerate(pk for pk in order if pk in films)
    ]


@dataclass(frozen=True)
class FilmAgreement:
    film: Film
    yours: float
    theirs: float


@dataclass(frozen=True)
class Match:
    """How alike two people are, in words people understand."""

    score: int
    low: int
    high: int
    shared: int
    agree: list[FilmAgreement]
    disagree: list[FilmAgreement]

    @property
    def has_evidence(self) -> bool:
        return self.shared > 0


def _compatibility(mine: Mapping[int, float], theirs: Mapping[int, float]):
    """The engine's compatibility with the trained predictor as prior: every score a reader
    sees (compare page, people like you, taste tests) comes from here, so they agree."""
    models = store.current()
    return recommend.compatibility(
        dict(mine), dict(theirs), model=models.predictor if models else None
    )


def match_between(mine: Mapping[int, float], theirs: Mapping[int, float]) -> Match:
    """Compatibility of two people's judgements (film pk -> stars), with films resolved."""
    result = _compatibility(mine, theirs)
    top = list(result.agree)[:TOP_FILMS] + list(result.disagree)[:TOP_FILMS]
    films = Film.objects.in_bulk(top)

    def pairs(pks: Iterable[int]) -> list[FilmAgreement]:
        return [FilmAgreement(films[pk], mine[pk], theirs[pk]) for pk in pks if pk in films]

    return Match(
        score=round(result.score),
        low=round(result.low),
        high=round(result.high),
        shared=result.shared,
        agree=pairs(list(result.agree)[:TOP_FILMS]),
        disagree=pairs(list(result.disagree)[:TOP_FILMS]),
    )


def loved_but_unseen(stars: Mapping[int, float], seen: set[int]) -> list[Film]:
    """The films someone rated highest that the other person has not seen, best first."""
    loved = sorted(
        (pk for pk, value in stars.items() if value >= LOVED_STARS and pk not in seen),
        key=lambda pk: -stars[pk],
    )
    films = Film.objects.in_bulk(loved[: TOP_FILMS * 2])
    return [films[pk] for pk in loved[: TOP_FILMS * 2] if pk in films][:TOP_FILMS]


@dataclass(frozen=True)
class TasteTestResult:
    test: TasteTest
    response: TasteTestResponse
    match: Match
    answered: int
    seen: int
    picks: list[Pick]


def visitor_response(test: TasteTest, visitor_key: str | None) -> TasteTestResponse | None:
    if not visitor_key:
        return None
    return TasteTestResponse.objects.filter(test=test, visitor_key=visitor_key).first()


def taste_test_result(test: TasteTest, response: TasteTestResponse) -> TasteTestResult:
    """The visitor's compatibility with the test's owner, and films to try from the owner."""
    answers = response.stars_by_film()
    mine = {pk: stars for pk, stars in answers.items() if stars is not None}
    owner_stars = ratings_of(test.owner)
    match = match_between(mine, owner_stars)
    picks: list[Pick] = []
    if not test.owner.ratings_private:
        seen = set(answers) | (seen_by(response.user) if response.user else set())
        picks = _owner_picks(owner_stars, seen, mine)
    return TasteTestResult(test, response, match, len(answers), len(mine), picks)


def _owner_picks(
    owner_stars: Mapping[int, float], seen: set[int], mine: Mapping[int, float]
) -> list[Pick]:
    """The owner's highly rated films the visitor has not answered, the visitor's likely
    favourites first when the models can tell."""
    candidates = [
        pk for pk, stars in owner_stars.items() if stars >= LOVED_STARS and pk not in seen
    ]
    predicted: dict[int, float] = {}
    models = store.current()
    elicitor = elicitor_of(models)
    if elicitor is not None and candidates:
        session = _elicitation(models, elicitor, mine.items())
        guesses = session.predicted_ratings()
        columns = models.columns_for(np.array(candidates, dtype=np.int64))
        predicted = {
            pk: round_to_half(float(guesses[c]))
            for pk, c in zip(candidates, columns.tolist(), strict=True)
            if c >= 0
        }
    candidates.sort(key=lambda pk: (-predicted.get(pk, 0.0), -owner_stars[pk]))
    films = Film.objects.in_bulk(candidates[: TOP_FILMS * 2])
    return [
        Pick(films[pk], predicted.get(pk), f"{owner_stars[pk]:g} stars from the owner")
        for pk in candidates[: TOP_FILMS * 2]
        if pk in films
    ][:TOP_FILMS]


def shared_responses(test: TasteTest) -> list[tuple[TasteTestResponse, Match]]:
    """The latest responses visitors chose to share with the owner, with their compatibility."""
    owner_stars = ratings_of(test.owner)
    out = []
    shared = test.responses.filter(share_with_owner=True).select_related("user")
    for response in shared[:SHARED_RESPONSES_SHOWN]:
        mine = {pk: s for pk, s in response.stars_by_film().items() if s is not None}
        out.append((response, match_between(mine, owner_stars)))
    return out


# -- comparing two people --------------------------------------------------------------------


class CompareRefused(Exception):
    """Two people who cannot be compared; ``message`` says why, in plain words."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Comparison:
    you: User
    them: User
    match: Match
    you_love: list[Film]  # you love, they have not seen
    they_love: list[Film]


def check_comparable(you: User, them: User) -> None:
    """CompareRefused when ``you`` may not compare with ``them``."""
    if you.pk == them.pk:
        raise CompareRefused("That's you: pick another reader to compare your taste with.")
    if them.ratings_private:
        raise CompareRefused(
            f"{them.public_name} keeps their ratings private, so their taste cannot be compared."
        )


def comparison(you: User, them: User) -> Comparison:
    """How alike ``you`` and ``them`` are, and what each loves that the other has not seen."""
    check_comparable(you, them)
    mine, theirs = judgements_of(you), judgements_of(them)
    return Comparison(
        you=you,
        them=them,
        match=match_between(mine, theirs),
        you_love=loved_but_unseen(mine, seen_by(them) | set(theirs)),
        they_love=loved_but_unseen(theirs, seen_by(you) | set(mine)),
    )


@dataclass(frozen=True)
class Neighbour:
    person: User
    score: int
    shared: int


def people_like(person: User, *, n: int = PEOPLE_LIKE) -> list[Neighbour]:
    """Readers with public ratings most alike ``person``, scored as the compare page scores
    them; worked out at most every ``PEOPLE_LIKE_CACHE_SECONDS`` per reader and models."""
    key = _people_like_key(person, n)
    found = cache.get(key)
    if found is None:
        found = _people_like_scores(person, n)
        cache.set(key, found, PEOPLE_LIKE_CACHE_SECONDS)
    users = User.objects.in_bulk([user_id for user_id, _, _ in found])
    # Kept scores may outlive someone's choice to hide their ratings: checked on every read.
    shown = [
        Neighbour(users[user_id], score, shared)
        for user_id, score, shared in found
        if user_id in users and users[user_id].is_active and not users[user_id].ratings_private
    ]
    return shown[:n]


def _people_like_key(person: User, n: int) -> str:
    models = store.current()
    ratings = Rating.objects.filter(user=person).aggregate(n=Count("id"), at=Max("updated_at"))
    changed = ratings["at"].timestamp() if ratings["at"] else 0
    version = models.version if models else "none"
    return f"taste:people-like:{person.pk}:{n}:{version}:{ratings['n']}:{changed}"


def _candidates_sharing_most(person: User) -> list[int]:
    films = Rating.objects.filter(user=person).values("film_id")
    return list(
        Rating.objects.filter(film_id__in=Subquery(films))
        .exclude(user=person)
        .filter(user__is_active=True, user__ratings_private=False)
        .values("user_id")
        .annotate(shared=Count("id"))
        .filter(shared__gte=PEOPLE_LIKE_MIN_SHARED)
        .order_by("-shared", "user_id")
        .values_list("user_id", flat=True)[:PEOPLE_LIKE_CANDIDATES]
    )


def _people_like_scores(person: User, n: int) -> list[tuple[int, int, int]]:
    """(user id, score, shared films) of at least the ``n`` most alike, best first.

    Candidates are first ranked without the model (cheap: no fold-in), then the best
    ``PEOPLE_LIKE_RESCORED`` are scored with it, as the compare page does.
    """
    candidates = _candidates_sharing_most(person)
    if not candidates:
        return []
    stars_by_user: dict[int, dict[int, float]] = {pk: {} for pk in candidates}
    for user_id, film_id, half in Rating.objects.filter(user_id__in=candidates).values_list(
        "user_id", "film_id", "half_stars"
    ):
        stars_by_user[user_id][film_id] = half / 2
    mine = ratings_of(person)
    cheap = sorted(
        candidates,
        key=lambda pk: (-recommend.compatibility(mine, stars_by_user[pk]).score, pk),
    )
    rescored = max(n, PEOPLE_LIKE_RESCORED)
    mine = judgements_of(person)
    scored = []
    for user_id in cheap[:rescored]:
        theirs = _with_verdicts(user_id, dict(stars_by_user[user_id]))
        result = _compatibility(mine, theirs)
        scored.append((round(result.score), result.shared, user_id))
    scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
    return [(user_id, score, shared) for score, shared, user_id in scored]
