"""Who is calling: a personal access token, else the site's own session, else nobody.

A request with an ``Authorization`` header is judged by that header alone: a wrong, revoked or
malformed token is refused (401) rather than quietly treated as anonymous, and a read-only token
may not write (403). Session callers send the CSRF token on writes, as the site's forms do.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from marquee.accounts.models import User
from marquee.api.errors import ApiProblem
from marquee.api.models import SAFE_METHODS
from marquee.api.selectors import token_for_secret
from marquee.api.services import token_mark_used

Caller = User | AnonymousUser


class TokenAuth(HttpBearer):
    """``Authorization: Bearer mq_...``: a personal access token made on the profile page."""

    def __call__(self, request: HttpRequest) -> User | None:
        header = request.headers.get("Authorization")
        if header is None:
            return None
        scheme, _, secret = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError()
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        found = token_for_secret(token)
        if found is None:
            raise AuthenticationError()
        if not found.allows(request.method or "GET"):
            raise ApiProblem(
                403,
                "This token may only read; make a read-write token to change anything.",
                code="insufficient_scope",
                headers={"WWW-Authenticate": 'Bearer realm="marquee", error="insufficient_scope"'},
            )
        token_mark_used(token=found)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class SessionAuth(APIKeyCookie):
    """The site's own session cookie, for pages of the site that call the API."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        # Only a signed-in session can be forged across sites; nobody else needs a CSRF token.
        if not request.user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request):
            raise ApiProblem(
                403,
                "CSRF check failed: send the csrftoken cookie's value as X-CSRFToken.",
                code="csrf_failed",
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        return request.user if request.user.is_authenticated else None


def anonymous(request: HttpRequest) -> AnonymousUser:
    """Public reads need no credentials."""
    return AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth()
SIGNED_IN = [token_auth, session_auth]
ANYONE = [token_auth, session_auth, anonymous]


def caller(request: HttpRequest) -> Caller:
    """The user the request acts as (anonymous on public reads without credentials)."""
    return request.auth  # type: ignore[attr-defined,no-any-return]


def signed_in_caller(request: HttpRequest) -> User:
    user = caller(request)
    if not user.is_authenticated:
        raise AuthenticationError()
    return user  # type: ignore[return-value]
