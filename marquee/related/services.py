"""Writes: film relations, confirming or dismissing suggested influences, and rebuilding the
precomputed neighbours (``marquee similar --rebuild``, or in the background)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

import numpy as np
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from marquee.accounts.models import User
from marquee.catalog.loaders import insert_new
from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.journal.page_cache import content_changed
from marquee.predictions import store
from marquee.related import selectors
from marquee.related.models import (
    FilmRelation,
    InfluenceDismissal,
    PossibleInfluence,
    SimilarFilm,
    SimilarityBuild,
)
from marquee.related.permissions import can_curate_relations
from marquee.related.story import (
    CoLiking,
    FilmNeighbours,
    SharedElements,
    StoryIndex,
    film_neighbours,
)
from marquee.sanitize import clean_block, clean_line

logger = logging.getLogger(__name__)
# (stage, done, total): stages are "Reading", "Story vectors", "Neighbours", "Saving".
Progress = Callable[[str, int, int], None]
NEIGHBOURS = 20
INFLUENCES = 8
EXPLAIN_BATCH = 256
REBUILD_LOCK = "marquee:similar-rebuild-queued"


def _input_error(error: ValidationError) -> InputError:
    if hasattr(error, "error_dict"):
        field, errors = next(iter(error.message_dict.items()))
        return InputError(field if field != "__all__" else "relation", " ".join(errors))
    return InputError("relation", " ".join(error.messages))


@transaction.atomic
def film_relation_create(
    *,
    from_film: Film,
    to_film: Film,
    kind: str,
    note: str = "",
    source: str = "",
    created_by: User | None = None,
) -> FilmRelation:
    """Record that ``from_film`` is a remake of / sequel to / inspired by ``to_film``."""
    relation = FilmRelation(
        from_film=from_film,
        to_film=to_film,
        kind=kind,
        note=clean_block(note, field="note", max_chars=2000, required=False),
        source=clean_line(source, field="source", max_chars=500, required=False),
        created_by=created_by,
    )
    try:
        relation.full_clean()
    except ValidationError as error:
        raise _input_error(error) from error
    relation.save()
    return relation


@transaction.atomic
def influence_confirm(
    *, film: Film, earlier: Film, user: User, source: str = "", note: str = ""
) -> FilmRelation:
    """A critic confirms a suggested influence: ``film`` was inspired by ``earlier``."""
    if not can_curate_relations(user):
        raise PermissionError(f"{user} may not record relations between films")
    if not (earlier.year and film.year and earlier.year < film.year):
        raise InputError("earlier", f"{earlier} did not come out before {film}")
    existing = FilmRelation.objects.filter(
        from_film=film, to_film=earlier, kind=FilmRelation.Kind.INSPIRED_BY
    ).first()
    if existing:
        return existing
    if not note.strip():
        suggestion = selectors.influence_for(film, earlier)
        if suggestion:
            note = selectors.why_text(suggestion.why, film=film)
    if not source.strip():
        source = (
            f"{user.public_name}, confirming Marquee's story-similarity suggestion on "
            f"{timezone.localdate():%Y-%m-%d}"
        )
    return film_relation_create(
        from_film=film,
        to_film=earlier,
        kind=FilmRelation.Kind.INSPIRED_BY,
        note=note,
        source=source,
        created_by=user,
    )


@transaction.atomic
def influence_dismiss(*, film: Film, earlier: Film, user: User) -> InfluenceDismissal:
    """A critic says ``earlier`` is no influence on ``film``: it is not suggested again."""
    if not can_curate_relations(user):
        raise PermissionError(f"{user} may not dismiss suggestions")
    dismissal, _ = InfluenceDismissal.objects.get_or_create(
        film=film, earlier=earlier, defaults={"dismissed_by": user}
    )
    return dismissal


# -- the precomputed neighbours ------------------------------------------------------------------


def _co_liking(pks, models: store.TrainedModels | None) -> CoLiking | None:
    if models is None or models.liked.shape[1] == 0:
        return None
    columns = models.columns_for(pks)
    return CoLiking.from_columns(models.liked, columns, len(pks))


def _why(shared: SharedElements | None, co_likers: int) -> str:
    why: dict = {}
    if shared:
        why.update(keywords=shared.keywords, genres=shared.genres, terms=shared.terms)
    if co_likers:
        why["co_likers"] = co_likers
    return json.dumps(why)


def _explained_rows(
    index: StoryIndex, pks: np.ndarray, batch: list[FilmNeighbours]
) -> tuple[list[tuple], list[tuple]]:
    """Table rows for a batch of films' neighbours, the shared elements found in one product."""
    pairs = sorted(
        {
            (found.film, n.other)
            for found in batch
            for n in (*found.similar, *found.earlier)
            if n.story > 0
        }
    )
    firsts = np.array([first for first, _ in pairs], dtype=np.int64)
    seconds = np.array([second for _, second in pairs], dtype=np.int64)
    shared = dict(zip(pairs, index.shared_pairs(firsts, seconds), strict=True))
    similar, influences = [], []
    for found in batch:
        film = int(pks[found.film])
        for rank, n in enumerate(found.similar, start=1):
            why = _why(shared.get((found.film, n.other)), n.co_likers)
            row = (film, int(pks[n.other]), rank, n.score, n.story, n.ratings, why)
            similar.append(row)
        rank = 0
        for n in found.earlier:
            elements = shared.get((found.film, n.other))
            if elements and (elements.keywords or elements.terms):  # not a genre alone
                rank += 1
                influences.append((film, int(pks[n.other]), rank, n.score, _why(elements, 0)))
    return similar, influences


