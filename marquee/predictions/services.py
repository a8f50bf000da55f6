"""Training the models: on demand (`marquee train`) and in the background after new ratings."""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

import recommend
from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.predictions import store
from marquee.predictions.dataset import RatingsData
from marquee.predictions.models import HiddenFilm, TrainingRun
from marquee.predictions.selectors import TRAINING_STEPS, training_in_progress
from marquee.readers.models import Rating
from marquee.related.services import similar_queue_rebuild

logger = logging.getLogger(__name__)
Progress = Callable[[str], None]
MIN_RATINGS_TO_TRAIN = 20
HOLDOUT_FRACTION = 0.05
TRAINING_LOCK = "marquee:training-queued"


def _holdout_rmse(data: RatingsData, seed: int = 0) -> float:
    """How far predictions land from ratings the model did not see (for honest intervals)."""
    held = np.random.default_rng(seed).random(len(data)) < HOLDOUT_FRACTION
    if held.sum() < 20:
        return 1.0  # too little data to measure: assume a wide error, say so in the interval
    predictor = recommend.default_rating_predictor().fit(
        data.users[~held], data.films[~held], data.stars[~held]
    )
    errors = predictor.predict(data.users[held], data.films[held]) - data.stars[held]
    return float(np.sqrt(np.mean(errors**2)))


def models_train(*, progress: Progress | None = None) -> store.TrainedModels:
    """Fit the rating predictor and the ranker on every rating, and make them current.

    ``progress`` is told each of ``TRAINING_STEPS`` as it starts.
    """
    say = progress or (lambda step: None)
    reading, measuring, predictor_step, ranker_step, test_films, saving = TRAINING_STEPS
    say(reading)
    data = RatingsData.load()
    if len(data) < MIN_RATINGS_TO_TRAIN:
        raise InputError(
            "ratings", f"{len(data)} ratings on the site; at least {MIN_RATINGS_TO_TRAIN} needed"
        )
    trained_at = timezone.now()
    say(measuring)
    rmse = _holdout_rmse(data)
    say(predictor_step)
    predictor = recommend.default_rating_predictor().fit(data.users, data.films, data.stars)
    say(ranker_step)
    film_ids = np.unique(data.films)
    matrix = data.interaction_matrix(film_ids)
    ranker = recommend.default_ranker().fit(matrix)
    say(test_films)
    elicitor = recommend.default_elicitor(data.rating_matrix(film_ids))
    say(saving)
    models = store.TrainedModels(
        version=trained_at.strftime("%Y%m%dT%H%M%S%fZ"),
        trained_at=trained_at,
        predictor=predictor,
        ranker=ranker,
        film_ids=film_ids,
        ratings_count=len(data),
        readers_count=int(matrix.shape[0]),
        rmse=rmse,
        # Column slices are what reasons need: CSC makes them cheap.
        liked=(matrix > 0).astype(np.float32).tocsc(),
        elicitor=elicitor,
    )
    store.save(models)
    cache.delete(TRAINING_LOCK)
    similar_queue_rebuild()  # "more like this" blends in what readers rate alike
    return models


@transaction.atomic
def training_request(*, user: User | None = None) -> TrainingRun:
    """Queue a training run for the background worker, or return the one already under way."""
    under_way = training_in_progress()
    if under_way is not None:
        return under_way
    run = TrainingRun.objects.create(requested_by=user)
    transaction.on_commit(lambda: train_in_background.enqueue(run.pk))
    return run


def training_execute(run: TrainingRun) -> TrainingRun:
    """Train, recording each step on ``run`` as it starts (the staff page shows it)."""
    _record(run, status=TrainingRun.Status.RUNNING, started_at=timezone.now())

    def progress(step: str) -> None:
        _record(run, step=step, steps_done=TRAINING_STEPS.index(step))

    try:
        models = models_train(progress=progress)
    except InputError as error:
        logger.info("training skipped: %s", error)
        _record(run, status=TrainingRun.Status.FAILED, error=error.describe())
    except Exception:
        logger.exception("training run %s failed", run.pk)
        _record(
            run, status=TrainingRun.Status.FAILED, error="Training failed: see the worker's log."
        )
    else:
        _record(
            run,
            status=TrainingRun.Status.DONE,
            steps_done=len(TRAINING_STEPS),
            version=models.version,
        )
    finally:
        cache.delete(TRAINING_LOCK)
        _record(run, finished_at=timezone.now())
    return run


def _record(run: TrainingRun, **changes: object) -> None:
    for name, value in changes.items():
        setattr(run, name, value)
    run.save(update_fields=list(changes))


@task()
def train_in_background(run_id: int | None = None) -> None:
    """The background job ``training_request`` queues (jobs queued before runs were recorded
    carry no id: they get a run of their own)."""
    run = TrainingRun.objects.filter(pk=run_id).first() if run_id else None
    training_execute(run or TrainingRun.objects.create())


def training_queue_if_due() -> bool:
    """Queue a training run once enough ratings changed since the last one (at most one queued)."""
    models = store.current()
    since = models.trained_at if models else None
    changed = Rating.objects.filter(updated_at__gt=since) if since else Rating.objects.all()
    if changed.count() < settings.MARQUEE_RETRAIN_AFTER_RATINGS:
        return False
    if not cache.add(TRAINING_LOCK, True, timeout=60 * 60):
        return False
    training_request()
    return True


@transaction.atomic
def film_hide(*, user: User, film: Film) -> HiddenFilm:
    """Never recommend ``film`` to ``user`` again ("not interested")."""
    hidden, _ = HiddenFilm.objects.get_or_create(user=user, film=film)
    return hidden


@transaction.atomic
def film_unhide(*, user: User, film: Film) -> None:
    HiddenFilm.objects.filter(user=user, film=film).delete()
