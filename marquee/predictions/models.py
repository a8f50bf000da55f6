"""What the reader told the recommender directly: films they are not interested in."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from marquee.catalog.models import Film


class HiddenFilm(models.Model):
    """A film the reader marked "not interested": never recommended to them again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hidden_films"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    hidden_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "film"], name="hide_once")]

    def __str__(self) -> str:
        return f"{self.user} is not interested in {self.film}"
