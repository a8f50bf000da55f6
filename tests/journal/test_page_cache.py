"""Anonymous pages are cached until the next write; signed-in people always get fresh pages."""

import pytest

from marquee.journal.page_cache import content_changed

pytestmark = pytest.mark.django_db


def test_a_second_anonymous_visit_is_served_from_the_cache(client, review):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_cached_pages_vary_on_cookies(client, review):
    assert "Cookie" in client.get("/")["Vary"]


def test_a_write_through_the_site_makes_cached_pages_stale(client, review, critic, reader):
    client.get(review.get_absolute_url())
    client.force_login(critic)
    client.post(f"/comments/on/{review.slug}/", {"body": "A fresh comment"})
    client.logout()
    page = client.get(review.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "A fresh comment" in page.content.decode()


def test_content_changed_invalidates_pages_written_outside_requests(client, review):
    client.get("/")
    content_changed()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_signed_in_readers_never_get_a_cached_page(client, review, reader):
    client.get("/")
    client.force_login(reader)
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert reader.public_name in response.content.decode()


def test_error_pages_are_not_cached(client, db):
    client.get("/verdicts/nope/")
    assert "X-Page-Cache" not in client.get("/verdicts/nope/")
