"""Readers' pages and the film page's widgets over HTTP: who may do what, htmx and plain forms."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from marquee.readers.models import DiaryEntry, FilmLike, Rating, WatchlistEntry
from marquee.readers.services import diary_entry_add, rating_set, watchlist_toggle
from tests.readers.conftest import make_film

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
PAGES = ["/u/{}/", "/u/{}/diary/", "/u/{}/ratings/", "/u/{}/watchlist/", "/u/{}/stats/"]


@pytest.fixture
def busy_reader(reader, film, other_film, other_reader):
    diary_entry_add(
        user=reader, film=film, watched_on=date(2025, 5, 1), half_stars=7, tags=["space"],
        note="Mother!",
    )  # fmt: skip
    rating_set(user=reader, film=other_film, half_stars=10)
    rating_set(user=other_reader, film=film, half_stars=4)
    watchlist_toggle(user=reader, film=other_film)
    return reader


def post_urls(film, entry_pk):
    return [
        f"/u/film/{film.slug}/rating/",
        f"/u/film/{film.slug}/diary/",
        f"/u/film/{film.slug}/watchlist/",
        f"/u/film/{film.slug}/like/",
        f"/u/diary/{entry_pk}/delete/",
    ]


@pytest.mark.parametrize("page", PAGES)
def test_readers_pages_are_public_and_never_show_emails(client, busy_reader, other_reader, page):
    url = page.format(busy_reader.username)
    for visitor in (None, busy_reader, other_reader):
        client.logout()
        if visitor:
            client.force_login(visitor)
        response = client.get(url)
        assert response.status_code == 200, (visitor, url)
        html = response.content.decode()
        assert busy_reader.email not in html and "@example.test" not in html
        assert "readers.css" in html


@pytest.mark.parametrize("page", PAGES)
def test_unknown_and_deactivated_readers_have_no_pages(client, reader, page):
    assert client.get(page.format("nobody-here")).status_code == 404
    reader.is_active = False
    reader.save()
    assert client.get(page.format(reader.username)).status_code == 404


def test_the_pages_show_the_readers_things(client, busy_reader, film, other_film):
    diary = client.get(f"/u/{busy_reader.username}/diary/").content.decode()
    assert "Alien" in diary and "May 2025" in diary and "space" in diary and "Mother!" in diary
    ratings = client.get(f"/u/{busy_reader.username}/ratings/?order=highest").content.decode()
    assert ratings.index("Blade Runner") < ratings.index("Alien")
    assert "3½ stars" in ratings and "5 stars" in ratings
    watchlist = client.get(f"/u/{busy_reader.username}/watchlist/").content.decode()
    assert "Blade Runner" in watchlist
    stats = client.get(f"/u/{busy_reader.username}/stats/").content.decode()
    assert stats.count('role="img"') == 7
    assert "Ridley Scott" in stats


def test_the_diary_is_paginated(client, reader, film):
    for day in range(1, 15):
        diary_entry_add(user=reader, film=film, watched_on=date(2024, 1, day))
    first = client.get(f"/u/{reader.username}/diary/").content.decode()
    second = client.get(f"/u/{reader.username}/diary/?page=2").content.decode()
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert first.count('class="diary-day"') == 12 and second.count('class="diary-day"') == 2


def test_every_widget_post_needs_a_signed_in_reader(client, reader, film):
    entry = diary_entry_add(user=reader, film=film, watched_on=date(2024, 1, 1))
    for url in post_urls(film, entry.pk):
        response = client.post(url, {"half_stars": "6", "state": "on"})
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url
    assert not Rating.objects.exists() and not WatchlistEntry.objects.exists()
    assert not FilmLike.objects.exists() and DiaryEntry.objects.count() == 1


def test_widgets_answer_only_posts(client, reader, film):
    client.force_login(reader)
    entry = diary_entry_add(user=reader, film=film, watched_on=date(2024, 1, 1))
    for url in post_urls(film, entry.pk):
        assert client.get(url).status_code == 405, url


def test_widget_forms_refuse_posts_without_the_csrf_token(reader, film):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(reader)
    assert strict.post(f"/u/film/{film.slug}/rating/", {"half_stars": "6"}).status_code == 403
    assert not Rating.objects.exists()
    page = strict.get(film.get_absolute_url()).content.decode()
    assert page.count('name="csrfmiddlewaretoken"') >= 4


def test_rating_without_script_redirects_back_to_the_film(client, reader, film):
    client.force_login(reader)
    response = client.post(f"/u/film/{film.slug}/rating/", {"half_stars": "7"})
    assert response.status_code == 302
    assert response["Location"] == f"{film.get_absolute_url()}#your-film"
    assert Rating.objects.get(user=reader, film=film).half_stars == 7


def test_rating_with_htmx_answers_with_the_widget_alone(client, reader, film):
    client.force_login(reader)
    response = client.post(f"/u/film/{film.slug}/rating/", {"half_stars": "3"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<form id="rate-widget"')
    assert "<html" not in html
    assert 'value="3" id="rate-3" checked' in html
    assert "You gave it 1½ stars." in html


def test_clearing_a_rating_through_the_widget(client, reader, film):
    client.force_login(reader)
    rating_set(user=reader, film=film, half_stars=5)
    response = client.post(f"/u/film/{film.slug}/rating/", {"clear": "1"}, **HTMX)
    assert "Not rated yet." in response.content.decode()
    assert not Rating.objects.exists()


@pytest.mark.parametrize("posted", [{}, {"half_stars": "11"}, {"half_stars": "x"}])
def test_a_bad_rating_is_refused_with_a_reason(client, reader, film, posted):
    client.force_login(reader)
    html = client.post(f"/u/film/{film.slug}/rating/", posted, **HTMX).content.decode()
    assert 'role="alert"' in html
    assert not Rating.objects.exists()
    response = client.post(f"/u/film/{film.slug}/rating/", posted, follow=True)
    assert "Your rating was not saved" in response.content.decode()


def test_logging_a_viewing_with_htmx_updates_the_diary_and_the_rating(client, reader, film):
    client.force_login(reader)
    response = client.post(
        f"/u/film/{film.slug}/diary/",
        {
            "diary-watched_on": "2025-02-14",
            "diary-rewatch": "on",
            "diary-half_stars": "9",
            "diary-tags": "valentine, scary ,",
            "diary-note": "Again.",
        },
        **HTMX,
    )
    html = response.content.decode()
    entry = DiaryEntry.objects.get()
    assert (entry.watched_on, entry.rewatch, entry.half_stars) == (date(2025, 2, 14), True, 9)
    assert entry.tags == ["valentine", "scary"]
    assert Rating.objects.get(user=reader, film=film).half_stars == 9
    assert 'id="diary-widget"' in html and "14 Feb 2025" in html
    assert 'id="rate-widget"' in html and 'hx-swap-oob="true"' in html


def test_logging_a_viewing_without_script_redirects_with_a_message(client, reader, film):
    client.force_login(reader)
    response = client.post(
        f"/u/film/{film.slug}/diary/", {"diary-watched_on": "2025-02-14"}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"{film.get_absolute_url()}#your-film"
    assert "Alien is in your diary." in response.content.decode()
    assert DiaryEntry.objects.count() == 1


def test_a_viewing_in_the_future_is_refused_and_says_why(client, reader, film):
    client.force_login(reader)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    html = client.post(
        f"/u/film/{film.slug}/diary/", {"diary-watched_on": tomorrow}, **HTMX
    ).content.decode()
    assert "is in the future" in html and '<details class="diary-form" open>' in html
    page = client.post(f"/u/film/{film.slug}/diary/", {"diary-watched_on": tomorrow}, follow=True)
    assert "Nothing was added to your diary" in page.content.decode()
    assert not DiaryEntry.objects.exists()


def test_too_many_tags_are_refused_on_the_tags_field(client, reader, film):
    client.force_login(reader)
    tags = ",".join(f"t{i}" for i in range(21))
    html = client.post(
        f"/u/film/{film.slug}/diary/",
        {"diary-watched_on": "2025-01-01", "diary-tags": tags},
        **HTMX,
    ).content.decode()
    assert "the limit is 20" in html
    assert not DiaryEntry.objects.exists()


@pytest.mark.parametrize(("kind", "model"), [("watchlist", WatchlistEntry), ("like", FilmLike)])
def test_toggles_post_the_wanted_state_so_a_double_click_changes_nothing(
    client, reader, film, kind, model
):
    client.force_login(reader)
    url = f"/u/film/{film.slug}/{kind}/"
    first = client.post(url, {"state": "on"}, **HTMX).content.decode()
    client.post(url, {"state": "on"}, **HTMX)
    assert model.objects.filter(user=reader, film=film).count() == 1
    assert 'aria-pressed="true"' in first and 'name="state" value="off"' in first
    off = client.post(url, {"state": "off"})
    assert off.status_code == 302 and off["Location"].startswith(film.get_absolute_url())
    assert not model.objects.exists()


def test_another_reader_cannot_delete_my_diary_entry(client, reader, other_reader, film):
    entry = diary_entry_add(user=reader, film=film, watched_on=date(2024, 1, 1))
    client.force_login(other_reader)
    assert client.post(f"/u/diary/{entry.pk}/delete/").status_code == 404
    assert DiaryEntry.objects.filter(pk=entry.pk).exists()


def test_deleting_my_entry_from_the_film_page_with_htmx(client, reader, film):
    entry = diary_entry_add(user=reader, film=film, watched_on=date(2024, 1, 1))
    client.force_login(reader)
    response = client.post(f"/u/diary/{entry.pk}/delete/", {"from": "film"}, **HTMX)
    assert 'id="diary-widget"' in response.content.decode()
    assert not DiaryEntry.objects.exists()


def test_deleting_my_entry_from_the_diary_page_with_htmx_removes_the_row(client, reader, film):
    entry = diary_entry_add(user=reader, film=film, watched_on=date(2024, 1, 1))
    client.force_login(reader)
    response = client.post(f"/u/diary/{entry.pk}/delete/", **HTMX)
    assert response.status_code == 200 and response.content == b""


def test_deleting_without_script_goes_back_but_never_off_site(client, reader, film):
    client.force_login(reader)
    first = diary_entry_add(user=reader, film=film, watched_on=date(2024, 1, 1))
    second = diary_entry_add(user=reader, film=film, watched_on=date(2024, 1, 2))
    here = client.post(f"/u/diary/{first.pk}/delete/", {"next": "/u/rita_reader/diary/?page=1"})
    assert here["Location"] == "/u/rita_reader/diary/?page=1"
    away = client.post(f"/u/diary/{second.pk}/delete/", {"next": "https://evil.test/"})
    assert away["Location"] == f"{film.get_absolute_url()}#your-film"


def test_only_the_owner_sees_delete_buttons_in_the_diary(client, reader, other_reader, film):
    diary_entry_add(user=reader, film=film, watched_on=date(2024, 1, 1))
    url = f"/u/{reader.username}/diary/"
    assert "Delete" not in client.get(url).content.decode()
    client.force_login(other_reader)
    assert "Delete" not in client.get(url).content.decode()
    client.force_login(reader)
    assert "Delete" in client.get(url).content.decode()


def test_the_film_page_shows_widgets_to_readers_and_a_sign_in_link_to_visitors(
    client, reader, film, settings
):
    # A cache of this process's own: the default file cache is shared with other test runs.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    anonymous = client.get(film.get_absolute_url())
    html = anonymous.content.decode()
    assert "to rate this film or keep it in your diary" in html
    assert 'id="rate-widget"' not in html
    assert client.get(film.get_absolute_url())["X-Page-Cache"] == "hit"
    client.force_login(reader)
    rating_set(user=reader, film=film, half_stars=8)
    html = client.get(film.get_absolute_url()).content.decode()
    for widget in ("rate-widget", "diary-widget", "watchlist-widget", "like-widget"):
        assert f'id="{widget}"' in html
    assert 'value="8" id="rate-8" checked' in html
    assert "You gave it 4 stars." in html


def test_a_hostile_film_title_is_escaped_on_every_readers_page(client, reader):
    evil = "<script>alert(1)</script>"
    film = make_film(evil, 2000, genres=(evil,), directors=(evil,), cast=(evil,))
    diary_entry_add(
        user=reader, film=film, watched_on=date(2024, 1, 1), half_stars=5, tags=[evil], note=evil
    )
    watchlist_toggle(user=reader, film=film)
    for page in PAGES:
        html = client.get(page.format(reader.username)).content.decode()
        assert evil not in html, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page
    client.force_login(reader)
    assert evil not in client.get(film.get_absolute_url()).content.decode()


def test_the_stats_page_names_the_reader_in_the_comparison_for_other_visitors(
    client, busy_reader, other_reader
):
    busy_reader.display_name = "Rita"
    busy_reader.save()
    url = f"/u/{busy_reader.username}/stats/"
    assert "Rita against other readers" in client.get(url).content.decode()
    client.force_login(busy_reader)
    assert "You against other readers" in client.get(url).content.decode()
