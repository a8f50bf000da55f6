"""Reads: a film's relations both ways, "more like this", possible influences, story texts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.db.models import Exists, OuterRef, Q

from marquee.catalog.models import Film
from marquee.related.models import (
    FilmRelation,
    InfluenceDismissal,
    PossibleInfluence,
    SimilarFilm,
    SimilarityBuild,
)
from marquee.related.story import FilmText
from marquee.reviews.models import Review

MORE_LIKE_THIS_ON_FILM_PAGE = 6
INFLUENCES_ON_FILM_PAGE = 5


@dataclass(frozen=True)
class RelationLine:
    """One relation as it reads on ``film``'s page: "Remake of X" or "Remade as Y"."""

    label: str
    other: Film
    relation: FilmRelation


@dataclass(frozen=True)
class Suggestion:
    """A film suggested next to another, with what explains it."""

    film: Film
    score: float
    why: str
    story_score: float = 0.0
    ratings_score: float = 0.0
    shared: dict | None = None

    def to_dict(self) -> dict:
        return {
            "title": self.film.title,
            "year": self.film.year,
            "score": round(self.score, 4),
            "why": self.why,
            "story_score": round(self.story_score, 4),
            "ratings_score": round(self.ratings_score, 4),
        }


def _listed(items: list[str]) -> str:
    return ", ".join(items)


def why_text(why: dict, *, film: Film) -> str:
    """One readable line from a stored ``why``: shared keywords, genres, terms, co-likers."""
    parts = []
    if why.get("keywords"):
        parts.append(f"shared keywords: {_listed(why['keywords'])}")
    if why.get("terms"):
        parts.append(f"both mention {_listed(why['terms'])}")
    if why.get("genres"):
        parts.append(f"both {_listed(why['genres'])}")
    co_likers = int(why.get("co_likers") or 0)
    if co_likers == 1:
        parts.append(f"a reader who liked {film.title} liked this too")
    elif co_likers > 1:
        parts.append(f"{co_likers} readers who liked {film.title} liked this too")
    text = "; ".join(parts) or "close in story and ratings"
    return text[0].upper() + text[1:]


def relations_of(film: Film) -> list[RelationLine]:
    """Every recorded relation of ``film``, both directions, each worded from its side."""
    relations = FilmRelation.objects.filter(Q(from_film=film) | Q(to_film=film)).select_related(
        "from_film", "to_film"
    )
    lines = []
    for relation in relations:
        if relation.from_film_id == film.pk:
            lines.append(RelationLine(relation.get_kind_display(), relation.to_film, relation))
        else:
            lines.append(RelationLine(relation.reverse_label, relation.from_film, relation))
    return lines


def more_like_this(film: Film, *, limit: int = MORE_LIKE_THIS_ON_FILM_PAGE) -> list[Suggestion]:
    """The film's precomputed neighbours, closest first: one indexed query."""
    rows = (
        SimilarFilm.objects.filter(film=film)
        .select_related("other")
        .only(
            "score",
            "story_score",
            "ratings_score",
            "why",
            "other__title",
            "other__year",
            "other__slug",
        )
        .order_by("rank")[:limit]
    )
    return [
        Suggestion(
            film=row.other,
            score=row.score,
            why=why_text(row.why, film=film),
            story_score=row.story_score,
            ratings_score=row.ratings_score,
            shared=row.why,
        )
        for row in rows
    ]


def possible_influences(film: Film, *, limit: int = INFLUENCES_ON_FILM_PAGE) -> list[Suggestion]:
    """Earlier films with the closest stories, less those dismissed or already recorded."""
    dismissed = InfluenceDismissal.objects.filter(film=film, earlier=OuterRef("earlier"))
    recorded = FilmRelation.objects.filter(
        from_film=film, to_film=OuterRef("earlier"), kind=FilmRelation.Kind.INSPIRED_BY
    )
    rows = (
        PossibleInfluence.objects.filter(film=film)
        .exclude(Exists(dismissed))
        .exclude(Exists(recorded))
        .select_related("earlier")
        .order_by("rank")[:limit]
    )
    return [
        Suggestion(
            film=row.earlier,
            score=row.score,
            why=why_text(row.why, film=film),
            story_score=row.score,
            shared=row.why,
        )
        for row in rows
    ]


def influence_for(film: Film, earlier: Film) -> PossibleInfluence | None:
    return PossibleInfluence.objects.filter(film=film, earlier=earlier).first()


def latest_build() -> SimilarityBuild | None:
    return SimilarityBuild.objects.order_by("-built_at").first()


@dataclass(frozen=True)
class CatalogStories:
    """Every film's pk, year (0 when unknown), title and story text, in pk order."""

    pks: np.ndarray
    years: np.ndarray
    titles: list[str]
    texts: list[FilmText]


def catalog_stories() -> CatalogStories:
    """What the story index is built from: synopsis, tagline, keywords, genres and the text of
    each film's published reviews."""
    films = list(
        Film.objects.order_by("pk").values_list("pk", "year", "title", "synopsis", "tagline")
    )
    keywords: dict[int, list[str]] = defaultdict(list)
    for film_id, name in Film.keywords.through.objects.values_list("film_id", "keyword__name"):
        keywords[film_id].append(name)
    genres: dict[int, list[str]] = defaultdict(list)
    for film_id, name in Film.genres.through.objects.values_list("film_id", "genre__name"):
        genres[film_id].append(name)
    reviews: dict[int, list[str]] = defaultdict(list)
    published = Review.objects.published().values_list(
        "film_id", "tagline", "setup", "body", "should_watch"
    )
    for film_id, *texts in published.iterator(chunk_size=2000):
        reviews[film_id].extend(texts)
    return CatalogStories(
        pks=np.array([row[0] for row in films], dtype=np.int64),
        years=np.array([row[1] or 0 for row in films], dtype=np.int64),
        titles=[row[2] for row in films],
        texts=[
            FilmText(
                text="\n".join([synopsis, tagline, *reviews.get(pk, [])]),
                keywords=keywords.get(pk, []),
                genres=genres.get(pk, []),
            )
            for pk, _, _, synopsis, tagline in films
        ],
    )
