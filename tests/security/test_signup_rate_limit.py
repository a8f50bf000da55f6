"""Sign-ups are limited per address; the honeypot and password rules still apply under it."""

from __future__ import annotations

import pytest

from marquee.accounts.models import User

pytestmark = pytest.mark.django_db


def signup(client, n: int, address: str = "203.0.113.7", **extra):
    data = {
        "username": f"reader{n}",
        "email": f"reader{n}@example.test",
        "password1": "correct horse battery staple",
        "password2": "correct horse battery staple",
        **extra,
    }
    response = client.post("/accounts/signup/", data, REMOTE_ADDR=address)
    client.logout()
    return response


def test_the_sign_up_after_the_limit_is_refused_with_a_reason(client, settings):
    settings.MARQUEE_SIGNUPS_PER_HOUR = 3
    for n in range(3):
        assert signup(client, n).status_code == 302
    response = signup(client, 3)
    assert response.status_code == 429
    assert "Too many sign-ups from your address; please try again in about" in (
        response.content.decode()
    )
    assert not User.objects.filter(username="reader3").exists()
    assert signup(client, 4, address="198.51.100.2").status_code == 302


def test_refused_tries_count_too(client, settings):
    """A bot failing the honeypot or the password rules uses up its tries all the same."""
    settings.MARQUEE_SIGNUPS_PER_HOUR = 2
    assert signup(client, 0, website="http://spam.test").status_code == 200
    assert signup(client, 1, password1="123", password2="123").status_code == 200
    assert not User.objects.exists()
    assert signup(client, 2).status_code == 429


def test_the_honeypot_and_password_rules_still_apply_within_the_limit(client, settings):
    settings.MARQUEE_SIGNUPS_PER_HOUR = 10
    assert signup(client, 0, website="http://spam.test").status_code == 200
    weak = signup(client, 1, password1="12345678", password2="12345678")
    assert "too common" in weak.content.decode() or "too short" in weak.content.decode()
    assert not User.objects.exists()


def test_looking_at_the_form_is_not_counted(client, settings):
    settings.MARQUEE_SIGNUPS_PER_HOUR = 1
    for _ in range(3):
        assert client.get("/accounts/signup/").status_code == 200
    assert signup(client, 0).status_code == 302
