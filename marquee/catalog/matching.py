"""Normalizing titles and names so text written by people finds the right catalog entry."""

from __future__ import annotations

import re
import string
import unicodedata

from django.db.models import Model
from django.utils.text import slugify

# Leading articles dropped when matching, so "The Thing" and "Thing, The" and "thing" agree.
_ARTICLES = (
    "the", "a", "an", "le", "la", "les", "l", "el", "los", "las", "il", "lo", "gli", "der",
    "die", "das", "den", "het", "de",
)  # fmt: skip
_ARTICLE_SET = frozenset(_ARTICLES)
_ARTICLE_ALTERNATIVES = "|".join(_ARTICLES)
_TRAILING_ARTICLE = re.compile(rf",\s*(?:{_ARTICLE_ALTERNATIVES})$")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# Elided articles: "L'Avventura" and "Avventura, L'" are both "avventura".
_ELIDED_PREFIX = re.compile(r"^l['\u2019]\s*(?=\w)")
_ELIDED_TRAILING = re.compile(r",\s*l['\u2019]$")
# "8½" is "8 1/2": a vulgar fraction gets its own word before NFKD spells it out.
_VULGAR_FRACTION = re.compile(r"\s*([\u00bc-\u00be\u2150-\u215e])")
# Looking for the fraction alone is far quicker than trying the substitution at every space.
_HAS_VULGAR_FRACTION = re.compile(r"[\u00bc-\u00be\u2150-\u215e]")

# Almost every title and name is plain ASCII, which needs no Unicode work: "&" is spelled out,
# then one bytes.translate lowercases, drops apostrophes and blanks every other non-word
# character (regex \w on ASCII is letters, digits and "_"), and split/join squeezes the blanks.
# bytes.translate is a plain table lookup, several times quicker than str.translate.
_ASCII_WORD = frozenset((string.ascii_letters + string.digits + "_").encode())
_ASCII_FOLD = bytes(
    ord(chr(code).lower()) if code in _ASCII_WORD or code > 127 else ord(" ") for code in range(256)
)


class _CombiningMarks(dict):
    """A str.translate table that deletes combining marks, filled in as characters turn up."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _CombiningMarks()


def _fold_ascii(text: str) -> str:
    """``fold`` for ASCII text."""
    spaced = text.replace("&", " and ").encode("ascii").translate(_ASCII_FOLD, b"'")
    return b" ".join(spaced.split()).replace(b"_", b" ").strip().decode("ascii")


def fold(text: str) -> str:
    """Lowercase, strip accents and turn every run of punctuation or space into one space."""
    if text.isascii():
        return _fold_ascii(text)
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = decomposed.translate(_WITHOUT_MARKS)
    if without_marks.isascii():  # "Amélie" once its accent is gone
        return _fold_ascii(without_marks)
    lowered = without_marks.replace("&", " and ").casefold()
    lowered = lowered.replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub(" ", lowered).replace("_", " ").strip()


def _without_leading_article(folded: str) -> str:
    # Folded text is words between spaces (only spaces: every other non-word character became
    # one), so the first word is the only candidate article.
    first, space, rest = folded.partition(" ")
    if space and first in _ARTICLE_SET:
        return rest.lstrip(" ") or folded
    return folded


def _without_elided_and_trailing_articles(lowered: str) -> str:
    if "," in lowered:
        lowered = _ELIDED_TRAILING.sub("", _TRAILING_ARTICLE.sub("", lowered))
    if lowered.startswith("l"):
        lowered = _ELIDED_PREFIX.sub("", lowered)
    return lowered


def _fraction_spaced(text: str) -> str:
    if _HAS_VULGAR_FRACTION.search(text):
        return _VULGAR_FRACTION.sub(r" \1", text)
    return text


def title_match_key(title: str) -> str:
    """The key two spellings of one title share: no accents, case, punctuation or article."""
    if title.isascii():  # no vulgar fractions, and lower() is casefold()
        lowered = title.strip().lower()
        return _without_leading_article(_fold_ascii(_without_elided_and_trailing_articles(lowered)))
    lowered = _fraction_spaced(title.strip().casefold())
    return _without_leading_article(fold(_without_elided_and_trailing_articles(lowered)))


def title_search_key(fragment: str) -> str:
    """A piece of a title folded as ``title_match_key`` folds it, articles kept.

    For looking a typed fragment up inside stored match keys: "amelie" and "AMÉLIE" both become
    "amelie". A leading article stays, since inside a title "the" is an ordinary word.
    """
    return fold(_fraction_spaced(fragment.strip().casefold()))


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
