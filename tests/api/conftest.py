"""Fixtures for API tests: a JSON client that can carry a personal access token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.test.client import MULTIPART_CONTENT

from marquee.accounts.models import User
from marquee.api.services import token_create
from tests.imports.conftest import history  # noqa: F401  (a reader with some of everything)

BASE = "/api/v1"


class ApiClient:
    """Django's test client speaking JSON to the API, with a bearer token when given one."""

    def __init__(self, client: Client, token: str | None = None) -> None:
        self.client = client
        self.token = token

    def as_user(self, user: User, scope: str = "write") -> ApiClient:
        """A client sending a fresh token of ``user`` with ``scope``."""
        return ApiClient(self.client, token_create(user=user, name="tests", scope=scope).secret)

    def _headers(self, headers: dict[str, str]) -> dict[str, str]:
        if self.token:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        return headers

    def get(self, path: str, params: dict | None = None, **headers: str):
        return self.client.get(BASE + path, params or {}, headers=self._headers(headers))

    def head(self, path: str, **headers: str):
        return self.client.head(BASE + path, headers=self._headers(headers))

    def _send(self, method: str, path: str, body: Any, headers: dict[str, str]):
        send = getattr(self.client, method)
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        if body is None:
            return send(BASE + path, headers=self._headers(headers))
        return send(
            BASE + path, data, content_type="application/json", headers=self._headers(headers)
        )

    def post(self, path: str, body: Any = None, **headers: str):
        return self._send("post", path, body, headers)

    def put(self, path: str, body: Any = None, **headers: str):
        return self._send("put", path, body, headers)

    def patch(self, path: str, body: Any = None, **headers: str):
        return self._send("patch", path, body, headers)

    def delete(self, path: str, **headers: str):
        return self._send("delete", path, None, headers)

    def upload(self, path: str, data: dict, **headers: str):
        return self.client.post(
            BASE + path, data, content_type=MULTIPART_CONTENT, headers=self._headers(headers)
        )


@pytest.fixture
def api(client) -> ApiClient:
    """An anonymous API client; ``api.as_user(user)`` gives one with a token."""
    return ApiClient(client)


def problem_of(response) -> dict:
    """The problem document of an error response, checked to be one."""
    assert response["Content-Type"] == "application/problem+json", response.content
    problem = response.json()
    assert problem["status"] == response.status_code
    assert {"type", "title", "detail", "code", "instance"} <= problem.keys()
    return problem


def fields_of(response) -> set[str]:
    """The fields a 422 problem names."""
    assert response.status_code == 422, response.content
    return {error["field"] for error in problem_of(response)["errors"]}
