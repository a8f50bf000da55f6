"""What a film, a person or a published review looks like to search: the fields of its document.

Plain functions from catalog and review objects to ``SearchDocument`` field values, shared by
the index updates on save (``services``) and the full rebuild.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable

from django.utils.html import strip_tags

from marquee.catalog.matching import title_match_key
from marquee.catalog.models import Credit, Film, Person
from marquee.reviews.models import Review
from marquee.search.models import SearchDocument

Kind = SearchDocument.Kind
SEPARATOR = "\n"  # between the items of a field (titles, names): a phrase never spans two
MAX_TEXT_CHARS = 60_000  # a review body may be 100,000 characters; the rest adds little
CAST_INDEXED = 10  # top-billed actors that make a film findable by name
_SPACES = re.compile(r"[ \t\r\f\v]+")


def _join(items: Iterable[str]) -> str:
    return SEPARATOR.join(dict.fromkeys(item.strip() for item in items if item and item.strip()))


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(_SPACES.sub(" ", part).strip() for part in parts if part and part.strip())


def film_fields(film: Film) -> dict:
    """The document of a film: titles, its directors and top cast, genres and keywords, story."""
    credits = sorted(film.credits.all(), key=lambda c: (c.role != Credit.Role.DIRECTOR, c.order))
    people = [
        c.person.name
        for c in credits
        if c.role == Credit.Role.DIRECTOR or (c.role == Credit.Role.CAST and c.order < CAST_INDEXED)
    ]
    keywords = film.keywords.all()
    titles = [film.original_title] + [alt.title for alt in film.alternate_titles.all()]
    return {
        "kind": Kind.FILM,
        "object_id": film.pk,
        "film_id": film.pk,
        "verdict_id": None,
        "year": film.year,
        "title": film.title,
        "title_key": title_match_key(film.title),
        "other_titles": _join(t for t in titles if t != film.title),
        "people": _join(people),
        "keywords": _join([*(g.name for g in film.genres.all()), *(k.name for k in keywords)]),
        "text": _paragraphs(film.tagline, film.synopsis)[:MAX_TEXT_CHARS],
        "url": film.get_absolute_url(),
    }


def person_fields(person: Person) -> dict:
    """The document of a person: the name and the other spellings of it."""
    return {
        "kind": Kind.PERSON,
        "object_id": person.pk,
        "film_id": None,
        "verdict_id": None,
        "year": None,
        "title": person.name,
        "title_key": title_match_key(person.name),
        "other_titles": _join(alias.name for alias in person.aliases.all()),
        "people": "",
        "keywords": "",
        "text": "",
        "url": person.get_absolute_url(),
    }


def review_fields(review: Review) -> dict:
    """The document of a published review: its film's title, the critic, verdict and its text."""
    body = html.unescape(strip_tags(review.body_html or review.body))
    film = review.film
    return {
        "kind": Kind.REVIEW,
        "object_id": review.pk,
        "film_id": film.pk,
        "verdict_id": review.verdict_id,
        "year": film.year,
        "title": film.title,
        "title_key": title_match_key(film.title),
        "other_titles": "",
        "people": review.author.public_name,
        "keywords": review.verdict.name,
        "text": _paragraphs(review.tagline, review.setup, body, review.should_watch)[
            :MAX_TEXT_CHARS
        ],
        "url": review.get_absolute_url(),
    }


def meaning_text(document: SearchDocument) -> str:
    """The text whose meaning a document's vector holds; empty for people (nothing to mean)."""
    if document.kind == Kind.PERSON:
        return ""
    if document.kind == Kind.FILM:
        return _paragraphs(document.title, document.text, document.keywords.replace("\n", ", "))
    return _paragraphs(document.title, document.text)


def text_hash(model_name: str, text: str) -> str:
    """Changes when the text or the model does, so only stale vectors are computed again."""
    return hashlib.sha256(f"{model_name}\0{text}".encode()).hexdigest()
