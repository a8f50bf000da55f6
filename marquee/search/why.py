"""Why a result matched: which fields hold the query's words (those words marked), or that its
text is close in meaning to the query.

Marking happens here, in Python, on plain text: templates print each piece autoescaped and
wrap the marked ones in ``<mark>``, so no markup from the index or the user is ever trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from marquee.search.keyword import ParsedQuery, fold, prefix_allowed
from marquee.search.models import SearchDocument

Kind = SearchDocument.Kind
_PIECES = re.compile(r"(\w+)", re.UNICODE)
WORDS_BEFORE = 12
WORDS_AFTER = 24
FIELD_LABELS = {
    Kind.FILM: {
        "title": "title",
        "other_titles": "also known as",
        "people": "director and cast",
        "keywords": "genres and keywords",
        "text": "synopsis",
    },
    Kind.PERSON: {"title": "name", "other_titles": "also known as"},
    Kind.REVIEW: {
        "title": "film title",
        "people": "critic",
        "keywords": "verdict",
        "text": "review",
    },
}
MEANING_OF = {Kind.FILM: "the synopsis", Kind.REVIEW: "the review's text"}


class DocumentFields(Protocol):
    """A search document's fields, as a model or as the lighter rows search reads."""

    kind: str
    title: str
    other_titles: str
    people: str
    keywords: str
    text: str


@dataclass(frozen=True)
class Piece:
    text: str
    marked: bool = False


@dataclass
class Reason:
    """One line of "why": a label and, for matched words, the passage with them marked."""

    label: str
    pieces: list[Piece] = field(default_factory=list)

    def as_text(self) -> str:
        passage = "".join(f"[{p.text}]" if p.marked else p.text for p in self.pieces)
        return f"{self.label}: {passage}" if passage else self.label


class Matcher:
    """Tells whether a word of a document is one the query looked for (remembering answers:
    the same words come back in every field and result)."""

    def __init__(self, parsed: ParsedQuery) -> None:
        self.groups: list[list[tuple[str, bool]]] = []
        for index, word in enumerate(parsed.words):
            prefix = prefix_allowed(parsed, index)
            self.groups.append([(fold(s), prefix) for s in parsed.spellings(word)])
        self.terms = [term for group in self.groups for term in group]
        self.seen: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        known = self.seen.get(word)
        if known is None:
            folded = word.lower() if word.isascii() else fold(word)
            known = self.seen[word] = _any_match(folded, self.terms)
        return known


def _any_match(folded: str, terms: list[tuple[str, bool]]) -> bool:
    for term, prefix in terms:
        if folded == term or (prefix and folded.startswith(term)):
            return True
        # Stems without a stemmer: "clones" and "cloned" share "clone".
        shortest = min(len(folded), len(term))
        if shortest >= 4:
            common = max(4, shortest - 2)
            if folded[:common] == term[:common]:
                return True
    return False


def _items(value: str, matches: Matcher) -> list[Piece] | None:
    """Of a list field (titles, names, keywords), the items holding a match, in pieces."""
    pieces: list[Piece] = []
    for item in value.split("\n"):
        parts = _PIECES.split(item)
        if any(matches(parts[i]) for i in range(1, len(parts), 2)):
            if pieces:
                pieces.append(Piece(" · "))
            pieces += [Piece(p, i % 2 == 1 and matches(p)) for i, p in enumerate(parts) if p]
    return pieces or None


def _passage(text: str, matches: Matcher) -> list[Piece] | None:
    """A window of the text around its first match, in pieces; None without a match."""
    parts = _PIECES.split(text.replace("\n", " "))
    first = next((i for i in range(1, len(parts), 2) if matches(parts[i])), None)
    if first is None:
        return None
    start, end = max(0, first - 2 * WORDS_BEFORE), min(len(parts), first + 2 * WORDS_AFTER)
    pieces = [
        Piece(part, i % 2 == 1 and matches(part))
        for i, part in enumerate(parts)
        if start <= i < end
    ]
    if start:
        pieces[0] = Piece("…" + pieces[0].text.lstrip(), pieces[0].marked)
    if end < len(parts):
        pieces[-1] = Piece(pieces[-1].text.rstrip() + "…", pieces[-1].marked)
    return [piece for piece in pieces if piece.text]


def names(document: DocumentFields, parsed: ParsedQuery) -> bool:
    """Whether every word of the query is in the document's titles or names: the query names
    it ("the godfather", "kubrick") rather than describing something."""
    words = {
        w.lower() if w.isascii() else fold(w)
        for name in ("title", "other_titles", "people")
        for w in _PIECES.findall(getattr(document, name))
    }
    groups = Matcher(parsed).groups
    return bool(groups) and all(any(_any_match(w, group) for w in words) for group in groups)


def keyword_reasons(
    document: DocumentFields, parsed: ParsedQuery, matches: Matcher | None = None
) -> list[Reason]:
    """A reason per field holding a word of the query, with the passage."""
    matches = matches or Matcher(parsed)
    reasons = []
    for name, label in FIELD_LABELS[document.kind].items():
        value = getattr(document, name)
        if not value:
            continue
        pieces = _passage(value, matches) if name == "text" else _items(value, matches)
        if pieces:
            reasons.append(Reason(f"Matched words in the {label}", pieces))
    return reasons


def meaning_reason(document: DocumentFields, similarity: float) -> Reason:
    what = MEANING_OF.get(document.kind, "its text")
    return Reason(f"Close in meaning to {what} ({round(similarity * 100)}% similar)")
