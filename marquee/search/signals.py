"""Keeping the search index in step with the catalog and the reviews as they change.

A change only notes which film, person or review to index again; once the transaction commits,
each noted object is indexed once (a film saved with its genres and five credits is indexed
once, not seven times) and a rolled-back change indexes nothing. Indexing reads the object as
it then is: one that no longer exists, or a review that is not published, leaves search. A
failure is logged and never fails the save that caused it; vectors follow in a background task.
Bulk loads that skip signals (the catalog loaders) are caught up by ``marquee search --rebuild``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from marquee.catalog.models import AlternateTitle, Credit, Film, Person, PersonAlias
from marquee.reviews.models import Review
from marquee.search import services
from marquee.search.models import SearchDocument

logger = logging.getLogger(__name__)
Kind = SearchDocument.Kind
INDEXERS = {
    Kind.FILM: lambda pk: services.film_index(film_id=pk),
    Kind.PERSON: lambda pk: services.person_index(person_id=pk),
    Kind.REVIEW: lambda pk: services.review_index(review_id=pk),
}


@dataclass(frozen=True)
class Reindex:
    """The commit callback that indexes one object again; equal ones are queued only once."""

    kind: str
    object_id: int

    def __call__(self) -> None:
        try:
            INDEXERS[self.kind](self.object_id)
        except DatabaseError:
            logger.exception("indexing %s failed; `marquee search --rebuild` mends it", self)


def index_after_commit(kind: str, object_id: int | None) -> None:
    """Index this object again once the current transaction commits (at once outside one)."""
    if object_id is None:
        return
    job = Reindex(kind, object_id)
    connection = transaction.get_connection()
    # Callbacks of a rolled-back savepoint leave this list, so a job found here will run.
    if connection.in_atomic_block and any(entry[1] == job for entry in connection.run_on_commit):
        return
    transaction.on_commit(job, robust=True)


@receiver(post_save, sender=Film, dispatch_uid="search-film-saved")
@receiver(post_delete, sender=Film, dispatch_uid="search-film-deleted")
def _film_changed(sender, instance: Film, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_after_commit(Kind.FILM, instance.pk)


@receiver(m2m_changed, sender=Film.genres.through, dispatch_uid="search-film-genres")
@receiver(m2m_changed, sender=Film.keywords.through, dispatch_uid="search-film-keywords")
def _film_tags_changed(sender, instance, action: str, reverse: bool, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        index_after_commit(Kind.FILM, instance.pk)
    else:  # genre.films.add(...): the films are in pk_set
        for film_id in pk_set or ():
            index_after_commit(Kind.FILM, film_id)


@receiver(post_save, sender=Credit, dispatch_uid="search-credit-saved")
@receiver(post_delete, sender=Credit, dispatch_uid="search-credit-deleted")
@receiver(post_save, sender=AlternateTitle, dispatch_uid="search-title-saved")
@receiver(post_delete, sender=AlternateTitle, dispatch_uid="search-title-deleted")
def _film_part_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_after_commit(Kind.FILM, instance.film_id)


@receiver(post_save, sender=Person, dispatch_uid="search-person-saved")
@receiver(post_delete, sender=Person, dispatch_uid="search-person-deleted")
def _person_changed(sender, instance: Person, raw: bool = False, created: bool = False, **kwargs):
    if raw:
        return
    index_after_commit(Kind.PERSON, instance.pk)
    if not created and instance.pk is not None:  # a new name shows on their films too
        for film_id in set(
            Credit.objects.filter(person=instance).values_list("film_id", flat=True)
        ):
            index_after_commit(Kind.FILM, film_id)


@receiver(post_save, sender=PersonAlias, dispatch_uid="search-alias-saved")
@receiver(post_delete, sender=PersonAlias, dispatch_uid="search-alias-deleted")
def _alias_changed(sender, instance: PersonAlias, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_after_commit(Kind.PERSON, instance.person_id)


@receiver(post_save, sender=Review, dispatch_uid="search-review-saved")
@receiver(post_delete, sender=Review, dispatch_uid="search-review-deleted")
def _review_changed(sender, instance: Review, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_after_commit(Kind.REVIEW, instance.pk)
