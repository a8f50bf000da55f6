"""The OpenAPI document: committed in docs/, kept in step with the code, and browsable."""

import json
import re
from pathlib import Path

import pytest

from marquee.api.management.commands.openapi import openapi_document

pytestmark = pytest.mark.django_db
COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_the_committed_schema_matches_the_code():
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    current = json.loads(openapi_document())
    assert committed == current, (
        "docs/openapi.json is out of date: run `marquee openapi > docs/openapi.json` "
        "and commit it with the change to the API"
    )


def test_the_schema_is_served_as_committed(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_every_operation_is_named_and_documents_its_problems():
    schema = json.loads(openapi_document())
    assert schema["openapi"].startswith("3.")
    ids = []
    for path, item in schema["paths"].items():
        assert path.startswith("/api/v1/")
        for method, operation in item.items():
            ids.append(operation["operationId"])
            assert operation["summary"], (method, path)
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == ["application/problem+json"], status
            assert {"401", "429"} <= operation["responses"].keys()
            assert "Retry-After" in operation["responses"]["429"]["headers"]
    assert len(ids) == len(set(ids))


def test_public_reads_need_no_credentials_and_personal_ones_do():
    paths = json.loads(openapi_document())["paths"]
    assert {} in paths["/api/v1/films"]["get"]["security"]
    assert {} not in paths["/api/v1/me/ratings"]["get"]["security"]
    assert {} not in paths["/api/v1/reviews"]["post"]["security"]


def test_the_docs_page_runs_under_the_sites_strict_csp(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    html = response.content.decode()
    # No script runs from the page itself: only files from the site, and JSON data blocks.
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert 'src="/static/' in attributes or 'type="application/json"' in attributes
        assert 'src="/static/' not in attributes or not body.strip()
    assert "cdn" not in html.lower()
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(asset).status_code == 200, asset
