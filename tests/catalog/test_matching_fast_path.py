"""The quick match keys are exactly the keys the first, character-at-a-time version made.

Stored keys (films, alternate titles, people, aliases) were all written by the old functions,
so a key that changed by one character would stop a film being found. The old implementation
is frozen here and every new key is compared with it.
"""

import csv
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from marquee.catalog.matching import fold, name_match_key, title_match_key

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"

# --- The implementation before the fast path, frozen (do not "improve" it) -----------------
_ARTICLES = (
    "the", "a", "an", "le", "la", "les", "l", "el", "los", "las", "il", "lo", "gli", "der",
    "die", "das", "den", "het", "de",
)  # fmt: skip
_ARTICLE_ALTERNATIVES = "|".join(_ARTICLES)
_ARTICLE_PREFIX = re.compile(rf"^(?:{_ARTICLE_ALTERNATIVES})\s+")
_TRAILING_ARTICLE = re.compile(rf",\s*(?:{_ARTICLE_ALTERNATIVES})$")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_ELIDED_PREFIX = re.compile(r"^l['\u2019]\s*(?=\w)")
_ELIDED_TRAILING = re.compile(r",\s*l['\u2019]$")
_VULGAR_FRACTION = re.compile(r"\s*([\u00bc-\u00be\u2150-\u215e])")


def old_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = without_marks.replace("&", " and ").casefold()
    lowered = lowered.replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub(" ", lowered).replace("_", " ").strip()


def old_title_match_key(title: str) -> str:
    stripped = _VULGAR_FRACTION.sub(r" \1", title.strip().casefold())
    stripped = _TRAILING_ARTICLE.sub("", stripped)
    stripped = _ELIDED_PREFIX.sub("", _ELIDED_TRAILING.sub("", stripped))
    folded = old_fold(stripped)
    return _ARTICLE_PREFIX.sub("", folded) or folded


def old_name_match_key(name: str) -> str:
    return old_fold(name)


# --- Text shaped like titles and names, and then any text at all ---------------------------
PIECES = [
    *("The ", "the ", "THE ", "A ", "An ", "Le ", "La ", "Les ", "Die ", "Das ", "El ", "Il "),
    *("L'", "l'", "L’", "l’", "L' ", ", The", ", the", ",The", ", L'", ", L’", ", Les", ", a"),
    *("8½", "½", "¼", "¾", "⅓", "⅞", " ½", "1/2", "II", "IV", "XIII", "Ⅻ", "ⅳ", "Part III"),
    *(" ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\u00a0", "\u2003", "\u3000"),
    *(",", ".", ":", "-", "–", "—", "!", "?", "(", ")", "'", "’", "‘", '"', "&", "_", "__", "/"),
    *("%", "#", "*", "@", "\x00", "\x7f", "…", "·", "«", "»", "¿"),
    *("0", "7", "1977", "²", "①", "٣"),
    *("amélie", "AMÉLIE", "Ame\u0301lie", "ß", "ẞ", "İ", "ı", "ﬁ", "Å", "Ø", "ŉ", "ǰ", "ΐ"),
    *("Æ", "œ", "Ł", "ð", "Þ", "\u0301", "\u0308", "\u20dd", "\u200b", "\u200d", "\ufeff"),
    *("千と千尋の神隠し", "Жизнь", "ё", "Ελένη", "שלום", "عربى", "한국", "🎬"),
    *("Thing", "Matrix", "Avventura", "Atalante", "Pan's", "Fast", "Furious", "lo", "de", "x"),
]
title_like = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=8).map("".join)
any_text = st.text() | title_like


@settings(max_examples=1000, deadline=None)
@given(any_text)
@example("8½")
@example("The Matrix")
@example("Matrix, The")
@example("L'Avventura")
@example("Avventura, L’")
@example("Les Misérables")
@example("the _x")
@example("_The_ Thing_")
@example("Fast & Furious")
@example("The")
@example(", the")
def test_title_keys_are_unchanged(text):
    assert title_match_key(text) == old_title_match_key(text)


@settings(max_examples=1000, deadline=None)
@given(any_text)
@example("Penélope Cruz")
@example("Stanisław Lem")
@example("_a_ b__")
def test_name_keys_and_fold_are_unchanged(text):
    assert name_match_key(text) == old_name_match_key(text)
    assert fold(text) == old_fold(text)


def test_every_pair_of_ascii_characters_keeps_its_keys():
    ascii_chars = [chr(code) for code in range(128)]
    for first in ascii_chars:
        for second in ascii_chars:
            text = first + second
            assert title_match_key(text) == old_title_match_key(text), repr(text)
            assert name_match_key(text) == old_name_match_key(text), repr(text)


def test_every_character_of_the_basic_plane_keeps_its_keys():
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        for text in (chr(code), f"The {chr(code)}e, L'"):
            assert title_match_key(text) == old_title_match_key(text), repr(text)
            assert name_match_key(text) == old_name_match_key(text), repr(text)


def test_accented_text_with_marks_from_beyond_the_basic_plane():
    # Combining marks exist outside the BMP too (musical symbols, Adlam...).
    for code in (0x1D165, 0x1D167, 0x1E944, 0x1E94A, 0x1F3AC, 0x20000, 0xE0100, 0x10FFFF):
        text = f"Ame{chr(code)}\u0301lie"
        assert title_match_key(text) == old_title_match_key(text), repr(text)
        assert name_match_key(text) == old_name_match_key(text), repr(text)


def _shared_titles_and_names() -> tuple[list[str], list[str]]:
    titles, names = [], []
    movies = DATA / "ml-latest-small" / "movies.csv"
    if movies.exists():
        with movies.open(newline="", encoding="utf-8") as rows:
            titles += [row["title"] for row in csv.DictReader(rows)]
    tmdb = DATA / "tmdb-5000" / "tmdb_5000_movies.csv"
    if tmdb.exists():
        with tmdb.open(newline="", encoding="utf-8") as rows:
            for row in csv.DictReader(rows):
                titles += [row["title"], row["original_title"]]
                # No people in this file: company names and keywords stand in for names.
                for column in ("production_companies", "keywords"):
                    names += [item["name"] for item in json.loads(row[column] or "[]")]
    return titles, names


def test_every_title_and_name_in_the_shared_data_keeps_its_key():
    titles, names = _shared_titles_and_names()
    if not titles:
        pytest.skip(f"no MovieLens or TMDB files under {DATA}")
    for title in titles:
        assert title_match_key(title) == old_title_match_key(title), title
        assert name_match_key(title) == old_name_match_key(title), title
    for name in names:
        assert name_match_key(name) == old_name_match_key(name), name