def similar_rebuild(*, progress: Progress | None = None) -> SimilarityBuild:
    """Recompute every film's neighbours and possible influences, and replace both tables in one
    transaction: readers see the old tables until the new ones are complete."""
    say = progress or (lambda stage, done, total: None)
    started = time.perf_counter()
    say("Reading", 0, 1)
    stories = selectors.catalog_stories()
    models = store.current()
    say("Story vectors", 0, 1)
    index = StoryIndex.build(stories.texts)
    ratings = _co_liking(stories.pks, models)
    similar: list[tuple] = []
    influences: list[tuple] = []
    films = len(stories.pks)
    say("Neighbours", 0, films)
    batch: list[FilmNeighbours] = []
    for found in film_neighbours(
        index,
        ratings,
        stories.years,
        k=NEIGHBOURS,
        influences=INFLUENCES,
        progress=lambda done, total: say("Neighbours", done, total),
    ):
        batch.append(found)
        if len(batch) == EXPLAIN_BATCH or found.film == films - 1:
            more, earlier = _explained_rows(index, stories.pks, batch)
            similar.extend(more)
            influences.extend(earlier)
            batch = []
    say("Saving", 0, 1)
    with transaction.atomic():
        # A film deleted since it was read would break a foreign key: leave its rows out.
        alive = set(Film.objects.values_list("pk", flat=True))
        similar = [row for row in similar if row[0] in alive and row[1] in alive]
        influences = [row for row in influences if row[0] in alive and row[1] in alive]
        SimilarFilm.objects.all().delete()
        PossibleInfluence.objects.all().delete()
        insert_new(
            SimilarFilm,
            ("film", "other", "rank", "score", "story_score", "ratings_score", "why"),
            similar,
        )
        insert_new(PossibleInfluence, ("film", "earlier", "rank", "score", "why"), influences)
        SimilarityBuild.objects.all().delete()
        build = SimilarityBuild.objects.create(
            built_at=timezone.now(),
            films=films,
            films_with_story=int(index.has_story.sum()),
            similar_rows=len(similar),
            influence_rows=len(influences),
            models_version=models.version if models else "",
            seconds=round(time.perf_counter() - started, 3),
        )
    content_changed()  # cached public film pages show the new neighbours
    say("Saving", 1, 1)
    return build


@task()
def similar_rebuild_in_background() -> None:
    """The background job queued by ``similar_queue_rebuild``."""
    # Unlocked first: a change made while this runs queues the next rebuild instead of being lost.
    cache.delete(REBUILD_LOCK)
    similar_rebuild()


def similar_queue_rebuild() -> bool:
    """Queue a rebuild of the neighbour tables after the current transaction commits (one queued
    at a time). Called after training, catalog loads and review publication."""
    if not cache.add(REBUILD_LOCK, True, timeout=60 * 60):
        return False
    transaction.on_commit(similar_rebuild_in_background.enqueue)
    return True
