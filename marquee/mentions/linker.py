"""Find the films and people a piece of writing names, and say how sure we are of each.

A plain library: it knows nothing of Django or the database. ``Gazetteer`` holds every title
and name a catalog knows, built once from plain records (``FilmRecord``, ``PersonRecord``);
``Gazetteer.link(text, film_id=...)`` returns the ``Mention``s found in one text, best first
by position. ``marquee.mentions.catalog`` builds the gazetteer from the catalog tables.

How a mention is found:

* every run of up to ``MAX_SPAN_TOKENS`` words is looked up among the keys of every title
  (with and without a leading article, the part after a colon, the franchise part before it,
  "Part II" as "2"), alternate and original title, name and alias; a name with a word one
  typing slip away from a known word (a dropped, doubled, transposed or wrong letter) is found
  through that word; "Di Caprio" is tried as "DiCaprio";
* titles in Chinese, Japanese, Korean and Thai script, which have no spaces, are searched as
  substrings;
* a capitalised run of three words or more that matches nothing exactly is compared with every
  title by edit similarity (slightly misremembered titles: "Raiders of the Lost Arc");
* a lone surname ("Kubrick's") names someone the text is about: a person credited on the
  reviewed film, named in full elsewhere in the text, or credited on a film the text names.

How sure it is (``confidence``, 0 to 1) comes from evidence: capitals where the title has
them, quotes or emphasis around it, a year beside it that matches (a year that does not match
rules the film out), a director named beside or elsewhere in the text, the reviewed film and
its credits. A one-word title that is also an ordinary word ("Up", "Her", "Heat") needs strong
evidence. Only mentions at or above ``min_confidence`` are returned; ambiguous ones (remakes
with nothing to tell them apart, "Kill Bill" for both volumes) are left out.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

# Longer texts are linked only up to here: a review body is far shorter, and this keeps one
# pathological paste from holding a worker.
MAX_SCAN_CHARS = 100_000
MAX_SPAN_TOKENS = 12
# Spelling corrections are tried for at most this many distinct words per text.
MAX_CORRECTED_WORDS = 2_000
# Misremembered-title comparisons per text (each compares one run with every title).
MAX_FUZZY_RUNS = 100
FUZZY_TITLE_CUTOFF = 90.0
DEFAULT_MIN_CONFIDENCE = 0.6
# Two targets for one span closer than this are a tie: the span is left unlinked.
AMBIGUITY_MARGIN = 0.099
FILM = "film"
PERSON = "person"


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


ARTICLES = _word_set("the a an le la les l el los las il lo gli i der die das den het de")
# Leading words that are articles in titles; "i" and "de" are too often something else.
_TITLE_ARTICLES = ARTICLES - {"i", "de", "den"}
FUNCTION_WORDS = _word_set(
    """a an the of and or in on at to for from with by as is it its be are was not no
    nor but so if into onto off over under up out about"""
)
# Words joined to the next one in names ("Di Caprio" is "DiCaprio", "De Niro" is "DeNiro").
PARTICLES = _word_set("de di da del della van von der le la du mc mac st o")
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8",
          "ix": "9"}  # fmt: skip
# Ordinary words and much-named places that are the whole title of a well-known film. The catalog's
# own synopses add many more (see ``marquee.mentions.catalog``); this list covers a catalog
# that has none.
BUILTIN_COMMON_WORDS = _word_set(
    """up her it us them heat alien aliens signs crash speed taken contact drive gravity moon
    sunshine psycho jaws titanic avatar brooklyn chicago home alone others game family end
    rush twister frozen cars coco soul brave tangled hook seven split glass us nope pearl
    elf fury hereditary prisoners enemy arrival memento dune up big friday milk ray ali troy
    sahara australia philadelphia network rocky creed batman saw scream insidious casino
    crash gladiator hero heroes face off still drive collateral greed wanted unbroken her
    him you me we they this that what where when who why how yes no love hate war peace
    life death time money power faith hope fear anger rage joy"""
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]+")
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_TITLE_PARTS = re.compile(r"\s*:\s+|\s+[-\u2013\u2014]\s+|,?\s+or:\s+")
_NUMBERED_PART = re.compile(r"^(part|vol|volume|episode|chapter|book)\b", re.IGNORECASE)
# What may stand between two words of one title or name: spaces and title punctuation.
_JOINER = re.compile(r"[\s:,\-\u2013\u2014'\u2019&./!?\u00b7]{1,4}")
# Text that is not prose: code spans, links' addresses, HTML tags, bare URLs.
_NOT_PROSE = re.compile(
    r"`[^`\n]*`|\]\([^)\s]*\)|<[^<>\n]{0,200}>|\b(?:https?://|www\.)[^\s<>()\[\]]+",
    re.IGNORECASE,
)
_OPENING = " \t\"'\u201c\u2018*_([<>#-\u2013\u2014"
_YEAR = r"(1[89]\d\d|20\d\d)"
_YEAR_AFTER = re.compile(
    rf"^\s*(?:[(\[,]\s*(?:[^()\[\]\d\n]{{0,40}}?,\s*)?{_YEAR}\b|(?:of|from|in)\s+{_YEAR}\b)"
)
_YEAR_BEFORE = re.compile(rf"\b{_YEAR}(?:['\u2019]s)?\s+(?:[a-z]+\s+)?$")
_FRANCHISE_AFTER = re.compile(
    r"^\W{0,3}(films?|movies?|franchise|series|saga|trilogy|sequels?|prequels?|cycle|universe)\b",
    re.IGNORECASE,
)
_CHARACTER_BEFORE = re.compile(r"\b(plays?|played|playing)\s+$")
_POSSESSIVE_GAP = re.compile(r"['\u2019]s?\s+(?:[*_\"\u201c\u2018]{0,2}|<(?:i|em|cite)>)$")
_PLACE_BEFORE = re.compile(
    r"\b(to|from|at|near|into|across|through|towards?|outside|around)\s+$", re.IGNORECASE
)
_CONNECTORS = frozenset({"of", "from"})  # "The Thing from Another World"
_QUOTES = {"*": "*", "_": "_", '"': '"', "\u201c": "\u201d", "'": "'", "\u2018": "\u2019"}
_EMPHASIS_TAGS = re.compile(r"<(i|em|cite)>$", re.IGNORECASE)


# -- records in, mentions out ------------------------------------------------------------


@dataclass(frozen=True)
class FilmRecord:
    """A film as the linker sees it: its titles, year and who made it (person ids)."""

    id: int
    title: str
    year: int | None = None
    other_titles: tuple[str, ...] = ()
    directors: frozenset[int] = frozenset()
    people: frozenset[int] = frozenset()

    @property
    def label(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title


@dataclass(frozen=True)
class PersonRecord:
    """A person as the linker sees it: names, and the films they are credited on."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()
    films: frozenset[int] = frozenset()

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class Mention:
    """A film or person named in a text: ``text[start:end]`` and the catalog record it names."""

    start: int
    end: int
    text: str
    kind: str
    target_id: int
    target: str
    confidence: float
    why: tuple[str, ...] = ()


