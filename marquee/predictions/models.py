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


class TrainingRun(models.Model):
    """One training of the models, queued by staff or by enough new ratings, as it goes."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Training"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    step = models.CharField(max_length=80, blank=True)
    steps_done = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    version = models.CharField(max_length=40, blank=True)  # the models it made, once done
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-pk"]

    def __str__(self) -> str:
        return f"training {self.pk}: {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
