"""Who is answering: a signed-in reader, or a visitor known only by their session.

Visitors who are not signed in keep their onboarding answers in the session, and get a random
id there that ties them to their taste-test responses. When they sign up (or sign in), both
follow them into the account: see ``keep_visitor_answers``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest

from marquee.accounts.models import User
from marquee.ratelimits import client_address

VISITOR_ID = "taste_visitor"
ONBOARDING_ANSWERS = "taste_onboarding"


@dataclass(frozen=True)
class Visitor:
    """The person answering a taste test: ``key`` is one per person (per browser if anonymous)."""

    user: User | None
    key: str
    fingerprint: str


def fingerprint(request: HttpRequest) -> str:
    """A keyed hash of the address and browser: enough to spot one machine, reveals neither."""
    seen = f"{client_address(request)}|{request.META.get('HTTP_USER_AGENT', '')[:300]}"
    key = f"taste-fingerprint:{settings.SECRET_KEY}".encode()
    return hmac.new(key, seen.encode("utf-8", "replace"), hashlib.sha256).hexdigest()


def user_key(user: User) -> str:
    return f"user:{user.pk}"


def visitor_for(request: HttpRequest, *, create: bool) -> Visitor | None:
    """The visitor behind ``request``; an anonymous one gets an id only when ``create``."""
    if request.user.is_authenticated:
        return Visitor(request.user, user_key(request.user), fingerprint(request))
    anonymous_id = request.session.get(VISITOR_ID)
    if not isinstance(anonymous_id, str):
        if not create:
            return None
        anonymous_id = secrets.token_urlsafe(16)
        request.session[VISITOR_ID] = anonymous_id
    return Visitor(None, f"anon:{anonymous_id}", fingerprint(request))


def session_onboarding_answers(request: HttpRequest) -> list[tuple[int, float | None]]:
    """An anonymous visitor's onboarding answers, as (film pk, stars or None)."""
    stored = request.session.get(ONBOARDING_ANSWERS)
    if not isinstance(stored, list):
        return []
    return [(int(pk), stars) for pk, stars in stored]


def keep_visitor_answers(request: HttpRequest, user: User) -> int:
    """After sign-up or sign-in: the visitor's answers become ``user``'s ratings and responses.

    Call it right after ``login()``: the session still holds what the visitor answered
    (Django keeps an anonymous session's data when someone signs in). Ratings the account
    already has are never replaced (see ``visitor_answers_keep``). Returns how many ratings
    were added; tells the person so.
    """
    from marquee.taste.services import visitor_answers_keep

    anonymous_id = request.session.pop(VISITOR_ID, None)
    onboarding = session_onboarding_answers(request)
    request.session.pop(ONBOARDING_ANSWERS, None)
    added = visitor_answers_keep(
        user=user,
        visitor_key=f"anon:{anonymous_id}" if isinstance(anonymous_id, str) else "",
        onboarding=onboarding,
    )
    if added:
        messages.success(
            request,
            f"Your answers about {added} film{'s' if added != 1 else ''} are now your ratings.",
        )
    return added
