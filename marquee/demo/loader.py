"""Writes the demo journal (``marquee.demo.content``) into the database through the services.

Every item is looked up before it is written, so a second load adds only what is missing and a
third changes nothing. Accounts that already exist are left alone, passwords included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from marquee.accounts.models import User
from marquee.catalog.matching import name_match_key
from marquee.catalog.models import Credit, Film, Person, SourceMaterial
from marquee.catalog.selectors import film_find
from marquee.catalog.services import (
    film_add_alternate_title,
    film_create,
    film_set_genres,
    film_set_people,
    person_add_alias,
    person_get_or_create,
)
from marquee.comments.models import Comment
from marquee.comments.services import clean_comment_body, comment_moderate, comment_post
from marquee.demo import content
from marquee.errors import InputError
from marquee.reviews import permissions
from marquee.reviews.models import Review, ReviewRevision
from marquee.reviews.services import review_create, verdict_by_name

T = TypeVar("T")

ROLE_OWNER = "owner"
ROLE_CRITIC = "critic"
ROLE_READER = "reader"


class DemoRefusedError(Exception):
    """The demo journal cannot be loaded into this site as it stands; the message says why."""


@dataclass(frozen=True)
class DemoAccount:
    """A demo account and whether this load created it (and so gave it the password)."""

    username: str
    display_name: str
    role: str
    created: bool


@dataclass(frozen=True)
class DemoSummary:
    """What one load of the demo journal added."""

    films_created: int
    people_created: int
    reviews_created: int
    drafts_created: int
    comments_created: int
    accounts: tuple[DemoAccount, ...]

    @property
    def accounts_created(self) -> tuple[DemoAccount, ...]:
        return tuple(account for account in self.accounts if account.created)

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.films_created
            or self.people_created
            or self.reviews_created
            or self.comments_created
            or self.accounts_created
        )


@transaction.atomic
def demo_load(*, password: str, force: bool = False, progress: bool = False) -> DemoSummary:
    """Fill an empty site with the demo journal; with ``force``, add only missing demo items.

    Refuses (``DemoRefusedError``) when the site already has reviews, unless ``force``. New
    accounts get ``password``; accounts that exist keep theirs. All writes are one transaction.
    """
    if not password:
        raise InputError("password", "must not be empty")
    if not force and Review.objects.exists():
        raise DemoRefusedError(
            "This site already has reviews, so the demo journal was not loaded: it is meant "
            "for an empty site. Use --force to add only the demo items that are missing."
        )
    now = timezone.now()
    people_before = Person.objects.count()

    users, accounts = _load_accounts(password=password)
    films: dict[str, Film] = {}
    films_created = 0
    for entry in _progress(content.FILMS, "Films", enabled=progress):
        films[entry.key], created = _load_film(entry)
        films_created += created
    _load_aliases()

    moderator = _moderator(users)
    reviews_created = drafts_created = comments_created = 0
    for position, entry in enumerate(_progress(content.REVIEWS, "Reviews", enabled=progress)):
        review, created = _load_review(
            entry, film=films[entry.film], author=users[entry.critic], now=now, position=position
        )
        if created:
            reviews_created += 1
            drafts_created += not review.is_published
        comments_created += _load_comments(
            review, entry.comments, users=users, moderator=moderator, now=now
        )

    return DemoSummary(
        films_created=films_created,
        people_created=Person.objects.count() - people_before,
        reviews_created=reviews_created,
        drafts_created=drafts_created,
        comments_created=comments_created,
        accounts=tuple(accounts),
    )


def _progress(items: Iterable[T], label: str, *, enabled: bool) -> Iterator[T]:
    return iter(tqdm(items, desc=label, unit="item", leave=False, disable=not enabled))


# --- accounts ---------------------------------------------------------------------------------


def _load_accounts(*, password: str) -> tuple[dict[str, User], list[DemoAccount]]:
    """The owner, critics and readers: existing ones as they are, missing ones created."""
    # One hash for every new account: they share the password, and hashing is slow on purpose.
    hashed = make_password(password)
    entries = [
        (content.OWNER, ROLE_OWNER),
        *((entry, ROLE_CRITIC) for entry in content.CRITICS),
        *((entry, ROLE_READER) for entry in content.READERS),
    ]
    users: dict[str, User] = {}
    accounts: list[DemoAccount] = []
    for entry, role in entries:
        user = User.objects.filter(username=entry.username).first()
        created = user is None
        if user is None:
            user = User(
                username=entry.username,
                email=f"{entry.username}@example.com",
                display_name=entry.display_name,
                bio=entry.bio,
                is_critic=entry.is_critic,
                is_staff=role == ROLE_OWNER,
                is_superuser=role == ROLE_OWNER,
                password=hashed,
            )
            user.full_clean(exclude=["password"])
            user.save()
        users[entry.username] = user
        accounts.append(
            DemoAccount(
                username=user.username,
                display_name=user.public_name,
                role=role,
                created=created,
            )
        )
    return users, accounts


def _moderator(users: dict[str, User]) -> User:
    """Who approves the demo readers' first comments: the demo owner, or another site owner."""
    owner = users[content.OWNER.username]
    if permissions.can_moderate_comments(owner):
        return owner
    other = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if other is None:
        raise DemoRefusedError(
            f'The existing account "{owner.username}" is not a site owner and there is no other '
            "active superuser to approve the demo comments."
        )
    return other


# --- catalog ----------------------------------------------------------------------------------


