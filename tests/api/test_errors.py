"""One error format everywhere: RFC 9457 problem documents, with field-level messages."""

import pytest

from marquee.api.routers import films
from tests.api.conftest import BASE, problem_of

pytestmark = pytest.mark.django_db


def test_an_unknown_endpoint_is_a_problem_not_the_sites_html_page(api):
    for path in ["/nothing-here", "/films/alien-1979/extra/bits", "/films/"]:
        response = api.get(path)
        assert response.status_code == 404
        problem = problem_of(response)
        assert problem["title"] == "Not Found" and problem["instance"] == BASE + path


def test_a_method_the_url_does_not_take_is_a_405_with_allow(api, film):
    response = api.delete("/films")
    assert response.status_code == 405
    assert problem_of(response)["code"] == "method_not_allowed"
    assert response["Allow"] == "GET"


def test_malformed_json_is_a_400(api, reader, film):
    response = api.as_user(reader).put(f"/me/ratings/{film.slug}", "{stars: 4")
    assert response.status_code == 400
    assert problem_of(response)["code"] == "bad_request"


def test_validation_errors_list_every_field_with_its_location(api, reader, film):
    response = api.as_user(reader).post(
        "/me/diary?page=x", {"film": "not a slug", "watched_on": "soon", "stars": 9}
    )
    problem = problem_of(response)
    assert problem["code"] == "validation_error" and response.status_code == 422
    assert {(e["location"], e["field"]) for e in problem["errors"]} == {
        ("body", "film"),
        ("body", "watched_on"),
        ("body", "stars"),
    }
    assert all(e["message"] for e in problem["errors"])
    assert "watched_on" in problem["detail"]


def test_an_unexpected_failure_is_a_logged_500_problem(api, film, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(films, "films_with_credits", broken)
    response = api.get("/films")
    assert response.status_code == 500
    problem = problem_of(response)
    assert problem["code"] == "server_error" and "fire" not in problem["detail"]
    assert "database on fire" in caplog.text


def test_the_api_root_points_at_the_documentation(api):
    response = api.get("/")
    assert response.status_code == 200
    assert response.json()["docs"].endswith("/api/v1/docs")
    assert response.json()["openapi"].endswith("/api/v1/openapi.json")
