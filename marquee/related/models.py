"""How films relate: relations staff record, and the neighbours Marquee computes.

"Based on" a novel or a play is ``catalog.SourceMaterial`` (with its author); the relations here
are between two films of the catalog. ``SimilarFilm`` and ``PossibleInfluence`` are derived
tables, replaced whole by each rebuild (``services.similar_rebuild``); dismissals and confirmed
relations are people's decisions and survive rebuilds.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from marquee.catalog.models import Film


class FilmRelation(models.Model):
    """``from_film`` is a remake of, a sequel to, or inspired by ``to_film``."""

    class Kind(models.TextChoices):
        REMAKE_OF = "remake_of", "Remake of"
        SEQUEL_OF = "sequel_of", "Sequel to"
        INSPIRED_BY = "inspired_by", "Inspired by"

    # How the relation reads from the other film's page.
    REVERSE_LABELS = {
        Kind.REMAKE_OF: "Remade as",
        Kind.SEQUEL_OF: "Followed by",
        Kind.INSPIRED_BY: "Inspiration for",
    }

    from_film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="relations_out")
    to_film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    note = models.TextField(blank=True, max_length=2000)
    source = models.CharField(
        max_length=500,
        blank=True,
        help_text="Where the claim comes from: a URL or a citation. Required for 'inspired by'.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "to_film__year", "to_film__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_film", "to_film", "kind"],
                name="unique_film_relation",
                violation_error_message=(
                    "This relation between these two films is already recorded."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(from_film=F("to_film")),
                name="film_relation_not_to_itself",
                violation_error_message="A film cannot be related to itself.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_film} — {self.get_kind_display().lower()} {self.to_film}"

    @property
    def reverse_label(self) -> str:
        return self.REVERSE_LABELS[self.kind]

    @property
    def source_is_link(self) -> bool:
        return self.source.startswith(("https://", "http://"))

    def clean(self) -> None:
        if not (self.from_film_id and self.to_film_id):
            return
        if self.from_film_id == self.to_film_id:
            raise ValidationError({"to_film": "A film cannot be related to itself."})
        if self.kind == self.Kind.INSPIRED_BY and not self.source.strip():
            raise ValidationError(
                {"source": "Say where the claim comes from: a URL or a citation."}
            )
        later, earlier = self.from_film, self.to_film
        if later.year and earlier.year and later.year < earlier.year:
            raise ValidationError(
                {
                    "to_film": (
                        f"{later} cannot be {self.get_kind_display().lower()} {earlier}: "
                        f"it came out {earlier.year - later.year} year(s) before it."
                    )
                }
            )
        mirror = FilmRelation.objects.filter(
            from_film_id=self.to_film_id, to_film_id=self.from_film_id, kind=self.kind
        )
        if mirror.exists():
            raise ValidationError(
                {
                    "to_film": (
                        f"{earlier} is already recorded as {self.get_kind_display().lower()} "
                        f"{later}; the relation cannot go both ways."
                    )
                }
            )


class SimilarFilm(models.Model):
    """One of a film's precomputed "more like this" neighbours, ``rank`` 1 the closest.

    ``why`` holds what explains it: shared ``keywords``, ``genres`` and distinctive ``terms``,
    and ``co_likers``, the readers who liked both.
    """

    # The (film, rank) constraint's index serves the page's read; no second index on film.
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+", db_index=False)
    other = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    story_score = models.FloatField()
    ratings_score = models.FloatField()
    why = models.JSONField(default=dict)

    class Meta:
        ordering = ["film", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["film", "rank"], name="unique_similar_film_rank")
        ]

    def __str__(self) -> str:
        return f"{self.film_id} ~ {self.other_id} (#{self.rank})"


class PossibleInfluence(models.Model):
    """A strictly earlier film with one of the closest stories: a suggestion for critics."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+", db_index=False)
    earlier = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    why = models.JSONField(default=dict)

    class Meta:
        ordering = ["film", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["film", "rank"], name="unique_possible_influence_rank")
        ]

    def __str__(self) -> str:
        return f"{self.film_id} <- {self.earlier_id} (#{self.rank})"


class InfluenceDismissal(models.Model):
    """A critic said ``earlier`` is not an influence on ``film``: never suggest it again."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    earlier = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["film", "earlier"], name="unique_influence_dismissal")
        ]

    def __str__(self) -> str:
        return f"{self.earlier} is not an influence on {self.film}"


class SimilarityBuild(models.Model):
    """When the neighbour tables were last rebuilt, and from what (one row, replaced each time)."""

    built_at = models.DateTimeField()
    films = models.PositiveIntegerField()
    films_with_story = models.PositiveIntegerField()
    similar_rows = models.PositiveIntegerField()
    influence_rows = models.PositiveIntegerField()
    models_version = models.CharField(max_length=40, blank=True)
    seconds = models.FloatField()

    def __str__(self) -> str:
        return f"Similar films built {self.built_at:%Y-%m-%d %H:%M}"