# -- normalising ---------------------------------------------------------------------------


def fold_word(word: str) -> str:
    """One word as the linker compares it: no accents, case or apostrophes; "II" as "2"."""
    if word.isascii() and word.isalpha():
        # Most words: nothing to decompose, strip or split, only the case to fold.
        lower = word.lower()
        return _ROMAN.get(lower, lower)
    return _fold_any_word(word)


@functools.lru_cache(maxsize=50_000)
def _fold_any_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = plain.replace("'", "").replace("\u2019", "")
    parts = _LETTER_DIGIT.sub(" ", plain).split()
    return " ".join(_ROMAN.get(part, part) for part in parts)


def surface_key(text: str) -> str:
    """The normalised form of a mention's text, the same for "Kubrick" and "KUBRICK"."""
    return " ".join(fold_word(w) for w in _WORD.findall(text))


def _is_capitalized(word: str) -> bool:
    return not word[:1].islower()


class _Word(NamedTuple):
    start: int
    end: int
    raw: str
    key: str
    capitalized: bool


def _words(text: str) -> list[_Word]:
    return [
        _Word(m.start(), m.end(), m.group(), fold_word(m.group()), _is_capitalized(m.group()))
        for m in _WORD.finditer(text)
    ]


def _mask_non_prose(text: str) -> str:
    """Blank out code, addresses and tags (same length, so offsets still hold)."""
    return _NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


# -- the gazetteer -------------------------------------------------------------------------


class Entry(NamedTuple):
    """One way of writing one title or name."""

    kind: str
    id: int
    variant: str  # title, alternate, no_article, subtitle, main, name, alias
    caps: tuple[bool, ...]  # which of its words are capitalised
    has_article: bool


def _title_variants(title: str) -> Iterator[tuple[str, list[str]]]:
    """(variant, words) for each way a critic may write ``title``."""
    words = _WORD.findall(title)
    if not words:
        return
    yield "title", words
    parts = [p for p in _TITLE_PARTS.split(title) if _WORD.search(p)]
    if len(parts) > 1:
        main, subtitle = _WORD.findall(parts[0]), _WORD.findall(parts[-1])
        yield "main", main
        if len(subtitle) >= 2 and not _NUMBERED_PART.match(parts[-1].strip()):
            yield "subtitle", subtitle


def _with_variants(variant: str, words: list[str]) -> Iterator[tuple[str, list[str], list[str]]]:
    """(variant, words, their keys): as written, without a leading article, "Part II" as "II"."""
    keys = [fold_word(w) for w in words]
    forms = [(variant, words, keys)]
    if len(words) > 1 and keys[0] in _TITLE_ARTICLES:
        forms.append(("no_article" if variant == "title" else variant, words[1:], keys[1:]))
    for name, form, form_keys in list(forms):
        for index, key in enumerate(form_keys[:-1]):
            if key == "part" and form_keys[index + 1][:1].isdigit():
                without = form[:index] + form[index + 1 :]
                forms.append((name, without, form_keys[:index] + form_keys[index + 1 :]))
                break
    yield from forms


