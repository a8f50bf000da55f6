"""``GET /api/v1/users/{username}/compatibility``."""

from __future__ import annotations

import pytest

from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client) -> ApiClient:
    return ApiClient(client)


def test_a_reader_gets_their_compatibility_with_another(api, trained):
    fan, romantic = trained["readers"][:2]
    response = api.as_user(fan).get(f"/users/{romantic.username}/compatibility")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"username", "score", "low", "high", "shared", "agree", "disagree"}
    assert 0 <= data["low"] <= data["score"] <= data["high"] <= 100
    assert data["shared"] > 0 and data["disagree"]
    assert set(data["disagree"][0]) == {"film", "yours", "theirs"}


def test_no_shared_films_gives_a_null_score(api, trained, reader):
    data = api.as_user(reader).get(f"/users/{trained['readers'][0].username}/compatibility")
    assert data.json()["score"] is None and data.json()["shared"] == 0


def test_refusals_are_problem_documents(api, trained):
    fan, romantic = trained["readers"][:2]
    romantic.ratings_private = True
    romantic.save()
    as_fan = api.as_user(fan)
    private = as_fan.get(f"/users/{romantic.username}/compatibility")
    assert private.status_code == 403 and "private" in private.json()["detail"]
    assert "Romance" not in private.content.decode()
    assert as_fan.get(f"/users/{fan.username}/compatibility").status_code == 422
    assert as_fan.get("/users/nobody/compatibility").status_code == 404
    assert api.get(f"/users/{fan.username}/compatibility").status_code == 401
