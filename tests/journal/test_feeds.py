"""Atom feeds of reviews, all and per verdict."""

from xml.etree import ElementTree

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"
pytestmark = pytest.mark.django_db


def _entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content).findall(f"{ATOM}entry")


def test_the_feed_carries_published_reviews(client, review, draft_review):
    entries = _entries(client, "/feed/")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.find(f"{ATOM}title").text == "Alien (1979) — recommended viewing"
    assert entry.find(f"{ATOM}link").get("href").endswith("/reviews/alien-1979/")
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Carla Critic"


def test_each_verdict_has_its_own_feed(client, review):
    assert len(_entries(client, "/feed/recommended-viewing/")) == 1
    assert len(_entries(client, "/feed/skip-it/")) == 0
    assert client.get("/feed/no-such-verdict/").status_code == 404


def test_feed_summaries_escape_the_critics_text(client, critic, film, verdict):
    from marquee.reviews.services import review_create

    review_create(
        author=critic,
        film=film,
        verdict=verdict,
        tagline="<img src=x onerror=alert(1)>",
        setup="s",
        body="b",
        should_watch="w",
        publish=True,
    )
    summary = _entries(client, "/feed/")[0].find(f"{ATOM}summary").text
    assert "<img" not in summary and "&lt;img" in summary
