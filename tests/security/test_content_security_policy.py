"""The Content-Security-Policy stays strict, and no page needs more than it allows.

The policy forbids inline script and inline style outside the staff-only admin, so pages must not
carry inline <script> code, on* event handlers, javascript: links or style attributes.
"""

from __future__ import annotations

import re

import pytest

from marquee.journal.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db

INLINE = [
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I),
        "inline script",
    ),
    (re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"<[a-z][^>]*=\s*[\"']?\s*javascript:", re.I), "javascript: URL"),
    (re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I), "style attribute"),
]


def test_the_policy_allows_only_the_sites_own_scripts_and_styles():
    directives = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY


def test_pages_carry_the_policy_and_nothing_it_would_block(client, review, critic, reader):
    from marquee.comments.services import comment_post

    comment_post(review=review, author=critic, body="Nice <b>work</b> onload=alert(1)")
    pages = ["/", "/reviews/", "/films/", review.get_absolute_url(), review.film.get_absolute_url()]
    anonymous = ["/accounts/login/", "/accounts/signup/"]
    signed_in = ["/reviews/write/", "/imports/", f"/accounts/profile/{critic.username}/"]
    for url in anonymous + pages:
        _check(client.get(url), url)
    client.force_login(critic)
    for url in signed_in + pages:
        _check(client.get(url), url)


def _check(response, url: str) -> None:
    assert response.status_code == 200, url
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, url
    html = response.content.decode()
    for pattern, what in INLINE:
        match = pattern.search(html)
        assert match is None, f"{url} has an {what} the policy blocks: {match.group(0)!r}"


def test_htmx_is_told_not_to_evaluate_code(client, db):
    html = client.get("/").content.decode()
    assert '"allowEval": false' in html
