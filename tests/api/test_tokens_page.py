"""The profile's token page: make a token (shown once), see them, revoke one; yours only."""

import pytest
from django.test import Client

from marquee.api.models import PersonalAccessToken
from marquee.api.services import token_create
from tests.api.conftest import BASE

pytestmark = pytest.mark.django_db
PAGE = "/api/tokens/"


def test_the_page_is_for_signed_in_people(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_profile_links_to_it_for_its_owner_only(client, reader, other_reader):
    client.force_login(reader)
    assert PAGE.encode() in client.get(f"/accounts/profile/{reader.username}/").content
    assert PAGE.encode() not in client.get(f"/accounts/profile/{other_reader.username}/").content


def test_a_new_token_is_shown_once_and_works(client, reader):
    client.force_login(reader)
    response = client.post(PAGE, {"name": "Backup script", "scope": "read"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = response.context["new_token"].secret
    assert secret.encode() in response.content

    token = PersonalAccessToken.objects.get(user=reader)
    assert (token.name, token.scope) == ("Backup script", "read")
    again = client.get(PAGE)
    assert secret.encode() not in again.content
    assert token.prefix.encode() in again.content and b"Backup script" in again.content

    me = Client().get(f"{BASE}/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json()["token"]["name"] == "Backup script"


def test_a_token_needs_a_name_and_a_known_scope(client, reader):
    client.force_login(reader)
    response = client.post(PAGE, {"name": "  ", "scope": "admin"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "scope"}
    assert not PersonalAccessToken.objects.exists()


def test_revoking_a_token_stops_it(client, reader):
    new = token_create(user=reader, name="phone")
    client.force_login(reader)
    response = client.post(f"{PAGE}{new.token.pk}/revoke/")
    assert response.status_code == 302
    new.token.refresh_from_db()
    assert new.token.revoked_at is not None
    assert b"Revoked" in client.get(PAGE).content
    me = Client().get(f"{BASE}/me", headers={"Authorization": f"Bearer {new.secret}"})
    assert me.status_code == 401


def test_nobody_sees_or_revokes_someone_elses_tokens(client, reader, other_reader):
    theirs = token_create(user=other_reader, name="their secret script")
    client.force_login(reader)
    assert b"their secret script" not in client.get(PAGE).content
    assert client.post(f"{PAGE}{theirs.token.pk}/revoke/").status_code == 404
    theirs.token.refresh_from_db()
    assert theirs.token.revoked_at is None


def test_revoking_needs_a_post_with_a_csrf_token(reader):
    new = token_create(user=reader, name="phone")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader)
    assert browser.get(f"{PAGE}{new.token.pk}/revoke/").status_code == 405
    assert browser.post(f"{PAGE}{new.token.pk}/revoke/").status_code == 403
    assert browser.post(PAGE, {"name": "x", "scope": "read"}).status_code == 403
    new.token.refresh_from_db()
    assert new.token.revoked_at is None and PersonalAccessToken.objects.count() == 1