def _load_film(entry: content.FilmEntry) -> tuple[Film, bool]:
    """The catalog's film for ``entry``, created with all its facts when the catalog lacks it.

    A film already in the catalog keeps what it has: credits, genres and facts are only added
    where it has none, alternate titles and source works only where missing.
    """
    film = Film.objects.filter(imdb_id=entry.imdb_id).first() if entry.imdb_id else None
    if film is None:
        film = film_find(title=entry.title, year=entry.year, director=entry.directors[0])
    created = film is None
    if film is None:
        film = film_create(
            title=entry.title,
            year=entry.year,
            original_title=entry.original_title,
            runtime_minutes=entry.runtime_minutes,
            synopsis=entry.synopsis,
            imdb_id=entry.imdb_id,
            genres=entry.genres,
        )
        if entry.original_language:
            # film_create takes no language; set it on the row that was just created.
            Film.objects.filter(pk=film.pk).update(original_language=entry.original_language)
    elif not film.genres.exists():
        film_set_genres(film=film, names=entry.genres)

    for role, names in (
        (Credit.Role.DIRECTOR, entry.directors),
        (Credit.Role.WRITER, entry.writers),
        (Credit.Role.CAST, entry.cast),
    ):
        if names and not film.credits.filter(role=role).exists():
            film_set_people(film=film, role=role, names=names)

    # The original title is also recorded as an alternate, so text that uses it finds the film.
    titles = list(entry.alternate_titles)
    if entry.original_title:
        titles.insert(0, content.AltTitle(entry.original_title, entry.original_language))
    for alternate in titles:
        film_add_alternate_title(
            film=film, title=alternate.title, language=alternate.language, region=alternate.region
        )
    for source in entry.sources:
        _add_source(film, source)
    return film, created


def _add_source(film: Film, source: content.Source) -> SourceMaterial:
    """Record a work the film is based on (idempotent). The catalog has no service for it yet."""
    if source.kind not in SourceMaterial.Kind.values:
        raise InputError("source kind", f'"{source.kind}" is not a kind of source material')
    author = person_get_or_create(name=source.author) if source.author else None
    material, _ = SourceMaterial.objects.get_or_create(
        film=film, title=source.title, author=author, defaults={"kind": source.kind}
    )
    return material


def _load_aliases() -> None:
    """Other spellings of credited people's names; an alias that folds to the name is skipped."""
    for entry in content.PEOPLE:
        person = person_get_or_create(name=entry.name)
        for alias in entry.aliases:
            if name_match_key(alias) != person.match_key:
                person_add_alias(person=person, name=alias)


# --- reviews and comments ---------------------------------------------------------------------


def _load_review(
    entry: content.ReviewEntry, *, film: Film, author: User, now: dt.datetime, position: int
) -> tuple[Review, bool]:
    """The critic's review of the film: the existing one, or the demo review, dated back."""
    existing = Review.objects.filter(film=film, author=author).order_by("pk").first()
    if existing is not None:
        return existing, False
    if not permissions.can_write_reviews(author):
        raise DemoRefusedError(
            f'The existing account "{author.username}" may not write reviews, so its demo '
            "reviews cannot be added."
        )
    publish = entry.published_days_ago is not None
    review = review_create(
        author=author,
        film=film,
        verdict=verdict_by_name(entry.verdict),
        tagline=entry.tagline,
        setup=entry.setup,
        body=entry.body,
        should_watch=entry.should_watch,
        publish=publish,
    )
    if publish:
        # Demo dates: a journal kept over the past year, published at varied times of day.
        published_at = now - dt.timedelta(
            days=entry.published_days_ago, hours=(position * 5) % 11, minutes=(position * 17) % 60
        )
        written_at = published_at - dt.timedelta(days=2 + position % 4)
        Review.objects.filter(pk=review.pk).update(
            published_at=published_at, created_at=written_at, updated_at=published_at
        )
        ReviewRevision.objects.filter(review=review).update(created_at=written_at)
        review.refresh_from_db()
    return review, True


def _load_comments(
    review: Review,
    entries: Iterable[content.CommentEntry],
    *,
    users: dict[str, User],
    moderator: User,
    now: dt.datetime,
) -> int:
    """Post the review's demo comments and replies that are missing; return how many."""
    if not review.is_published:
        return 0  # comments are only open on published reviews
    created = 0
    for number, entry in enumerate(entries):
        posted_at = review.published_at + dt.timedelta(hours=5 + 14 * number)
        comment, new = _post_comment(
            review, entry, parent=None, users=users, moderator=moderator, at=min(posted_at, now)
        )
        created += new
        for reply_number, reply in enumerate(entry.replies):
            replied_at = posted_at + dt.timedelta(hours=3 + 4 * reply_number)
            _, new = _post_comment(
                review,
                reply,
                parent=comment,
                users=users,
                moderator=moderator,
                at=min(replied_at, now),
            )
            created += new
    return created


def _post_comment(
    review: Review,
    entry: content.CommentEntry,
    *,
    parent: Comment | None,
    users: dict[str, User],
    moderator: User,
    at: dt.datetime,
) -> tuple[Comment, bool]:
    """Post one comment unless it is there already; approve it unless it is meant to wait."""
    author = users[entry.author]
    existing = Comment.objects.filter(
        review=review, author=author, parent=parent, body=clean_comment_body(entry.body)
    ).first()
    if existing is not None:
        return existing, False
    comment = comment_post(review=review, author=author, body=entry.body, parent=parent)
    if comment.status == Comment.Status.PENDING and not entry.pending:
        comment = comment_moderate(
            comment=comment, moderator=moderator, status=Comment.Status.APPROVED
        )
    Comment.objects.filter(pk=comment.pk).update(
        created_at=at,
        moderated_at=min(at + dt.timedelta(hours=1), timezone.now())
        if comment.moderated_at
        else None,
    )
    comment.refresh_from_db()
    return comment, True
