"""Writes to the search index: documents kept in step with the catalog and reviews, vectors
computed for them (in the background after a change, or all at once by ``marquee search
--rebuild``).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable, Iterator

import numpy as np
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django_tasks import task

from marquee.catalog.models import Credit, Film, Person
from marquee.reviews.models import Review
from marquee.search import documents, embeddings, vectors
from marquee.search.models import SearchDocument, SearchEmbedding, SearchIndexVersion

logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
Kind = SearchDocument.Kind
EMBED_BATCH = 256
REBUILD_LOCK = "marquee:search:rebuild-queued"
EMBEDDING_LOCK = "marquee:search-embeddings-queued"


def films_for_index() -> QuerySet[Film]:
    """Films with everything their documents need, in a fixed number of queries."""
    return Film.objects.prefetch_related(
        "genres",
        "keywords",
        "alternate_titles",
        Prefetch("credits", queryset=Credit.objects.select_related("person")),
    )


def people_for_index() -> QuerySet[Person]:
    return Person.objects.prefetch_related("aliases")


def reviews_for_index() -> QuerySet[Review]:
    return Review.objects.published().select_related("film", "author", "verdict")


def index_version_bump() -> None:
    """Tell every process that documents or vectors changed (their caches reload).

    The new version is random rather than one more: a number reused after a rolled-back
    transaction could never pass for the index it no longer describes.
    """
    version = secrets.randbits(62)
    if not SearchIndexVersion.objects.filter(pk=1).update(version=version):
        SearchIndexVersion.objects.update_or_create(pk=1, defaults={"version": version})


def _save(fields: dict) -> SearchDocument:
    key = {"kind": fields["kind"], "object_id": fields["object_id"]}
    values = {name: value for name, value in fields.items() if name not in key}
    document, _ = SearchDocument.objects.update_or_create(**key, defaults=values)
    return document


@transaction.atomic
def document_remove(*, kind: str, object_id: int) -> None:
    """Take an object out of search (a deleted film, an unpublished review)."""
    if SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()[0]:
        index_version_bump()


@transaction.atomic
def film_index(*, film_id: int) -> None:
    """Index one film as it is now, and the published reviews of it (they carry its title)."""
    film = films_for_index().filter(pk=film_id).first()
    if film is None:
        document_remove(kind=Kind.FILM, object_id=film_id)
        return
    _save(documents.film_fields(film))
    for review in reviews_for_index().filter(film=film):
        _save(documents.review_fields(review))
    index_version_bump()
    embeddings_queue()


@transaction.atomic
def person_index(*, person_id: int) -> None:
    person = people_for_index().filter(pk=person_id).first()
    if person is None:
        document_remove(kind=Kind.PERSON, object_id=person_id)
        return
    _save(documents.person_fields(person))
    index_version_bump()


@transaction.atomic
def review_index(*, review_id: int) -> None:
    """Index a published review; a draft (or a deleted review) is taken out of search."""
    review = reviews_for_index().filter(pk=review_id).first()
    if review is None:
        document_remove(kind=Kind.REVIEW, object_id=review_id)
        return
    _save(documents.review_fields(review))
    index_version_bump()
    embeddings_queue()


def _all_fields(progress: Progress | None) -> Iterator[dict]:
    sources: list[tuple[QuerySet, Callable[..., dict]]] = [
        (films_for_index().order_by("pk"), documents.film_fields),
        (people_for_index().order_by("pk"), documents.person_fields),
        (reviews_for_index().order_by("pk"), documents.review_fields),
    ]
    total = sum(queryset.count() for queryset, _ in sources)
    done = 0
    for queryset, fields in sources:
        for item in queryset.iterator(chunk_size=2000):
            yield fields(item)
            done += 1
            if progress and done % 500 == 0:
                progress(done, total)
    if progress:
        progress(total, total)


@transaction.atomic
def documents_rebuild(*, progress: Progress | None = None) -> int:
    """Write every document again from the catalog and the published reviews; returns how many.

    Vectors whose text did not change are kept (see ``embeddings_refresh``).
    """
    kept: set[tuple[str, int]] = set()
    now = timezone.now()
    batch: list[SearchDocument] = []
    existing = dict(
        ((kind, object_id), pk)
        for pk, kind, object_id in SearchDocument.objects.values_list("pk", "kind", "object_id")
    )

    def flush() -> None:
        updates = [d for d in batch if d.pk]
        fields = [f for f in _FIELDS if f not in ("kind", "object_id")] + ["updated_at"]
        SearchDocument.objects.bulk_update(updates, fields, batch_size=500)
        SearchDocument.objects.bulk_create([d for d in batch if not d.pk], batch_size=500)
        batch.clear()

    for fields in _all_fields(progress):
        key = (fields["kind"], fields["object_id"])
        kept.add(key)
        batch.append(SearchDocument(pk=existing.get(key), updated_at=now, **fields))
        if len(batch) >= 1000:
            flush()
    flush()
    stale = [pk for key, pk in existing.items() if key not in kept]
    for start in range(0, len(stale), 500):
        SearchDocument.objects.filter(pk__in=stale[start : start + 500]).delete()
    index_version_bump()
    return len(kept)


_FIELDS = (
    "kind", "object_id", "film_id", "verdict_id", "year", "title", "title_key", "other_titles",
    "people", "keywords", "text", "url",
)  # fmt: skip


def _stale_documents(model_name: str) -> list[tuple[SearchDocument, str, str]]:
    """Documents whose vector is missing, older than the document, or from another model,
    and whose text really changed (a save that changed nothing costs no new vector)."""
    candidates = SearchDocument.objects.exclude(kind=Kind.PERSON).filter(
        Q(embedding__isnull=True)
        | ~Q(embedding__model=model_name)
        | Q(updated_at__gt=F("embedding__updated_at"))
    )
    hashes = dict(
        SearchEmbedding.objects.filter(
            model=model_name, document__in=candidates.values("pk")
        ).values_list("pk", "text_hash")
    )
    stale, unchanged = [], []
    fields = ("pk", "kind", "title", "text", "keywords")
    for document in candidates.only(*fields).iterator(chunk_size=2000):
        text = documents.meaning_text(document)
        digest = documents.text_hash(model_name, text)
        if hashes.get(document.pk) == digest:
            unchanged.append(document.pk)
        else:
            stale.append((document, text, digest))
    for batch in _batches(unchanged, 500):
        SearchEmbedding.objects.filter(pk__in=batch).update(updated_at=timezone.now())
    return stale


def _batches(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def embeddings_refresh(*, progress: Progress | None = None) -> int:
    """Compute the vectors that are missing or stale; returns how many were computed."""
    model = embeddings.current()
    stale = _stale_documents(model.name)
    done = 0
    if progress:
        progress(0, len(stale))
    for batch in _batches(stale, EMBED_BATCH):
        matrix = embeddings.embed([text for _, text, _ in batch])
        with transaction.atomic():
            _store_vectors(model.name, batch, matrix)
        done += len(batch)
        if progress:
            progress(done, len(stale))
    with transaction.atomic():
        # Vectors of documents with no text left (or from an older model) are of no use.
        SearchEmbedding.objects.exclude(model=model.name).delete()
        index_version_bump()
    vectors.pgvector_sync(model)
    return done


def _store_vectors(
    model_name: str, batch: list[tuple[SearchDocument, str, str]], matrix: np.ndarray
) -> None:
    rows = [
        SearchEmbedding(
            document_id=document.pk,
            model=model_name,
            text_hash=digest,
            vector=np.asarray(vector, dtype="<f4").tobytes(),
        )
        for (document, _, digest), vector in zip(batch, matrix, strict=True)
    ]
    SearchEmbedding.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["document"],
        update_fields=["model", "text_hash", "vector"],
    )


@task()
def embeddings_refresh_in_background() -> None:
    """The background job ``embeddings_queue`` sends: vectors for what changed."""
    cache.delete(EMBEDDING_LOCK)  # changes from now on queue a new run
    embeddings_refresh()


def embeddings_queue() -> None:
    """After this transaction commits, compute vectors for changed documents in the background
    (at most one run waiting at a time; nothing is queued if the transaction rolls back)."""
    transaction.on_commit(_enqueue_embeddings)


def _enqueue_embeddings() -> None:
    if not cache.add(EMBEDDING_LOCK, True, timeout=60):
        return  # a run is already waiting, and will see this change too
    try:
        embeddings_refresh_in_background.enqueue()
    except Exception:  # the index is derived data: a failed enqueue must not fail the save
        logger.exception("could not queue the search embeddings")
        cache.delete(EMBEDDING_LOCK)


def index_rebuild(*, progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Rebuild every document, then compute the vectors that are missing or stale."""

    def step(name: str) -> Progress | None:
        return (lambda done, total: progress(name, done, total)) if progress else None

    count = documents_rebuild(progress=step("documents"))
    embedded = embeddings_refresh(progress=step("vectors"))
    return {"documents": count, "vectors_computed": embedded}


@task()
def index_rebuild_in_background() -> None:
    """The background job ``index_queue_rebuild`` sends."""
    cache.delete(REBUILD_LOCK)
    index_rebuild()


def index_queue_rebuild() -> None:
    """Rebuild the whole index in the background once this transaction commits: for bulk loads
    that write without signals (the catalog loaders). At most one run waits at a time."""

    def enqueue() -> None:
        if cache.add(REBUILD_LOCK, True, timeout=60 * 60):
            index_rebuild_in_background.enqueue()

    transaction.on_commit(enqueue)
