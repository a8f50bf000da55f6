"""The caller's watchlist: add a film (twice changes nothing), list, remove; nobody else's."""

import pytest

from marquee.catalog.services import film_create
from marquee.readers.models import WatchlistEntry
from marquee.readers.services import watchlist_toggle

pytestmark = pytest.mark.django_db


def test_adding_a_film_twice_changes_nothing(api, reader, film):
    caller = api.as_user(reader)
    first = caller.put(f"/me/watchlist/{film.slug}")
    assert first.status_code == 200, first.content
    assert first.json()["film"]["slug"] == film.slug
    second = caller.put(f"/me/watchlist/{film.slug}")
    assert second.json() == first.json()
    assert WatchlistEntry.objects.count() == 1
    assert caller.get(f"/me/watchlist/{film.slug}").status_code == 200


def test_the_watchlist_lists_searches_and_orders(api, reader, film):
    moon = film_create(title="Moon", year=2009)
    watchlist_toggle(user=reader, film=film)
    watchlist_toggle(user=reader, film=moon)
    caller = api.as_user(reader)

    def titles(**params):
        return [e["film"]["title"] for e in caller.get("/me/watchlist", params).json()["items"]]

    assert titles() == ["Moon", "Alien"]
    assert titles(ordering="title") == ["Alien", "Moon"]
    assert titles(ordering="added_at") == ["Alien", "Moon"]
    assert titles(q="moo") == ["Moon"]


def test_removing_a_film(api, reader, film):
    watchlist_toggle(user=reader, film=film)
    caller = api.as_user(reader)
    assert caller.delete(f"/me/watchlist/{film.slug}").status_code == 204
    assert not WatchlistEntry.objects.exists()
    assert caller.delete(f"/me/watchlist/{film.slug}").status_code == 404
    assert caller.get(f"/me/watchlist/{film.slug}").status_code == 404


def test_nobody_sees_or_changes_someone_elses_watchlist(api, reader, other_reader, film):
    watchlist_toggle(user=other_reader, film=film)
    caller = api.as_user(reader)
    assert caller.get("/me/watchlist").json()["count"] == 0
    assert caller.get(f"/me/watchlist/{film.slug}").status_code == 404
    assert caller.delete(f"/me/watchlist/{film.slug}").status_code == 404
    assert WatchlistEntry.objects.get().user == other_reader


def test_a_missing_film_cannot_be_listed(api, reader):
    assert api.as_user(reader).put("/me/watchlist/no-such-film").status_code == 404
