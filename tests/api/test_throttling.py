"""Rate limits per token, per signed-in user and per address: 429 with Retry-After."""

import pytest

from tests.api.conftest import problem_of

pytestmark = pytest.mark.django_db


def test_a_token_past_its_limit_gets_429_with_retry_after(api, reader, settings):
    settings.MARQUEE_API_RATE_LIMIT = 3
    caller = api.as_user(reader)
    assert [caller.get("/me").status_code for _ in range(3)] == [200] * 3
    refused = caller.get("/me")
    assert refused.status_code == 429
    assert problem_of(refused)["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_each_token_has_its_own_allowance(api, reader, other_reader, settings):
    settings.MARQUEE_API_RATE_LIMIT = 2
    first, second = api.as_user(reader), api.as_user(reader)
    for _ in range(2):
        first.get("/me")
    assert first.get("/me").status_code == 429
    assert second.get("/me").status_code == 200
    assert api.as_user(other_reader).get("/me").status_code == 200


def test_anonymous_callers_share_their_addresses_allowance(api, client, film, settings):
    settings.MARQUEE_API_ANON_RATE_LIMIT = 2
    assert api.get("/films").status_code == 200
    assert api.get("/films").status_code == 200
    assert api.get("/films").status_code == 429
    elsewhere = client.get("/api/v1/films", REMOTE_ADDR="192.0.2.7")
    assert elsewhere.status_code == 200


def test_a_limit_of_zero_switches_it_off(api, film, settings):
    settings.MARQUEE_API_ANON_RATE_LIMIT = 0
    assert all(api.get("/films").status_code == 200 for _ in range(5))
