"""People who use the site: readers, critics, staff and the site owner."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A signed-up person. Everyone is a reader; critics also write reviews.

    Roles: ``is_critic`` may write and publish their own reviews; ``is_staff`` moderates and may
    edit any review; ``is_superuser`` is the site owner who administers everything.
    """

    display_name = models.CharField(max_length=80, blank=True)
    bio = models.TextField(max_length=2000, blank=True)
    is_critic = models.BooleanField(
        default=False, help_text="May write and publish reviews under their own name."
    )
    ratings_private = models.BooleanField(
        default=False,
        help_text="Ratings and diary are hidden from others, and no one can compare with them.",
    )

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name shown to other people; never the email address."""
        return self.display_name or self.username

    @property
    def can_write_reviews(self) -> bool:
        return self.is_active and (self.is_critic or self.is_staff or self.is_superuser)
