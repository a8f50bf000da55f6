"""Who may call: tokens (hashed, scoped, revocable), the site's session with CSRF, or nobody."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from marquee.api.models import PersonalAccessToken
from marquee.api.selectors import token_hash
from marquee.api.services import token_create, token_revoke
from tests.api.conftest import BASE, ApiClient, problem_of

pytestmark = pytest.mark.django_db


def test_a_token_authenticates_its_owner(api, reader):
    response = api.as_user(reader).get("/me")
    assert response.status_code == 200
    assert response.json()["username"] == reader.username
    assert response.json()["token"]["scope"] == "write"


def test_only_the_hash_of_a_token_is_stored(reader):
    new = token_create(user=reader, name="backup script", scope="read")
    stored = PersonalAccessToken.objects.get()
    assert new.secret.startswith("mq_") and len(new.secret) > 40
    assert stored.token_hash == token_hash(new.secret) != new.secret
    assert new.secret.startswith(stored.prefix) and len(stored.prefix) < 12
    assert new.secret not in str(PersonalAccessToken.objects.values().get())


def test_personal_pages_need_credentials(api, film):
    for path in ["/me", "/me/ratings", "/me/diary", "/me/watchlist", "/me/imports"]:
        response = api.get(path)
        assert response.status_code == 401, path
        assert problem_of(response)["code"] == "not_authenticated"
        assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    [
        "Bearer mq_not-a-real-token",
        "Bearer ",
        "Basic cml0YTpwYXNzd29yZA==",
        "mq_no_scheme",
        "Bearer",
    ],
)
def test_a_wrong_or_malformed_token_is_refused_even_on_public_reads(client, film, header):
    response = client.get(f"{BASE}/films", headers={"Authorization": header})
    assert response.status_code == 401
    assert problem_of(response)["code"] == "not_authenticated"


def test_a_revoked_token_stops_working(api, reader):
    new = token_create(user=reader, name="old", scope="write")
    caller = ApiClient(api.client, new.secret)
    assert caller.get("/me").status_code == 200
    token_revoke(user=reader, token=new.token)
    assert caller.get("/me").status_code == 401
    assert caller.get("/films").status_code == 401


def test_a_deactivated_users_tokens_stop_working(api, reader):
    caller = api.as_user(reader)
    reader.is_active = False
    reader.save()
    assert caller.get("/me").status_code == 401


def test_a_read_token_reads_but_never_writes(api, reader, film):
    caller = api.as_user(reader, scope="read")
    assert caller.get("/me/ratings").status_code == 200
    for response in [
        caller.put(f"/me/ratings/{film.slug}", {"stars": 4}),
        caller.delete(f"/me/ratings/{film.slug}"),
        caller.put(f"/me/watchlist/{film.slug}"),
        caller.post("/me/diary", {"film": film.slug, "watched_on": "2024-01-01"}),
    ]:
        assert response.status_code == 403
        assert problem_of(response)["code"] == "insufficient_scope"
        assert 'error="insufficient_scope"' in response["WWW-Authenticate"]
    assert not reader.ratings.exists() and not reader.watchlist.exists()


def test_using_a_token_records_when_to_the_minute(api, reader):
    new = token_create(user=reader, name="script")
    caller = ApiClient(api.client, new.secret)
    assert new.token.last_used_at is None
    caller.get("/me")
    first = PersonalAccessToken.objects.get().last_used_at
    assert first is not None and timezone.now() - first < timedelta(seconds=5)
    caller.get("/me")
    assert PersonalAccessToken.objects.get().last_used_at == first  # not a write per request


def test_the_token_wins_over_a_session_cookie(api, client, reader, other_reader):
    client.force_login(other_reader)
    assert api.as_user(reader).get("/me").json()["username"] == reader.username


def test_the_sites_session_reads_and_writes_with_its_csrf_token(reader, film):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader)
    me = browser.get(f"{BASE}/me")
    assert me.status_code == 200 and me.json()["token"] is None

    refused = browser.put(
        f"{BASE}/me/ratings/{film.slug}", '{"stars": 4}', content_type="application/json"
    )
    assert refused.status_code == 403
    assert problem_of(refused)["code"] == "csrf_failed"

    browser.get("/api/tokens/")  # any page with a form sets the CSRF cookie
    accepted = browser.put(
        f"{BASE}/me/ratings/{film.slug}",
        '{"stars": 4}',
        content_type="application/json",
        headers={"X-CSRFToken": browser.cookies["csrftoken"].value},
    )
    assert accepted.status_code == 200, accepted.content
    assert reader.ratings.get().half_stars == 8


def test_anonymous_writes_are_401_not_csrf_errors(client, review):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        f"{BASE}/reviews/{review.slug}/comments", '{"body": "Hi"}', content_type="application/json"
    )
    assert response.status_code == 401
