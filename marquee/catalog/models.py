"""The film catalog: films, the titles they go by, people and their credits."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class Genre(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=70, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("journal:genre", args=[self.slug])


class Keyword(models.Model):
    """A plot keyword ("time travel", "heist"): from TMDB, or a tag many MovieLens users gave."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Film(models.Model):
    """A film. ``match_key`` is the normalized title used to match text to the catalog."""

    title = models.CharField(max_length=300)
    original_title = models.CharField(max_length=300, blank=True)
    original_language = models.CharField(max_length=12, blank=True)
    slug = models.SlugField(max_length=320, unique=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    runtime_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    synopsis = models.TextField(blank=True, max_length=10_000)
    tagline = models.CharField(
        max_length=300, blank=True, help_text="The distributor's marketing line (from TMDB)."
    )
    poster_url = models.URLField(blank=True, max_length=500)
    imdb_id = models.CharField(max_length=12, unique=True, null=True, blank=True)
    tmdb_id = models.PositiveIntegerField(unique=True, null=True, blank=True)
    movielens_id = models.PositiveIntegerField(unique=True, null=True, blank=True)
    genres = models.ManyToManyField(Genre, related_name="films", blank=True)
    keywords = models.ManyToManyField(Keyword, related_name="films", blank=True)
    match_key = models.CharField(max_length=300, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "year"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:film", args=[self.slug])


class AlternateTitle(models.Model):
    """Another title a film goes by: a translation, a working title, a regional release."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="alternate_titles")
    title = models.CharField(max_length=300)
    language = models.CharField(max_length=12, blank=True)
    region = models.CharField(max_length=12, blank=True)
    match_key = models.CharField(max_length=300, db_index=True, editable=False)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "title", "region"], name="unique_alternate_title"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Person(models.Model):
    """Someone credited on a film: director, writer, actor, or author of a source work."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    imdb_id = models.CharField(max_length=12, unique=True, null=True, blank=True)
    tmdb_id = models.PositiveIntegerField(unique=True, null=True, blank=True)
    match_key = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:person", args=[self.slug])


class PersonAlias(models.Model):
    """Another spelling of a person's name (transliteration, birth name, common misspelling)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    match_key = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="unique_alias")]

    def __str__(self) -> str:
        return self.name


class Credit(models.Model):
    """A person's part in a film. Cast credits are ordered by billing."""

    class Role(models.TextChoices):
        DIRECTOR = "director", "Director"
        WRITER = "writer", "Writer"
        CAST = "cast", "Cast"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=12, choices=Role.choices)
    character = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["role", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["film", "person", "role"], name="unique_credit")
        ]
        indexes = [models.Index(fields=["film", "role", "order"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}) in {self.film}"


class SourceMaterial(models.Model):
    """What a film is based on: a novel, a play, a true story, with its author when known."""

    class Kind(models.TextChoices):
        NOVEL = "novel", "Novel"
        SHORT_STORY = "short story", "Short story"
        PLAY = "play", "Play"
        COMIC = "comic", "Comic"
        MEMOIR = "memoir", "Memoir"
        ARTICLE = "article", "Article"
        OTHER = "other", "Other"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NOVEL)
    author = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="source_works"
    )

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        by = f" by {self.author}" if self.author else ""
        return f"{self.get_kind_display()}: {self.title}{by}"
