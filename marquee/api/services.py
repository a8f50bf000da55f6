"""Writes for personal access tokens: making one (shown once), revoking it, noting its use."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from marquee.accounts.models import User
from marquee.api.models import PersonalAccessToken
from marquee.api.selectors import token_hash
from marquee.errors import InputError
from marquee.sanitize import clean_line

TOKEN_PREFIX = "mq_"
PREFIX_CHARS = len(TOKEN_PREFIX) + 6
MAX_ACTIVE_TOKENS = 50
# Recording every request would turn each read into a write; a minute is precise enough.
LAST_USED_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    """A token just made: ``secret`` exists only here and is never stored."""

    token: PersonalAccessToken
    secret: str


@transaction.atomic
def token_create(*, user: User, name: str, scope: str = PersonalAccessToken.Scope.READ) -> NewToken:
    """Make a token for ``user``; the plain secret is returned once and only its hash is kept."""
    name = clean_line(name, field="name", max_chars=80)
    if scope not in PersonalAccessToken.Scope.values:
        raise InputError("scope", f'"{scope}" is not one of: read, write')
    active = PersonalAccessToken.objects.filter(user=user, revoked_at=None).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise InputError("name", f"you already have {active} tokens; revoke one first")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PersonalAccessToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        token_hash=token_hash(secret),
        prefix=secret[:PREFIX_CHARS],
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, user: User, token: PersonalAccessToken) -> PersonalAccessToken:
    """Stop ``token`` working from now on; revoking twice keeps the first time."""
    if token.user_id != user.pk:
        raise PermissionError(f"{user} may not revoke another user's token")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_mark_used(*, token: PersonalAccessToken) -> None:
    """Record that ``token`` was just used (to the minute, so reads rarely write)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
