"""The search index: one document per film, person and published review, and their vectors.

A document holds the text search looks at, split into fields so results can say which one
matched. On SQLite an FTS5 table mirrors it (kept in step by triggers, see migration 0002); on
PostgreSQL a GIN expression index over the same fields serves full-text queries. Vectors for
search by meaning sit beside the documents as float32 bytes.
"""

from __future__ import annotations

from django.db import models

from marquee.catalog.models import Film


class SearchDocument(models.Model):
    """What search knows of one film, person or published review."""

    class Kind(models.TextChoices):
        FILM = "film", "Film"
        PERSON = "person", "Person"
        REVIEW = "review", "Review"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    # The film a film or review document is about: filters (year, genre, director, watched)
    # apply through it. Deleting the film deletes its documents.
    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=True
    )
    verdict_id = models.PositiveBigIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=300)
    title_key = models.CharField(max_length=300, db_index=True)
    other_titles = models.TextField(blank=True)
    people = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_object")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class SearchEmbedding(models.Model):
    """A document's vector from ``model``, for the text whose hash is ``text_hash``."""

    document = models.OneToOneField(
        SearchDocument, on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    model = models.CharField(max_length=80)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"vector of {self.document_id} ({self.model})"


class SearchIndexVersion(models.Model):
    """One row whose number changes whenever documents or vectors change.

    Each process keeps the vectors and the typo vocabulary in memory, and reloads them when
    this number differs from the one they were loaded at.
    """

    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"search index version {self.version}"
