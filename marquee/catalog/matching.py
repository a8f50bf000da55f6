"""Normalizing titles and names so text written by people finds the right catalog entry."""

from __future__ import annotations

import re
import unicodedata

from django.db.models import Model
from django.utils.text import slugify

# Leading articles dropped when matching, so "The Thing" and "Thing, The" and "thing" agree.
_ARTICLES = (
    "the", "a", "an", "le", "la", "les", "l", "el", "los", "las", "il", "lo", "gli", "der",
    "die", "das", "den", "het", "de",
)  # fmt: skip
_ARTICLE_ALTERNATIVES = "|".join(_ARTICLES)
_ARTICLE_PREFIX = re.compile(rf"^(?:{_ARTICLE_ALTERNATIVES})\s+")
_TRAILING_ARTICLE = re.compile(rf",\s*(?:{_ARTICLE_ALTERNATIVES})$")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase, strip accents and turn every run of punctuation or space into one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = without_marks.replace("&", " and ").casefold()
    lowered = lowered.replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub(" ", lowered).replace("_", " ").strip()


def title_match_key(title: str) -> str:
    """The key two spellings of one title share: no accents, case, punctuation or article."""
    stripped = title.strip()
    stripped = _TRAILING_ARTICLE.sub("", stripped.casefold())
    folded = fold(stripped)
    return _ARTICLE_PREFIX.sub("", folded) or folded


def name_match_key(name: str) -> str:
    """The key two spellings of one person's name share (accents, case, punctuation)."""
    return fold(name)


def unique_slug(
    model: type[Model], base: str, *, max_length: int = 200, reserved: frozenset[str] = frozenset()
) -> str:
    """A slug for ``base`` not yet used by ``model``: ``base``, then ``base-2``, ``base-3``..."""
    root = slugify(base)[:max_length].strip("-") or "untitled"
    candidate, counter = root, 2
    while candidate in reserved or model._default_manager.filter(slug=candidate).exists():
        candidate = f"{root}-{counter}"
        counter += 1
    return candidate
