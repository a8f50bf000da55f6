"""Reads of personal access tokens."""

from __future__ import annotations

import hashlib

from django.db.models import QuerySet

from marquee.accounts.models import User
from marquee.api.models import PersonalAccessToken


def token_hash(secret: str) -> str:
    """The stored form of a token: its SHA-256, hex encoded."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def token_for_secret(secret: str) -> PersonalAccessToken | None:
    """The active token of an active user that ``secret`` is, or None."""
    return (
        PersonalAccessToken.objects.select_related("user")
        .filter(token_hash=token_hash(secret), revoked_at=None, user__is_active=True)
        .first()
    )


def user_tokens(user: User) -> QuerySet[PersonalAccessToken]:
    """The user's tokens, newest first, revoked ones included."""
    return PersonalAccessToken.objects.filter(user=user).order_by("-created_at", "-id")
