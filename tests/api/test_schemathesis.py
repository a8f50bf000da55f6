"""Property-based requests against the whole committed schema, on a live test server.

Schemathesis generates requests from docs/openapi.json (valid ones and invalid ones) for every
operation and sends them to a real server on the loopback interface, as a critic with a
read-write token, so writes are exercised too. Every response must be a non-5xx answer that
the schema documents: its status, content type, headers and body. Examples per operation and
the time each may take are bounded, so the whole run stays well under two minutes.
"""

import json
from datetime import date
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from marquee.api.services import token_create
from marquee.catalog.models import Credit
from marquee.catalog.services import film_create, film_set_people
from marquee.comments.services import comment_post
from marquee.readers.services import diary_entry_add, rating_set, watchlist_toggle
from marquee.reviews.models import Verdict
from marquee.reviews.services import review_create
from tests.conftest import make_user

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
# Schemathesis runs its boundary-value "coverage" cases for each operation (missing and wrong
# fields, edge lengths, methods the URL does not take), then `max_examples` random ones.
schema = schemathesis.openapi.from_dict(json.loads(COMMITTED.read_text(encoding="utf-8")))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def fuzzed_site(django_db_serialized_rollback, transactional_db, live_server, settings, tmp_path):
    """A small journal on a live server, and a write token of a critic who has used it.

    The live server needs a transactional database, emptied after each test; the serialized
    rollback puts the migrations' rows (the verdicts) back first, and leaves the database empty
    afterwards for the next test that restores them (the browser tests do too).
    """
    assert live_server.url.startswith(("http://localhost:", "http://127.0.0.1:"))
    settings.MARQUEE_API_RATE_LIMIT = 0
    settings.MARQUEE_API_ANON_RATE_LIMIT = 0
    settings.MEDIA_ROOT = tmp_path / "media"
    verdict = Verdict.objects.get(slug="essential")
    critic = make_user("fuzz_critic", is_critic=True)
    reader = make_user("fuzz_reader")
    film = film_create(title="Alien", year=1979, genres=["Horror"])
    film_set_people(film=film, role=Credit.Role.DIRECTOR, names=["Ridley Scott"])
    review = review_create(
        author=critic, film=film, verdict=verdict, tagline="Tagline.", setup="Setup.",
        body="Body.", should_watch="Yes.", publish=True,
    )  # fmt: skip
    comment_post(review=review, author=reader, body="First!")
    rating_set(user=critic, film=film, half_stars=8)
    diary_entry_add(user=critic, film=film, watched_on=date(2024, 1, 1))
    watchlist_toggle(user=critic, film=film_create(title="Moon", year=2009))
    token = token_create(user=critic, name="schemathesis", scope="write").secret
    return live_server.url, {"Authorization": f"Bearer {token}"}


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=10,
    deadline=5000,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_the_schema_says(case, fuzzed_site):
    base_url, headers = fuzzed_site
    case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS, timeout=10)
