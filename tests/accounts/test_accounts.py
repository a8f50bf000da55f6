"""Signing up, signing in and profiles."""

import pytest

from marquee.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "newreader",
    "email": "New@Example.test",
    "display_name": "New Reader",
    "password1": "correct horse battery staple",
    "password2": "correct horse battery staple",
}


def test_a_visitor_signs_up_as_a_reader_and_is_signed_in(client, settings):
    settings.PASSWORD_HASHERS = settings.PASSWORD_HASHERS[1:]  # the production list
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(username="newreader")
    assert not user.is_critic and not user.is_staff
    assert user.email == "new@example.test"
    assert user.password.startswith("argon2")
    assert client.get("/").context["user"] == user


def test_weak_passwords_are_refused(client):
    response = client.post("/accounts/signup/", {**SIGNUP, "password1": "123", "password2": "123"})
    assert response.status_code == 200
    assert not User.objects.filter(username="newreader").exists()


def test_a_second_account_with_the_same_email_is_refused(client, reader):
    response = client.post("/accounts/signup/", {**SIGNUP, "email": reader.email.upper()})
    assert "already exists" in response.content.decode()


def test_the_signup_honeypot_is_hidden_from_people(client):
    page = client.get("/accounts/signup/").content.decode()
    field = page[page.index('id="id_website"') - 400 : page.index('id="id_website"') + 100]
    assert 'class="field hp-field" aria-hidden="true"' in field
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field


@pytest.mark.parametrize("username", ["ml-7", "ML-12", "ml100k-3"])
def test_movielens_reader_names_are_reserved(client, username):
    response = client.post("/accounts/signup/", {**SIGNUP, "username": username})
    assert "kept for readers imported from MovieLens" in response.content.decode()
    assert not User.objects.filter(username=username).exists()


def test_the_signup_honeypot_stops_bots(client):
    client.post("/accounts/signup/", {**SIGNUP, "website": "http://spam.test"})
    assert not User.objects.filter(username="newreader").exists()


def test_sign_in_and_out(client, reader):
    response = client.post("/accounts/login/", {"username": reader.username, "password": PASSWORD})
    assert response.status_code == 302
    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated


def test_a_profile_shows_the_public_name_never_the_email(client, critic, review):
    html = client.get(f"/accounts/profile/{critic.username}/").content.decode()
    assert "Carla Critic" in html and review.get_absolute_url() in html
    assert critic.email not in html


def test_help_text_is_announced_with_its_field(client, critic):
    client.force_login(critic)
    html = client.get("/reviews/write/").content.decode()
    assert 'aria-describedby="id_tagline_helptext"' in html
    assert 'id="id_tagline_helptext"' in html
