"""Writes for what readers keep: ratings, diary entries, the watchlist and liked films.

Every service validates its input and raises ``InputError`` naming the field, so the forms, the
htmx widgets and the importers all refuse the same things with the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.predictions.services import training_queue_if_due
from marquee.readers.models import DiaryEntry, FilmLike, Rating, WatchlistEntry
from marquee.sanitize import clean_block, clean_line

MAX_TAGS = 20
MAX_TAG_CHARS = 50
MAX_NOTE_CHARS = 20_000
# Nothing was filmed before this; a date earlier than it is a typo, not a viewing.
EARLIEST_VIEWING = date(1888, 1, 1)


def clean_half_stars(half_stars: object, *, field: str = "rating") -> int:
    """A rating as whole half-stars, 1 (½ star) to 10 (5 stars)."""
    if isinstance(half_stars, bool) or not isinstance(half_stars, int):
        raise InputError(field, f"{half_stars!r} is not a number of half-stars")
    if not 1 <= half_stars <= 10:
        raise InputError(field, f"{half_stars} is outside ½ to 5 stars (1 to 10 half-stars)")
    return half_stars


def clean_watched_on(watched_on: object) -> date:
    """The day of a viewing: a real date, not in the future and not before cinema."""
    if isinstance(watched_on, datetime) or not isinstance(watched_on, date):
        raise InputError("date", f"{watched_on!r} is not a date")
    if watched_on > timezone.localdate():
        raise InputError("date", f"{watched_on.isoformat()} is in the future")
    if watched_on < EARLIEST_VIEWING:
        raise InputError("date", f"{watched_on.isoformat()} is before films existed")
    return watched_on


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as single lines, blanks dropped, repeats (ignoring case) kept once, within limits."""
    cleaned: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        if not isinstance(tag, str):
            raise InputError("tags", f"{tag!r} is not text")
        tag = clean_line(tag, field="tags", max_chars=MAX_TAG_CHARS, required=False)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise InputError("tags", f"there are {len(cleaned)} tags; the limit is {MAX_TAGS}")
    return cleaned


@transaction.atomic
def rating_set(*, user: User, film: Film, half_stars: int) -> Rating:
    """Make ``half_stars`` the reader's current rating of ``film``, replacing any earlier one."""
    half_stars = clean_half_stars(half_stars)
    rating, _ = Rating.objects.update_or_create(
        user=user,
        film=film,
        defaults={"half_stars": half_stars, "rated_at": timezone.now()},
    )
    # The reader's own predictions change at once (fold-in); everyone else's after retraining.
    training_queue_if_due()
    return rating


@transaction.atomic
def rating_clear(*, user: User, film: Film) -> bool:
    """Remove the reader's rating of ``film``; False when there was none."""
    deleted, _ = Rating.objects.filter(user=user, film=film).delete()
    return deleted > 0


@transaction.atomic
def diary_entry_add(
    *,
    user: User,
    film: Film,
    watched_on: date,
    rewatch: bool = False,
    half_stars: int | None = None,
    tags: Iterable[str] = (),
    note: str = "",
) -> DiaryEntry:
    """Log one viewing of ``film``. A rating given with it becomes the reader's current rating."""
    watched_on = clean_watched_on(watched_on)
    if half_stars is not None:
        half_stars = clean_half_stars(half_stars)
    entry = DiaryEntry.objects.create(
        user=user,
        film=film,
        watched_on=watched_on,
        rewatch=bool(rewatch),
        half_stars=half_stars,
        tags=clean_tags(tags),
        note=clean_block(note, field="note", max_chars=MAX_NOTE_CHARS, required=False),
    )
    if half_stars is not None:
        rating_set(user=user, film=film, half_stars=half_stars)
    return entry


@transaction.atomic
def diary_entry_delete(*, user: User, entry: DiaryEntry) -> None:
    """Delete one of the reader's own diary entries. Their current rating stays as it is."""
    if entry.user_id != user.pk:
        raise PermissionError(f"{user} may not delete another reader's diary entry")
    entry.delete()


@transaction.atomic
def watchlist_toggle(*, user: User, film: Film, on_list: bool | None = None) -> bool:
    """Put ``film`` on the watchlist or take it off; whether it is on the list afterwards.

    With ``on_list`` the result is that state however often it is asked for (a double-clicked
    button changes nothing twice); without it the current state flips.
    """
    existing = WatchlistEntry.objects.filter(user=user, film=film)
    if on_list is None:
        on_list = not existing.exists()
    if on_list:
        WatchlistEntry.objects.get_or_create(
            user=user, film=film, defaults={"added_at": timezone.now()}
        )
    else:
        existing.delete()
    return on_list


@transaction.atomic
def film_like_toggle(*, user: User, film: Film, liked: bool | None = None) -> bool:
    """Like ``film`` or stop liking it; whether it is liked afterwards (see watchlist_toggle)."""
    existing = FilmLike.objects.filter(user=user, film=film)
    if liked is None:
        liked = not existing.exists()
    if liked:
        FilmLike.objects.get_or_create(user=user, film=film, defaults={"liked_at": timezone.now()})
    else:
        existing.delete()
    return liked
