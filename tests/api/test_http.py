"""What every API response carries: ETags, HEAD, CORS only where configured, page-cache
invalidation on writes."""

import pytest

from marquee.journal.page_cache import _generation
from tests.api.conftest import BASE

pytestmark = pytest.mark.django_db


def test_reads_carry_an_etag_and_answer_304_when_unchanged(api, client, film):
    first = api.get("/films/alien-1979")
    etag = first["ETag"]
    assert etag and "no-cache" in first["Cache-Control"]
    assert "Authorization" in first["Vary"]
    again = api.get("/films/alien-1979", **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    film.title = "Alien (Director's Cut)"
    film.save()
    changed = api.get("/films/alien-1979", **{"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_head_answers_like_get_without_a_body(api, film):
    response = api.head("/films/alien-1979")
    assert response.status_code == 200 and response.content == b""
    assert response["ETag"] == api.get("/films/alien-1979")["ETag"]


def test_cors_is_off_unless_configured(client, film):
    response = client.get(f"{BASE}/films", headers={"Origin": "https://app.example"})
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(
        f"{BASE}/films",
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 405 and "Access-Control-Allow-Origin" not in preflight


def test_cors_allows_the_configured_origins_only(client, film, settings):
    settings.MARQUEE_API_CORS_ORIGINS = ["https://app.example"]
    allowed = client.get(f"{BASE}/films", headers={"Origin": "https://app.example"})
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    other = client.get(f"{BASE}/films", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options(
        f"{BASE}/me/ratings/alien-1979",
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": "PUT"},
    )
    assert preflight.status_code == 204
    assert "PUT" in preflight["Access-Control-Allow-Methods"]
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in preflight  # tokens, never cookies


def test_writes_through_the_api_make_cached_pages_stale(api, reader, film):
    before = _generation()
    api.as_user(reader).put(f"/me/ratings/{film.slug}", {"stars": 4})
    assert _generation() != before
    unchanged = _generation()
    api.as_user(reader).put(f"/me/ratings/{film.slug}", {"stars": 9})  # refused: 422
    api.get("/films")
    assert _generation() == unchanged


def test_the_public_film_page_shows_a_review_published_through_the_api(api, client, critic, film):
    client.get(f"/films/{film.slug}/")  # cached for anonymous visitors
    created = api.as_user(critic).post(
        "/reviews",
        {
            "film": film.slug,
            "verdict": "essential",
            "tagline": "Published by API.",
            "setup": "Setup.",
            "body": "Body.",
            "should_watch": "Yes.",
            "publish": True,
        },
    )
    assert created.status_code == 201
    assert b"Published by API." in client.get(f"/films/{film.slug}/").content
