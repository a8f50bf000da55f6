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
# Elided articles: "L'Avventura" and "Avventura, L'" are both "avventura".
_ELIDED_PREFIX = re.compile(r"^l['\u2019]\s*(?=\w)")
_ELIDED_TRAILING = re.compile(r",\s*l['\u2019]$")
# "8½" is "8 1/2": a vulgar fraction gets its own word before NFKD spells it out.
_VULGAR_FRACTION = re.compile(r"\s*([\u00bc-\u00be\u2150-\u215e])")


def fold(text: str) -> str:
    """Lowercase, strip accents and turn every run of punctuation or space into one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = without_marks.replace("&", " and ").casefold()
    lowered = lowered.replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub(" ", lowered).replace("_", " ").strip()


def title_match_key(title: str) -> str:
    """The key two spellings of one title share: no accents, case, punctuation or article."""
    stripped = _VULGAR_FRACTION.sub(r" \1", title.strip().casefold())
    stripped = _TRAILING_ARTICLE.sub("", stripped)
    stripped = _ELIDED_PREFIX.sub("", _ELIDED_TRAILING.sub("", stripped))
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
