"""Save hooks: a review or comment saved with new text is linked again; a catalog change makes
the next link rebuild the gazetteer. Connected in ``MentionsConfig.ready``."""

from __future__ import annotations

from django.db.models.signals import ModelSignal

from marquee.catalog.models import AlternateTitle, Credit, Film, Person, PersonAlias
from marquee.comments.models import Comment
from marquee.mentions import catalog, services
from marquee.reviews.models import Review


def _text_changed(update_fields: frozenset[str] | None, fields: tuple[str, ...]) -> bool:
    # Publishing or moderating saves only its own columns; the text, and so the links, stand.
    return update_fields is None or bool(set(update_fields) & set(fields))


def review_saved(sender, instance: Review, raw: bool = False, update_fields=None, **_) -> None:
    if not raw and _text_changed(update_fields, services.REVIEW_FIELDS):
        services.mentions_relink_later(source=instance)


def comment_saved(sender, instance: Comment, raw: bool = False, update_fields=None, **_) -> None:
    if not raw and _text_changed(update_fields, ("body",)):
        services.mentions_relink_later(source=instance)


def connect(post_save: ModelSignal, post_delete: ModelSignal) -> None:
    post_save.connect(review_saved, sender=Review, dispatch_uid="mentions-review-saved")
    post_save.connect(comment_saved, sender=Comment, dispatch_uid="mentions-comment-saved")
    for model in (Film, AlternateTitle, Person, PersonAlias, Credit):
        uid = f"mentions-catalog-{model.__name__}"
        post_save.connect(catalog.catalog_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(catalog.catalog_changed, sender=model, dispatch_uid=f"{uid}-deleted")
