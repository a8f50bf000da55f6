"""Personal access tokens: how scripts and other apps call the API as one reader.

Only a SHA-256 hash of each token is stored; the token itself is shown once, when it is made.
``prefix`` (the first characters of the token) lets people tell their tokens apart.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class PersonalAccessToken(models.Model):
    """A named, revocable API credential of one user, allowed to read or to read and write."""

    class Scope(models.TextChoices):
        READ = "read", "Read only"
        WRITE = "write", "Read and write"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80)
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.READ)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=16, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "personal access token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def allows(self, method: str) -> bool:
        """Whether this token may make a request with this HTTP method."""
        return self.scope == self.Scope.WRITE or method.upper() in SAFE_METHODS