@dataclass
class _Span:
    """A run of words that matched one or more entries."""

    start: int
    end: int
    first: int  # index of the first word
    last: int  # index after the last word
    entries: list[Entry]
    corrected: bool = False
    similarity: float | None = None
    surname: bool = False
    possessive: bool = False  # ends before a "'s" ("Kubrick's")


@dataclass
class _Candidate:
    span: _Span
    kind: str
    id: int
    confidence: float
    why: list[str] = field(default_factory=list)


class Gazetteer:
    """Every title and name of a catalog, keyed for fast lookup in texts."""

    def __init__(
        self,
        films: Iterable[FilmRecord],
        people: Iterable[PersonRecord],
        *,
        common_words: Iterable[str] = (),
        ordinary_words: Iterable[str] = (),
    ) -> None:
        self.films: dict[int, FilmRecord] = {f.id: f for f in films}
        self.people: dict[int, PersonRecord] = {p.id: p for p in people}
        self.entries: dict[str, list[Entry]] = defaultdict(list)
        self.prefixes: set[str] = set()
        self.vocabulary: set[str] = set()
        self.surnames: dict[str, list[int]] = defaultdict(list)
        self.given_names: set[str] = set()
        self.script_titles: dict[str, list[Entry]] = defaultdict(list)
        ordinary = BUILTIN_COMMON_WORDS | FUNCTION_WORDS | {fold_word(w) for w in ordinary_words}
        # Ordinary words are used in lower case; common words also include the places and
        # characters many synopses name. A one-word title must be neither to pass on a capital;
        # a surname only must not be an ordinary word.
        self.ordinary_words = frozenset(ordinary)
        self.common_words = frozenset(ordinary | {fold_word(w) for w in common_words})
        self.name_keys: dict[int, str] = {}
        self.people_by_given_name: dict[str, list[int]] = defaultdict(list)
        for film in self.films.values():
            self._add_film(film)
        for person in self.people.values():
            self._add_person(person)
        self._drop_shadowed_main_titles()
        # Film keys by first letter: a misremembered title keeps its first letter.
        self.fuzzy_keys: dict[str, list[str]] = defaultdict(list)
        for key, entries in self.entries.items():
            if any(e.kind == FILM for e in entries):
                self.fuzzy_keys[key[:1]].append(key)
        self.entries = dict(self.entries)
        self.surnames = dict(self.surnames)
        self.people_by_given_name = dict(self.people_by_given_name)
        # Scripts without spaces are searched by their first two characters.
        self.script_index: dict[str, list[str]] = defaultdict(list)
        for surface in self.script_titles:
            self.script_index[surface[:2]].append(surface)

    def __len__(self) -> int:
        return len(self.entries)

    def _add(
        self, words: list[str], keys: list[str], entry_kind: str, id: int, variant: str
    ) -> None:
        """Add one way of writing a title or name: its words and their ``fold_word`` keys."""
        keys = [k for k in keys if k]
        if not keys:
            return
        key = " ".join(keys)
        entry = Entry(
            entry_kind,
            id,
            variant,
            tuple(_is_capitalized(w) for w in words),
            keys[0] in _TITLE_ARTICLES and len(keys) > 1,
        )
        if entry not in self.entries[key]:
            self.entries[key].append(entry)
        for size in range(1, len(keys)):
            self.prefixes.add(" ".join(keys[:size]))
        self.vocabulary.update(keys)

    def _add_script_title(self, text: str, entry_kind: str, id: int, variant: str) -> None:
        surface = unicodedata.normalize("NFC", text.strip())
        if len(surface) >= 2:
            self.script_titles[surface].append(Entry(entry_kind, id, variant, (True,), False))

    def _add_film(self, film: FilmRecord) -> None:
        titles = [(film.title, "title")] + [(t, "alternate") for t in film.other_titles]
        seen: set[str] = set()
        for title, kind in titles:
            if not title or title in seen:
                continue
            seen.add(title)
            if _CJK.search(title):
                self._add_script_title(title, FILM, film.id, kind)
                continue
            for variant, words in _title_variants(title):
                variant = kind if variant == "title" else variant
                for name, form, keys in _with_variants(variant, words):
                    self._add(form, keys, FILM, film.id, name)

    def _add_person(self, person: PersonRecord) -> None:
        for name, variant in [(person.name, "name")] + [(a, "alias") for a in person.aliases]:
            if _CJK.search(name):
                self._add_script_title(name, PERSON, person.id, variant)
                continue
            words = _WORD.findall(name)
            if not words:
                continue
            keys = [fold_word(w) for w in words]
            self._add(words, keys, PERSON, person.id, variant)
            if variant == "name":
                self.name_keys[person.id] = " ".join(keys)
            for index, key in enumerate(keys[:-1]):
                if key in PARTICLES:  # "De Niro" also as "DeNiro"
                    word = words[index] + words[index + 1]
                    joined = [*words[:index], word, *words[index + 2 :]]
                    joined_keys = [*keys[:index], fold_word(word), *keys[index + 2 :]]
                    self._add(joined, joined_keys, PERSON, person.id, variant)
            if len(keys) >= 2:
                if person.id not in self.surnames[keys[-1]]:
                    self.surnames[keys[-1]].append(person.id)
                if person.id not in self.people_by_given_name[keys[0]]:
                    self.people_by_given_name[keys[0]].append(person.id)
                self.given_names.add(keys[0])

    def _drop_shadowed_main_titles(self) -> None:
        """ "Star Wars" is a film of its own, so the franchise part of "Star Wars: Episode I"
        must not compete with it."""
        for entries in self.entries.values():
            exact = any(e.kind == FILM and e.variant != "main" for e in entries)
            if exact:
                entries[:] = [e for e in entries if not (e.kind == FILM and e.variant == "main")]

    # -- linking --------------------------------------------------------------------------

    def link(
        self,
        text: str,
        *,
        film_id: int | None = None,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    ) -> list[Mention]:
        """The films and people ``text`` names, in order; ``film_id`` is the reviewed film."""
        return _Linking(self, text[:MAX_SCAN_CHARS], film_id).run(min_confidence)


