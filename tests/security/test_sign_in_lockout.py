"""After too many failed sign-ins for one username from one address, further tries wait."""

from __future__ import annotations

import time

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def three_tries(settings):
    settings.MARQUEE_LOGIN_ATTEMPTS = 3
    settings.MARQUEE_LOGIN_LOCKOUT_SECONDS = 600


def sign_in(client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_the_try_after_the_last_allowed_failure_is_refused_even_with_the_right_password(
    client, reader
):
    for _ in range(3):
        response = sign_in(client, reader.username, "wrong password")
        assert response.status_code == 200
        assert "enter a correct username and password" in response.content.decode()
    response = sign_in(client, reader.username, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-ins for this account from your address" in page
    assert "wait about 10 minutes" in page
    assert not client.get("/").context["user"].is_authenticated


def test_the_lockout_ends_when_the_window_has_passed(client, reader, settings):
    settings.MARQUEE_LOGIN_LOCKOUT_SECONDS = 1
    for _ in range(4):
        sign_in(client, reader.username, "wrong password")
    assert sign_in(client, reader.username, PASSWORD).status_code == 429
    time.sleep(1.2)
    assert sign_in(client, reader.username, PASSWORD).status_code == 302


def test_the_lockout_is_per_username_and_address(client, reader, other_reader):
    for _ in range(4):
        sign_in(client, reader.username.upper(), "wrong password")
    assert sign_in(client, reader.username, PASSWORD).status_code == 429  # any case
    assert sign_in(client, other_reader.username, PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, reader.username, PASSWORD, address="198.51.100.2").status_code == 302


def test_a_successful_sign_in_starts_the_count_again(client, reader):
    for _ in range(2):
        sign_in(client, reader.username, "wrong password")
    assert sign_in(client, reader.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(3):
        assert sign_in(client, reader.username, "wrong password").status_code == 200
    assert sign_in(client, reader.username, PASSWORD).status_code == 429


def test_behind_a_proxy_the_address_the_proxy_saw_counts(client, reader, settings):
    settings.BEHIND_PROXY = True
    for n in range(4):
        client.post(
            "/accounts/login/",
            {"username": reader.username, "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.7",  # the first part is forgeable
        )
    response = client.post(
        "/accounts/login/",
        {"username": reader.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert response.status_code == 429
    other = client.post(
        "/accounts/login/",
        {"username": reader.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert other.status_code == 302


def test_the_admins_sign_in_page_is_under_the_same_limit(client, staff):
    for _ in range(3):
        client.post("/admin/login/", {"username": staff.username, "password": "wrong password"})
    response = client.post("/admin/login/", {"username": staff.username, "password": PASSWORD})
    assert "Too many failed sign-ins for this account" in response.content.decode()
    assert not client.get("/").context["user"].is_authenticated
