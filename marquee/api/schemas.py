"""What the API reads and writes, as typed schemas (they make the OpenAPI document).

Ratings travel as ``stars`` (0.5 to 5 in halves), the way people write them; the database keeps
whole half-stars (1 to 10), and the conversion happens here and nowhere else. JSON bodies are
read strictly where lax parsing would accept the wrong type (``true`` as 1 star, say).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Schema

from marquee.catalog.models import Credit, Film
from marquee.catalog.selectors import person_filmography
from marquee.imports.jobs import import_job_progress
from marquee.reviews.services import SETUP_MAX_CHARS, SHOULD_WATCH_MAX_CHARS, TAGLINE_MAX_CHARS
from marquee.reviews.structured_data import absolute_url

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
USERNAME_PATTERN = r"^[\w.@+-]+$"
MAX_ID = 2**63 - 1

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=340)]
Stars = Annotated[
    float,
    Field(ge=0.5, le=5, multiple_of=0.5, strict=True, description="0.5 to 5, in halves."),
]


def stars_from_half_stars(half_stars: int | None) -> float | None:
    return None if half_stars is None else half_stars / 2


def half_stars_from_stars(stars: float) -> int:
    return round(stars * 2)


# -- catalog ----------------------------------------------------------------------------------


class GenreOut(Schema):
    name: str
    slug: str


class PersonRef(Schema):
    id: int
    slug: str
    name: str


class FilmRef(Schema):
    id: int
    slug: str
    title: str
    year: int | None


class FilmSummary(FilmRef):
    original_title: str
    genres: list[GenreOut]
    directors: list[PersonRef] = Field(description="In billing order.")
    url: str = Field(description="The film's page on the site.")

    @staticmethod
    def resolve_genres(film: Film) -> list:
        return list(film.genres.all())

    @staticmethod
    def resolve_directors(film: Film) -> list:
        return _people(film, Credit.Role.DIRECTOR)

    @staticmethod
    def resolve_url(film: Film) -> str:
        return absolute_url(film.get_absolute_url())


def _people(film: Film, role: str) -> list:
    # Filters the prefetched credits in Python, so a page of films costs no query per film.
    credits = sorted(
        (c for c in film.credits.all() if c.role == role), key=lambda c: (c.order, c.pk)
    )
    return [c.person for c in credits]


class CastCredit(Schema):
    person: PersonRef
    character: str
    order: int


class FilmDetail(FilmSummary):
    original_language: str
    runtime_minutes: int | None
    synopsis: str
    tagline: str
    poster_url: str
    imdb_id: str | None
    tmdb_id: int | None
    writers: list[PersonRef]
    cast: list[CastCredit]
    alternate_titles: list[str]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_writers(film: Film) -> list:
        return _people(film, Credit.Role.WRITER)

    @staticmethod
    def resolve_cast(film: Film) -> list:
        return sorted(
            (c for c in film.credits.all() if c.role == Credit.Role.CAST),
            key=lambda c: (c.order, c.pk),
        )

    @staticmethod
    def resolve_alternate_titles(film: Film) -> list[str]:
        return [alternate.title for alternate in film.alternate_titles.all()]


class PersonSummary(PersonRef):
    url: str = Field(description="The person's page on the site.")

    @staticmethod
    def resolve_url(person: Any) -> str:
        return absolute_url(person.get_absolute_url())


class FilmographyCredit(Schema):
    film: FilmRef
    role: str
    character: str


class PersonDetail(PersonSummary):
    imdb_id: str | None
    tmdb_id: int | None
    aliases: list[str]
    credits: list[FilmographyCredit] = Field(description="Newest film first.")

    @staticmethod
    def resolve_aliases(person: Any) -> list[str]:
        return [alias.name for alias in person.aliases.all()]

    @staticmethod
    def resolve_credits(person: Any) -> list:
        return list(person_filmography(person))


# -- reviews ----------------------------------------------------------------------------------


class AuthorOut(Schema):
    username: str
    name: str = Field(description="The name shown on the site.")

    @staticmethod
    def resolve_name(user: Any) -> str:
        return user.public_name


class VerdictOut(Schema):
    slug: str
    name: str
    position: int = Field(description="1 is the best verdict.")
    description: str


class ReviewSummary(Schema):
    id: int
    slug: str
    film: FilmRef
    author: AuthorOut
    verdict: VerdictOut
    tagline: str
    status: str = Field(description="draft or published")
    published_at: datetime | None
    updated_at: datetime
    url: str = Field(description="The review's page on the site.")

    @staticmethod
    def resolve_url(review: Any) -> str:
        return absolute_url(review.get_absolute_url())


class ReviewDetail(ReviewSummary):
    setup: str = Field(description="The Setup.")
    body: str = Field(description="Markdown.")
    body_html: str = Field(description="The body rendered to sanitized HTML.")
    should_watch: str = Field(description="Should you watch it?")
    created_at: datetime


class ReviewCreate(Schema):
    film: Slug = Field(description="The film's slug (see /films).")
    verdict: Slug = Field(description="The verdict's slug (see /verdicts).")
    tagline: str = Field(min_length=1, max_length=TAGLINE_MAX_CHARS)
    setup: str = Field(min_length=1, max_length=SETUP_MAX_CHARS)
    body: str = Field(min_length=1, description="Markdown.")
    should_watch: str = Field(min_length=1, max_length=SHOULD_WATCH_MAX_CHARS)
    publish: bool = Field(False, strict=True, description="Publish now rather than save a draft.")


class ReviewUpdate(Schema):
    verdict: Slug | None = None
    tagline: str | None = Field(None, min_length=1, max_length=TAGLINE_MAX_CHARS)
    setup: str | None = Field(None, min_length=1, max_length=SETUP_MAX_CHARS)
    body: str | None = Field(None, min_length=1)
    should_watch: str | None = Field(None, min_length=1, max_length=SHOULD_WATCH_MAX_CHARS)


# -- comments ---------------------------------------------------------------------------------


class CommentReply(Schema):
    id: int
    author: str = Field(description="The commenter's public name.")
    author_username: str | None = Field(description="Null for comments imported without one.")
    body: str
    status: str = Field(description="approved, or pending while it awaits moderation")
    created_at: datetime
    parent: int | None

    @staticmethod
    def resolve_author(comment: Any) -> str:
        return comment.display_name

    @staticmethod
    def resolve_author_username(comment: Any) -> str | None:
        return comment.author.username if comment.author_id else None

    @staticmethod
    def resolve_parent(comment: Any) -> int | None:
        return comment.parent_id


class CommentOut(CommentReply):
    replies: list[CommentReply]

    @staticmethod
    def resolve_replies(comment: Any) -> list:
        return list(comment.replies.all())


class CommentCreate(Schema):
    body: str = Field(min_length=1, description="Plain text.")
    parent: int | None = Field(
        None, ge=1, le=MAX_ID, strict=True, description="The comment replied to."
    )


# -- the caller's own -------------------------------------------------------------------------


class RatingOut(Schema):
    film: FilmRef
    stars: float
    rated_at: datetime
    source: str

    @staticmethod
    def resolve_stars(rating: Any) -> float:
        return rating.half_stars / 2


class RatingIn(Schema):
    stars: Stars


class DiaryEntryOut(Schema):
    id: int
    film: FilmRef
    watched_on: date
    rewatch: bool
    stars: float | None
    tags: list[str]
    note: str
    source: str
    created_at: datetime

    @staticmethod
    def resolve_stars(entry: Any) -> float | None:
        return stars_from_half_stars(entry.half_stars)


class DiaryEntryIn(Schema):
    film: Slug = Field(description="The film's slug.")
    watched_on: date
    rewatch: bool = Field(False, strict=True)
    stars: Stars | None = None
    tags: list[str] = Field(default_factory=list)
    note: str = ""


class WatchlistEntryOut(Schema):
    film: FilmRef
    added_at: datetime
    source: str


class ImportJobOut(Schema):
    id: int
    format: str
    original_name: str
    status: str = Field(description="queued, running, done or failed")
    create_missing: bool
    dry_run: bool
    done: int = Field(description="Items imported so far.")
    total: int = Field(description="Items in the file (0 until it has been read).")
    percent: int
    report: dict[str, Any] | None = Field(description="What changed, once done.")
    error: str
    created_at: datetime
    finished_at: datetime | None

    @staticmethod
    def resolve_done(job: Any) -> int:
        return import_job_progress(job)[0]

    @staticmethod
    def resolve_total(job: Any) -> int:
        return import_job_progress(job)[1]

    @staticmethod
    def resolve_percent(job: Any) -> int:
        if job.is_finished:
            return 100
        done, total = import_job_progress(job)
        return int(100 * done / total) if total else 0


class TokenOut(Schema):
    name: str
    scope: str = Field(description="read or write")
    prefix: str = Field(description="The token's first characters.")
    created_at: datetime
    last_used_at: datetime | None


class MeOut(Schema):
    username: str
    name: str
    is_critic: bool
    is_staff: bool
    can_write_reviews: bool
    token: TokenOut | None = Field(description="The token this request used, if any.")


class SearchResults(Schema):
    query: str
    films: list[FilmRef]
    people: list[PersonSummary]
    reviews: list[ReviewSummary]