class _Linking:
    """One text being linked: its words, the spans that matched, and the evidence."""

    def __init__(self, gazetteer: Gazetteer, text: str, film_id: int | None) -> None:
        self.g = gazetteer
        self.text = text
        self.prose = _mask_non_prose(text)
        self.words = _words(self.prose)
        self.film_id = film_id if film_id in gazetteer.films else None
        self.film_people = gazetteer.films[film_id].people if self.film_id else frozenset()
        self.initial = [self._is_sentence_initial(i) for i in range(len(self.words))]
        self.title_case = self._title_case_sentences()
        self._corrections: dict[str, list[str]] = {}

    def run(self, min_confidence: float) -> list[Mention]:
        spans = list(self._exact_spans())
        spans += self._script_spans()
        spans += self._fuzzy_title_spans(spans)
        # First pass: what the text names with no help from the rest of it; the confident
        # ones then count as evidence for the others (a director named two sentences away).
        first = self._best(spans, anchors=None)
        anchors = [c for c in first if c.confidence >= 0.7]
        chosen = self._best(spans, anchors=anchors)
        chosen = self._resolve_overlaps([c for c in chosen if c.confidence >= min_confidence])
        return [
            Mention(
                start=c.span.start,
                end=c.span.end,
                text=self.text[c.span.start : c.span.end],
                kind=c.kind,
                target_id=c.id,
                target=(self.g.films[c.id] if c.kind == FILM else self.g.people[c.id]).label,
                confidence=round(min(c.confidence, 1.0), 3),
                why=tuple(c.why),
            )
            for c in sorted(chosen, key=lambda c: c.span.start)
        ]

    # -- where the text's words stand ------------------------------------------------------

    def _is_sentence_initial(self, index: int) -> bool:
        """Does word ``index`` start a sentence, a line or the text (so its capital is free)?"""
        position = self.words[index].start
        stripped = self.prose[max(0, position - 40) : position].rstrip(_OPENING)
        if not stripped:
            return True
        return stripped[-1] in ".!?\n"

    def _title_case_sentences(self) -> list[bool]:
        """Per word: is it in a sentence Written Like This, where capitals prove nothing?"""
        flags = [False] * len(self.words)
        start = 0
        for index in range(len(self.words) + 1):
            if index == len(self.words) or (index > start and self.initial[index]):
                long_words = [
                    w for w in self.words[start:index] if len(w.raw) > 3 and w.raw[:1].isalpha()
                ]
                capitalised = sum(w.capitalized for w in long_words)
                if len(long_words) >= 4 and capitalised >= 0.8 * len(long_words):
                    for j in range(start, index):
                        flags[j] = True
                start = index
        return flags

    def _joined(self, left: int, right: int) -> bool:
        """May words ``left`` and ``right`` (adjacent) belong to one title or name?"""
        gap = self.prose[self.words[left].end : self.words[right].start]
        return bool(_JOINER.fullmatch(gap)) and "\n\n" not in gap

    # -- finding spans ---------------------------------------------------------------------

    def _corrected(self, word: _Word) -> list[str]:
        """Known words one typing slip away from ``word`` (for names and titles only)."""
        key = word.key
        if (
            len(key) < 4
            or " " in key
            or not key.isalpha()
            or key in self.g.vocabulary
            or key in self.g.common_words
            or not word.capitalized
        ):
            return []
        if key not in self._corrections:
            if len(self._corrections) >= MAX_CORRECTED_WORDS:
                return []
            self._corrections[key] = sorted(_edits1(key) & self.g.vocabulary)
        return self._corrections[key]

    def _options(self, index: int, corrected: bool) -> list[tuple[str, int, bool, bool]]:
        """Ways to read word ``index``: (key, words used, corrected, ends in "'s")."""
        words = self.words
        word = words[index]
        options = [(word.key, 1, corrected, False)]
        possessive = _POSSESSIVE.search(word.raw)
        bare = word
        if possessive:
            raw = word.raw[: -len(possessive.group())]
            bare = word._replace(end=word.start + len(raw), raw=raw, key=fold_word(raw))
            options.append((bare.key, 1, corrected, True))
        if not corrected:
            options += [(c, 1, True, bool(possessive)) for c in self._corrected(bare)]
        if word.key in PARTICLES and index + 1 < len(words) and self._joined(index, index + 1):
            following = words[index + 1]
            if not _POSSESSIVE.search(following.raw):
                options.append((word.key + following.key, 2, corrected, False))
        return options

    def _exact_spans(self) -> Iterator[_Span]:
        words, entries, prefixes = self.words, self.g.entries, self.g.prefixes
        for first in range(len(words)):
            # (index of next word, key so far, corrected?)
            stack: list[tuple[int, str, bool]] = [(first, "", False)]
            while stack:
                index, key, corrected = stack.pop()
                if index >= len(words) or index - first >= MAX_SPAN_TOKENS:
                    continue
                if index > first and not self._joined(index - 1, index):
                    continue
                for option, used, fixed, possessive in self._options(index, corrected):
                    extended = f"{key} {option}" if key else option
                    last = index + used
                    if extended in entries:
                        end = words[last - 1].end
                        if possessive:
                            end -= len(_POSSESSIVE.search(words[last - 1].raw).group())
                        yield _Span(
                            words[first].start,
                            end,
                            first,
                            last,
                            entries[extended],
                            corrected=fixed,
                            possessive=possessive,
                        )
                    if extended in prefixes and not possessive:
                        stack.append((last, extended, fixed))
            yield from self._surname_spans(first)
        yield from self._near_name_spans()

    def _near_name_spans(self) -> Iterator[_Span]:
        """Two or three capitalised words one slip away from someone's full name, where the
        slip leaves a real word ("Shelly Duvall" for Shelley Duvall)."""
        words = self.words
        for last in range(1, len(words)):
            tail = words[last]
            tail_key = span_key(tail)
            if not tail.raw[:1].isupper() or len(tail_key) < 3:
                continue
            for size in (2, 3):
                first = last - size + 1
                if first < 0:
                    break
                run = words[first : last + 1]
                if not all(w.raw[:1].isupper() or w.key in PARTICLES for w in run):
                    break
                if any(self.prose[a.end : b.start] not in (" ", "-") for a, b in pairwise(run)):
                    break
                key = " ".join([w.key for w in run[:-1]] + [tail_key])
                if key in self.g.entries or len(key) < 8:
                    continue
                ids = self.g.surnames.get(tail_key, []) + self.g.people_by_given_name.get(
                    run[0].key, []
                )
                choices = {
                    pid: self.g.name_keys[pid] for pid in ids[:5_000] if pid in self.g.name_keys
                }
                best = process.extractOne(key, choices, scorer=OSA.distance, score_cutoff=1)
                if best is None:
                    continue
                entry = Entry(PERSON, best[2], "name", tuple(True for _ in run), False)
                possessive = _POSSESSIVE.search(tail.raw) if tail_key != tail.key else None
                end = possessive.start() + tail.start if possessive else tail.end
                yield _Span(
                    run[0].start,
                    end,
                    first,
                    last + 1,
                    [entry],
                    corrected=True,
                    possessive=possessive is not None,
                )

    def _surname_spans(self, index: int) -> Iterator[_Span]:
        word = self.words[index]
        if not word.capitalized or len(word.key) < 3 or not word.raw[:1].isalpha():
            return
        key = word.key
        end = word.end
        possessive = _POSSESSIVE.search(word.raw)
        if key not in self.g.surnames and possessive and key[:-1] in self.g.surnames:
            key, end = key[:-1], end - len(possessive.group())
        if key in self.g.surnames:
            entries = [
                Entry(PERSON, pid, "surname", (True,), False) for pid in self.g.surnames[key]
            ]
            yield _Span(
                word.start, end, index, index + 1, entries, surname=True, possessive=end < word.end
            )

    def _script_spans(self) -> list[_Span]:
        """Titles and names in scripts written without spaces, found as substrings."""
        if not _CJK.search(self.prose):
            return []
        found = []
        text = unicodedata.normalize("NFC", self.prose)
        if len(text) != len(self.prose):  # offsets would not hold; use the text as it is
            text = self.prose
        index = self.g.script_index
        for run in _CJK_RUN.finditer(text):
            for position in range(run.start(), run.end() - 1):
                for surface in index.get(text[position : position + 2], ()):
                    if text.startswith(surface, position):
                        entries = self.g.script_titles[surface]
                        found.append(_Span(position, position + len(surface), -1, -1, entries))
        return found

    def _fuzzy_title_spans(self, exact: list[_Span]) -> list[_Span]:
        """Capitalised runs of 3+ words that match no title exactly, compared with every title."""
        if not self.g.fuzzy_keys:
            return []
        # reach[i]: the furthest word an exact span starting at or before word i covers.
        reach = [0] * (len(self.words) + 1)
        for span in exact:
            if not span.surname and span.first >= 0:
                reach[span.first] = max(reach[span.first], span.last)
        for index in range(1, len(reach)):
            reach[index] = max(reach[index], reach[index - 1])
        found = []
        for first, last in self._capitalised_runs():
            if len(found) >= MAX_FUZZY_RUNS:
                break
            if reach[first] >= last:
                continue  # inside a title or name found exactly
            key = " ".join(w.key for w in self.words[first:last])
            best = process.extractOne(
                key,
                self.g.fuzzy_keys.get(key[:1], ()),
                scorer=fuzz.ratio,
                score_cutoff=FUZZY_TITLE_CUTOFF,
            )
            if best is None or best[0] == key:
                continue
            entries = [e for e in self.g.entries[best[0]] if e.kind == FILM]
            start, end = self.words[first].start, self.words[last - 1].end
            found.append(_Span(start, end, first, last, entries, similarity=best[1] / 100))
        return found

    def _capitalised_runs(self) -> Iterator[tuple[int, int]]:
        words = self.words
        index = 0
        while index < len(words):
            if not words[index].raw[:1].isupper() or _POSSESSIVE.search(words[index].raw):
                index += 1
                continue
            last = index + 1
            end = last
            while last < len(words) and self._joined(last - 1, last):
                word = words[last]
                if _POSSESSIVE.search(word.raw):
                    break
                if word.raw[:1].isupper():
                    end = last + 1
                elif word.key not in FUNCTION_WORDS:
                    break
                last += 1
            if end - index >= 3:
                yield index, end
            index = max(end, index + 1)

    # -- scoring ---------------------------------------------------------------------------

    def _best(self, spans: list[_Span], anchors: list[_Candidate] | None) -> list[_Candidate]:
        """Per span, the best-scoring target, unless two targets are too close to call."""
        evidence = _Evidence(self, anchors or [])
        chosen = []
        for span in spans:
            scored = []
            entries = span.entries
            if span.surname and len(entries) > 1:
                # Of many people sharing a surname only those the text is about can be meant.
                entries = [e for e in entries if e.id in evidence.context_people]
            for entry in entries:
                candidate = (
                    self._score_film(span, entry, evidence)
                    if entry.kind == FILM
                    else self._score_person(span, entry, evidence)
                )
                if candidate is not None:
                    scored.append(candidate)
            series = {e.id for e in span.entries if e.kind == FILM and e.variant == "main"}
            if len(series) > 1:  # "Kill Bill" for both volumes: the series, unless a year says
                scored = [
                    c
                    for c in scored
                    if not (
                        c.kind == FILM and c.id in series and not any("year" in w for w in c.why)
                    )
                ]
            best: dict[tuple[str, int], _Candidate] = {}
            for candidate in scored:
                known = best.get((candidate.kind, candidate.id))
                if known is None or candidate.confidence > known.confidence:
                    best[(candidate.kind, candidate.id)] = candidate
            ranked = sorted(best.values(), key=lambda c: -c.confidence)
            if not ranked:
                continue
            if len(ranked) > 1 and ranked[0].confidence - ranked[1].confidence < AMBIGUITY_MARGIN:
                continue  # a remake, a homonym, both volumes: nothing tells them apart
            chosen.append(ranked[0])
        return chosen

    def _case(self, span: _Span, entry: Entry) -> str:
        """ "exact" (capitals where the name has them), "capitalized" or "lower"."""
        if span.first < 0:
            return "exact"
        words = [w for w in self.words[span.first : span.last] if w.raw[:1].isalpha()]
        if not words:
            return "exact"
        significant = [w for w in words if w.key not in FUNCTION_WORDS] or words
        if not significant[0].capitalized:
            return "lower"
        if len(entry.caps) == len(words):
            pairs = zip(words, entry.caps, strict=True)
            if all(w.capitalized == cap for w, cap in pairs if w.key not in FUNCTION_WORDS):
                return "exact"
        return "capitalized"

    def _single_word(self, span: _Span) -> bool:
        """One word, not counting an article, unless it is "The" in mid-sentence."""
        if span.first < 0:
            return False
        words = self.words[span.first : span.last]
        if (
            len(words) == 2
            and words[0].key in _TITLE_ARTICLES
            and words[0].capitalized
            and not self.initial[span.first]
            and not self.title_case[span.first]
        ):
            return False
        return len([w for w in words if w.key not in _TITLE_ARTICLES]) == 1

    def _score_film(self, span: _Span, entry: Entry, ev: _Evidence) -> _Candidate | None:
        film = self.g.films[entry.id]
        why: list[str] = []
        if span.surname:
            return None
        if span.first < 0 and span.end - span.start < 3 and entry.id != self.film_id:
            return None  # two characters of Chinese are as likely a word as a title
        base = {"title": 0.75, "alternate": 0.75, "no_article": 0.7, "subtitle": 0.6, "main": 0.6}
        score = base.get(entry.variant, 0.6)
        if span.similarity is not None:
            score = 0.5
            why.append(f"title {span.similarity:.0%} alike")
        if span.corrected:
            score -= 0.15
            why.append("spelling corrected")
        if ev.franchise(span) or ev.character(span):
            return None
        if ev.continues(span):
            return None
        year = ev.year(span)
        if year is not None:
            if film.year is None or abs(film.year - year) > 1:
                return None
            score += 0.25
            why.append(f"year {year}")
        owner = ev.possessive_person(span)
        if owner is not None:
            if owner not in film.people:
                return None
            score += 0.25
            why.append(f"{self.g.people[owner].name}'s")
        case = self._case(span, entry)
        single = self._single_word(span)
        initial = span.first >= 0 and (self.initial[span.first] or self.title_case[span.first])
        marked = ev.marked(span)
        if case == "lower":
            if single or not marked:
                return None
            score -= 0.3
        elif case == "exact":
            score += 0.1
        if single:
            word = self.words[span.last - 1]
            common = word.key in self.g.common_words
            strong = marked or year is not None or owner is not None
            if initial and not strong:
                return None
            if not word.raw[:1].isalpha() and not (marked or owner is not None):
                return None  # "1982", "2046": a number needs quotes or its director
            if span.corrected:
                return None  # one word with a slip in it is more likely another word
            if common:
                score -= 0.35
                why.append("ordinary word")
            if word.key in self.g.given_names or word.key in self.g.surnames:
                score -= 0.2
            if ev.lowercase_the_before(span) and not entry.has_article:
                score -= 0.3
        if ev.place_before(span):
            score -= 0.2
        if marked:
            score += 0.15
            why.append("quoted")
        if entry.id == self.film_id:
            score += 0.05 if single and not marked else 0.15
            why.append("the reviewed film")
        credit = ev.credited_person_named(film)
        if credit == "director":
            score += 0.15
            why.append("its director is named")
        elif credit:
            score += 0.1
            why.append("its cast is named")
        if ev.film_named_elsewhere(entry.id, span):
            score += 0.15
            why.append("named again")
        if span.similarity is not None or span.corrected:
            score = min(score, 0.8)
        return _Candidate(span, FILM, entry.id, score, why)

    def _score_person(self, span: _Span, entry: Entry, ev: _Evidence) -> _Candidate | None:
        person = self.g.people[entry.id]
        why: list[str] = []
        in_review = entry.id in self.film_people
        on_named_film = ev.credited_on_named_film(person)
        if span.surname:
            return self._score_surname(span, person, ev, in_review, on_named_film)
        if ev.continues(span):
            return None
        score = 0.75 if entry.variant == "name" else 0.7
        if span.corrected:
            score = 0.5
            why.append("spelling corrected")
        case = self._case(span, entry)
        words = self.words[span.first : span.last] if span.first >= 0 else []
        if case == "lower":
            score -= 0.3
        elif all(w.capitalized for w in words if w.key not in PARTICLES):
            score += 0.1
        if len(words) == 1 and span.first >= 0:
            # A one-word name ("Madonna") is as risky as a one-word title.
            if words[0].key in self.g.common_words or self.initial[span.first]:
                return None
            score -= 0.1
        if in_review:
            score += 0.3 if span.corrected else 0.15
            why.append("credited on the reviewed film")
        elif on_named_film:
            score += 0.25 if span.corrected else 0.1
            why.append("credited on a film named here")
        elif span.corrected:
            return None  # a misspelt stranger is more likely someone not in the catalog
        if span.corrected:
            score = min(score, 0.8)
        return _Candidate(span, PERSON, entry.id, score, why)

    def _score_surname(
        self,
        span: _Span,
        person: PersonRecord,
        ev: _Evidence,
        in_review: bool,
        on_named_film: bool,
    ) -> _Candidate | None:
        word = self.words[span.first]
        if ev.continues(span):
            return None
        if ev.full_name_elsewhere(person.id, span) and (in_review or on_named_film):
            return _Candidate(span, PERSON, person.id, 0.9, ["named in full", "credited here"])
        if ev.full_name_elsewhere(person.id, span):
            return _Candidate(span, PERSON, person.id, 0.8, ["named in full elsewhere"])
        if span_key(word) in self.g.ordinary_words:
            return None
        if in_review:
            return _Candidate(span, PERSON, person.id, 0.75, ["credited on the reviewed film"])
        if on_named_film:
            return _Candidate(span, PERSON, person.id, 0.65, ["credited on a film named here"])
        unique = (
            len(self.g.surnames.get(span_key(word), ())) == 1
            and span_key(word) not in self.g.given_names
            and span_key(word) not in self.g.common_words
            and len(span_key(word)) >= 5
            and not self.initial[span.first]
        )
        if unique:
            return _Candidate(span, PERSON, person.id, 0.6, ["the only person of that name"])
        return None

    def _resolve_overlaps(self, candidates: list[_Candidate]) -> list[_Candidate]:
        """Longest spans first (a full name beats the surname inside it), then most sure."""
        ordered = sorted(candidates, key=lambda c: (-(c.span.end - c.span.start), -c.confidence))
        starts: list[int] = []  # kept spans, sorted and never overlapping
        ends: list[int] = []
        kept: list[_Candidate] = []
        for candidate in ordered:
            start, end = candidate.span.start, candidate.span.end
            at = bisect.bisect_right(starts, start)
            if at > 0 and ends[at - 1] > start:
                continue
            if at < len(starts) and starts[at] < end:
                continue
            starts.insert(at, start)
            ends.insert(at, end)
            kept.append(candidate)
        return kept


