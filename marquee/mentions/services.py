"""Writes for mentions: re-linking a review or comment after it is saved, and critics'
decisions to confirm or reject a link."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable

from django.db import transaction
from django_tasks import task

from marquee.accounts.models import User
from marquee.comments.models import Comment
from marquee.errors import InputError
from marquee.mentions import catalog
from marquee.mentions.linker import Mention as FoundMention
from marquee.mentions.linker import surface_key
from marquee.mentions.models import Kind, Mention, MentionDecision
from marquee.reviews import permissions
from marquee.reviews.models import Review

logger = logging.getLogger(__name__)

# The linker's own cut-off (``linker.DEFAULT_MIN_CONFIDENCE``) makes a suggestion; at or above
# this a link is shown without waiting for the critic. Chosen on bench/mentions: precision of
# these alone stays at or near 1.
AUTO_LINK_CONFIDENCE = 0.85
REVIEW_FIELDS = ("tagline", "setup", "body", "should_watch")


class MentionPermissionError(PermissionError):
    """The user may not decide on this review's links."""


def _decision_key(source: Review | Comment, kind: str, target_id: int, key: str) -> str:
    prefix = "review" if isinstance(source, Review) else "comment"
    return f"{prefix}:{source.pk}:{kind}:{target_id}:{key}"[:400]


def _source_filter(source: Review | Comment) -> dict:
    return {"review": source} if isinstance(source, Review) else {"comment": source}


def _texts(source: Review | Comment) -> list[tuple[str, str]]:
    if isinstance(source, Review):
        return [(name, getattr(source, name) or "") for name in REVIEW_FIELDS]
    return [(Mention.Field.COMMENT, source.body or "")]


def _reviewed_film_id(source: Review | Comment) -> int:
    return source.film_id if isinstance(source, Review) else source.review.film_id


@transaction.atomic
def mentions_relink(*, source: Review | Comment) -> list[Mention]:
    """Find the films and people ``source`` names again, keeping critics' decisions.

    Suggestions and automatic links are recomputed from the text; a link the critic rejected
    stays rejected and one they confirmed stays confirmed (found again by its words even where
    the linker would no longer suggest it).
    """
    gazetteer = catalog.gazetteer()
    film_id = _reviewed_film_id(source)
    decisions = {d.key: d for d in MentionDecision.objects.filter(**_source_filter(source))}
    rows: list[Mention] = []
    for field, text in _texts(source):
        found = gazetteer.link(text, film_id=film_id)
        found += _confirmed_not_found(text, found, decisions.values())
        for mention in found:
            key = surface_key(mention.text)[:300]
            decision = decisions.get(_decision_key(source, mention.kind, mention.target_id, key))
            rows.append(
                Mention(
                    **_source_filter(source),
                    field=field,
                    start=mention.start,
                    end=mention.end,
                    text=mention.text[:300],
                    surface_key=key,
                    kind=mention.kind,
                    film_id=mention.target_id if mention.kind == Kind.FILM else None,
                    person_id=mention.target_id if mention.kind == Kind.PERSON else None,
                    confidence=mention.confidence,
                    status=_status(mention, decision),
                )
            )
    Mention.objects.filter(**_source_filter(source)).delete()
    return Mention.objects.bulk_create(rows)


def _status(mention: FoundMention, decision: MentionDecision | None) -> str:
    if decision is not None:
        return decision.status
    if mention.confidence >= AUTO_LINK_CONFIDENCE:
        return Mention.Status.AUTO
    return Mention.Status.SUGGESTED


def _confirmed_not_found(
    text: str, found: list[FoundMention], decisions: Iterable[MentionDecision]
) -> list[FoundMention]:
    """Confirmed links whose words are still in ``text`` but that the linker now misses."""
    extra: list[FoundMention] = []
    taken = [(m.start, m.end) for m in found]
    for decision in decisions:
        if decision.status != MentionDecision.Status.CONFIRMED:
            continue
        target_id = decision.film_id if decision.kind == Kind.FILM else decision.person_id
        pattern = re.compile(rf"(?<!\w){re.escape(decision.text)}(?!\w)")
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            extra.append(
                FoundMention(
                    start=match.start(),
                    end=match.end(),
                    text=match.group(),
                    kind=decision.kind,
                    target_id=target_id,
                    target="",
                    confidence=decision.confidence,
                )
            )
    return extra


@task()
def relink_in_background(kind: str, pk: int) -> None:
    """The job a save queues: link one review or comment as it is now (if it still exists).

    Linking waits for a worker, not the save, because the first link after a start or a catalog
    change builds the gazetteer (seconds on a large catalog); the worker keeps it warm.
    """
    model = Review if kind == "review" else Comment
    source = model.objects.filter(pk=pk).first()
    if source is not None:
        mentions_relink_quietly(source=source)


def mentions_relink_later(*, source: Review | Comment) -> None:
    """Queue linking ``source``; the job is stored with the save, in the same transaction."""
    relink_in_background.enqueue("review" if isinstance(source, Review) else "comment", source.pk)


def mentions_relink_quietly(*, source: Review | Comment) -> None:
    """``mentions_relink`` for save hooks: a failure is logged, never stops the save."""
    try:
        with transaction.atomic():
            mentions_relink(source=source)
    except Exception:
        logger.exception("could not link the mentions of %s %s", type(source).__name__, source.pk)


def can_decide(user: User, mention: Mention) -> bool:
    """The review's author (a critic) and staff decide on its links and its comments' links."""
    review = mention.review if mention.review_id else mention.comment.review
    return permissions.can_edit_review(user, review)


@transaction.atomic
def mention_decide(*, mention: Mention, user: User, status: str) -> Mention:
    """Confirm or reject a link; every mention of the same target in the same words follows."""
    if status not in MentionDecision.Status.values:
        raise InputError("status", f'"{status}" is not "confirmed" or "rejected"')
    if not can_decide(user, mention):
        raise MentionPermissionError(f"{user} may not decide on the links of this review")
    source = mention.review or mention.comment
    target_id = mention.film_id or mention.person_id
    key = _decision_key(source, mention.kind, target_id, mention.surface_key)
    MentionDecision.objects.update_or_create(
        key=key,
        defaults={
            **_source_filter(source),
            "kind": mention.kind,
            "film_id": mention.film_id,
            "person_id": mention.person_id,
            "surface_key": mention.surface_key,
            "text": mention.text,
            "confidence": mention.confidence,
            "status": status,
            "decided_by": user,
        },
    )
    Mention.objects.filter(
        **_source_filter(source),
        kind=mention.kind,
        film_id=mention.film_id,
        person_id=mention.person_id,
        surface_key=mention.surface_key,
    ).update(status=status)
    mention.refresh_from_db()
    return mention


def mentions_relink_all(
    *, comments: bool = True, progress: Callable[[int, int], None] | None = None
) -> int:
    """Re-link every review (and comment): after a catalog load, or a change to the linker."""
    sources: list[Review | Comment] = list(Review.objects.only(*REVIEW_FIELDS, "film_id"))
    if comments:
        sources += list(Comment.objects.select_related("review").only("body", "review__film_id"))
    for done, source in enumerate(sources, start=1):
        mentions_relink(source=source)
        if progress:
            progress(done, len(sources))
    return len(sources)
