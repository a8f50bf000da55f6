"""Writing ratings, diary entries, the watchlist and likes: validation, exactness, ownership."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from marquee.errors import InputError
from marquee.readers.models import DiaryEntry, FilmLike, Rating, WatchlistEntry
from marquee.readers.services import (
    diary_entry_add,
    diary_entry_delete,
    film_like_toggle,
    rating_clear,
    rating_set,
    watchlist_toggle,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("half_stars", range(1, 11))
def test_every_half_star_rating_is_stored_exactly(reader, film, half_stars):
    rating_set(user=reader, film=film, half_stars=half_stars)
    stored = Rating.objects.get(user=reader, film=film)
    assert stored.half_stars == half_stars
    assert stored.stars == half_stars / 2


def test_rating_again_replaces_the_rating(reader, film):
    rating_set(user=reader, film=film, half_stars=4)
    rating_set(user=reader, film=film, half_stars=7)
    assert list(Rating.objects.values_list("half_stars", flat=True)) == [7]


@pytest.mark.parametrize("bad", [0, 11, -1, 3.5, "7", None, True])
def test_ratings_outside_half_to_five_stars_are_refused(reader, film, bad):
    with pytest.raises(InputError) as raised:
        rating_set(user=reader, film=film, half_stars=bad)
    assert raised.value.field == "rating"
    assert not Rating.objects.exists()


def test_clearing_a_rating_removes_only_mine(reader, other_reader, film):
    rating_set(user=reader, film=film, half_stars=6)
    rating_set(user=other_reader, film=film, half_stars=2)
    assert rating_clear(user=reader, film=film) is True
    assert rating_clear(user=reader, film=film) is False
    assert list(Rating.objects.values_list("user__username", flat=True)) == ["otto_other"]


def test_a_diary_entry_keeps_what_was_given(reader, film):
    entry = diary_entry_add(
        user=reader,
        film=film,
        watched_on=date(2024, 10, 31),
        rewatch=True,
        half_stars=7,
        tags=[" halloween ", "with friends", "Halloween", ""],
        note="  Still scary.\n\n\n\nThe cat!  ",
    )
    entry.refresh_from_db()
    assert entry.watched_on == date(2024, 10, 31)
    assert entry.rewatch is True
    assert entry.half_stars == 7
    assert entry.tags == ["halloween", "with friends"]
    assert entry.note == "Still scary.\n\nThe cat!"


def test_a_diary_rating_becomes_the_current_rating(reader, film):
    rating_set(user=reader, film=film, half_stars=4)
    diary_entry_add(user=reader, film=film, watched_on=date(2020, 1, 1), half_stars=9)
    assert Rating.objects.get(user=reader, film=film).half_stars == 9


def test_a_diary_entry_without_a_rating_leaves_the_rating_alone(reader, film):
    rating_set(user=reader, film=film, half_stars=4)
    diary_entry_add(user=reader, film=film, watched_on=date(2020, 1, 1))
    assert Rating.objects.get(user=reader, film=film).half_stars == 4


def test_a_viewing_cannot_be_in_the_future(reader, film):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(InputError) as raised:
        diary_entry_add(user=reader, film=film, watched_on=tomorrow)
    assert raised.value.field == "date"
    assert not DiaryEntry.objects.exists()


def test_today_is_a_fine_day_to_watch_a_film(reader, film):
    diary_entry_add(user=reader, film=film, watched_on=timezone.localdate())
    assert DiaryEntry.objects.count() == 1


@pytest.mark.parametrize("bad", [datetime(2020, 1, 1, 12), "2020-01-01", date(1800, 1, 1)])
def test_a_viewing_date_must_be_a_plausible_date(reader, film, bad):
    with pytest.raises(InputError) as raised:
        diary_entry_add(user=reader, film=film, watched_on=bad)
    assert raised.value.field == "date"


def test_twenty_tags_are_allowed_but_not_twenty_one(reader, film):
    diary_entry_add(
        user=reader, film=film, watched_on=date(2020, 1, 1), tags=[f"t{i}" for i in range(20)]
    )
    with pytest.raises(InputError, match="21 tags; the limit is 20") as raised:
        diary_entry_add(
            user=reader, film=film, watched_on=date(2020, 1, 1), tags=[f"t{i}" for i in range(21)]
        )
    assert raised.value.field == "tags"
    assert DiaryEntry.objects.count() == 1


def test_a_tag_longer_than_fifty_characters_is_refused(reader, film):
    diary_entry_add(user=reader, film=film, watched_on=date(2020, 1, 1), tags=["x" * 50])
    with pytest.raises(InputError) as raised:
        diary_entry_add(user=reader, film=film, watched_on=date(2020, 1, 1), tags=["x" * 51])
    assert raised.value.field == "tags"


def test_a_note_longer_than_twenty_thousand_characters_is_refused(reader, film):
    diary_entry_add(user=reader, film=film, watched_on=date(2020, 1, 1), note="n" * 20_000)
    with pytest.raises(InputError) as raised:
        diary_entry_add(user=reader, film=film, watched_on=date(2020, 1, 1), note="n" * 20_001)
    assert raised.value.field == "note"


def test_a_refused_diary_entry_changes_nothing_not_even_the_rating(reader, film):
    rating_set(user=reader, film=film, half_stars=4)
    with pytest.raises(InputError):
        diary_entry_add(
            user=reader, film=film, watched_on=date(2020, 1, 1), half_stars=9, note="n" * 20_001
        )
    assert not DiaryEntry.objects.exists()
    assert Rating.objects.get(user=reader, film=film).half_stars == 4


def test_readers_delete_their_own_diary_entries_and_keep_the_rating(reader, film):
    entry = diary_entry_add(user=reader, film=film, watched_on=date(2020, 1, 1), half_stars=6)
    diary_entry_delete(user=reader, entry=entry)
    assert not DiaryEntry.objects.exists()
    assert Rating.objects.get(user=reader, film=film).half_stars == 6


def test_nobody_deletes_another_readers_diary_entry(reader, other_reader, film):
    entry = diary_entry_add(user=reader, film=film, watched_on=date(2020, 1, 1))
    with pytest.raises(PermissionError):
        diary_entry_delete(user=other_reader, entry=entry)
    assert DiaryEntry.objects.filter(pk=entry.pk).exists()


def test_the_watchlist_toggle_flips_without_a_wanted_state(reader, film):
    assert watchlist_toggle(user=reader, film=film) is True
    assert WatchlistEntry.objects.filter(user=reader, film=film).count() == 1
    assert watchlist_toggle(user=reader, film=film) is False
    assert not WatchlistEntry.objects.exists()


def test_asking_for_the_same_watchlist_state_twice_changes_nothing(reader, film):
    assert watchlist_toggle(user=reader, film=film, on_list=True) is True
    first = WatchlistEntry.objects.get()
    assert watchlist_toggle(user=reader, film=film, on_list=True) is True
    assert list(WatchlistEntry.objects.all()) == [first]
    assert first.added_at == WatchlistEntry.objects.get().added_at
    assert watchlist_toggle(user=reader, film=film, on_list=False) is False
    assert watchlist_toggle(user=reader, film=film, on_list=False) is False
    assert not WatchlistEntry.objects.exists()


def test_the_like_toggle_flips_and_is_idempotent_with_a_wanted_state(reader, film):
    assert film_like_toggle(user=reader, film=film) is True
    assert film_like_toggle(user=reader, film=film, liked=True) is True
    assert FilmLike.objects.count() == 1
    assert film_like_toggle(user=reader, film=film) is False
    assert film_like_toggle(user=reader, film=film, liked=False) is False
    assert not FilmLike.objects.exists()


def test_toggles_leave_other_readers_lists_alone(reader, other_reader, film):
    watchlist_toggle(user=other_reader, film=film)
    film_like_toggle(user=other_reader, film=film)
    watchlist_toggle(user=reader, film=film, on_list=False)
    film_like_toggle(user=reader, film=film, liked=False)
    assert WatchlistEntry.objects.filter(user=other_reader).count() == 1
    assert FilmLike.objects.filter(user=other_reader).count() == 1