def span_key(word: _Word) -> str:
    possessive = _POSSESSIVE.search(word.raw)
    return word.key[:-1] if possessive and word.key.endswith("s") else word.key


class _Evidence:
    """What the text around a span says about it."""

    def __init__(self, linking: _Linking, anchors: list[_Candidate]) -> None:
        self.linking = linking
        self.text = linking.text
        self.anchors = anchors
        self.people = {c.id for c in anchors if c.kind == PERSON}
        self.films = {c.id for c in anchors if c.kind == FILM}
        self.context_people = set(linking.film_people) | self.people
        for film_id in self.films:
            self.context_people |= linking.g.films[film_id].people
        self.person_ending_at = {c.span.end: c.id for c in anchors if c.kind == PERSON}
        self.spans_of: dict[tuple[str, int], list[_Span]] = defaultdict(list)
        for candidate in anchors:
            self.spans_of[(candidate.kind, candidate.id)].append(candidate.span)

    def year(self, span: _Span) -> int | None:
        after = _YEAR_AFTER.match(self.text[span.end : span.end + 60])
        if after:
            return int(after.group(1) or after.group(2))
        before = _YEAR_BEFORE.search(self.text[max(0, span.start - 16) : span.start])
        if before:
            return int(before.group(1))
        return None

    def marked(self, span: _Span) -> bool:
        """Inside quotes or emphasis: *Alien*, "Alien", <i>Alien</i>."""
        before = self.text[max(0, span.start - 8) : span.start]
        after = self.text[span.end : span.end + 8]
        if _EMPHASIS_TAGS.search(before) and re.match(r"</(i|em|cite)>", after, re.IGNORECASE):
            return True
        for opening, closing in _QUOTES.items():
            for size in (2, 1):
                mark_open, mark_close = opening * size, closing * size
                if (
                    before.endswith(mark_open)
                    and after.startswith(mark_close)
                    and mark_open.strip()
                ):
                    return True
        return False

    def franchise(self, span: _Span) -> bool:
        """ "the Mission: Impossible films": the series, not its first film."""
        before = self.text[max(0, span.start - 12) : span.start].lower()
        return bool(
            _FRANCHISE_AFTER.match(self.text[span.end : span.end + 20])
            and re.search(r"\b(the|a|an|every|each|other|this|that|whole)\s+$", before)
        )

    def character(self, span: _Span) -> bool:
        """ "plays Lincoln": a part, not the film."""
        return bool(_CHARACTER_BEFORE.search(self.text[max(0, span.start - 12) : span.start]))

    def continues(self, span: _Span) -> bool:
        """Is the span part of a longer capitalised title or name the catalog lacks?"""
        words, first, last = self.linking.words, span.first, span.last
        if first < 0:
            return False
        title_case = self.linking.title_case[first]
        if last < len(words) and not title_case and not span.possessive:
            gap = self.linking.prose[words[last - 1].end : words[last].start]
            following = words[last]
            if gap == " " and following.capitalized and following.raw[:1].isalpha():
                return True
            if (
                gap == " "
                and following.key in _CONNECTORS
                and last + 1 < len(words)
                and words[last + 1].capitalized
                and words[last + 1].raw[:1].isalpha()
                and self.linking.prose[following.end : words[last + 1].start] == " "
            ):
                return True
        if first > 0 and not title_case:
            previous = words[first - 1]
            gap = self.linking.prose[previous.end : words[first].start]
            if (
                gap == " "
                and previous.capitalized
                and previous.raw[:1].isalpha()
                and not self.linking.initial[first - 1]
                and not _POSSESSIVE.search(previous.raw)
            ):
                return True
        return False

    def place_before(self, span: _Span) -> bool:
        """ "moves to Brooklyn": a place more likely than a film."""
        return bool(_PLACE_BEFORE.search(self.text[max(0, span.start - 12) : span.start]))

    def lowercase_the_before(self, span: _Span) -> bool:
        before = self.text[max(0, span.start - 5) : span.start]
        return before.endswith("the ")

    def possessive_person(self, span: _Span) -> int | None:
        """The person named just before, as in "Carpenter's The Thing"."""
        gap = _POSSESSIVE_GAP.search(self.text[max(0, span.start - 12) : span.start])
        return self.person_ending_at.get(span.start - len(gap.group())) if gap else None

    def credited_person_named(self, film: FilmRecord) -> str:
        named = self.people & film.people
        if not named:
            return ""
        return "director" if named & film.directors else "cast"

    def film_named_elsewhere(self, film_id: int, span: _Span) -> bool:
        return any(other.start != span.start for other in self.spans_of[(FILM, film_id)])

    def credited_on_named_film(self, person: PersonRecord) -> bool:
        return bool(self.films & person.films)

    def full_name_elsewhere(self, person_id: int, span: _Span) -> bool:
        return any(
            not other.surname and not (other.start <= span.start < other.end)
            for other in self.spans_of[(PERSON, person_id)]
        )


def _edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion from ``word``."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return (deletes | transposes | replaces | inserts) - {word}
