"""The plain-text review layout: read what critics paste or import, and write reviews back out.

The layout, paragraphs separated by blank lines::

    <film title> (<year>) <verdict>
    <tagline>
    <director>                  co-directors comma separated
    <cast, comma separated>     may be left out
    The Setup:
    <premise: one paragraph>

    <body: Markdown, any number of paragraphs>

    Should you watch it:
    <advice: one paragraph>

    <a reader comment: one paragraph each, zero or more>

Writing (``format_review_text``) emits exactly this. The layout glues the badge to the title
("<film title><verdict badge>"); we write the title, the year in parentheses when known, then ONE
space and the verdict, because that reads well and the parser accepts the badge glued, spaced or
on its own line alike. The premise, the advice and each comment are single paragraphs in this
layout, so blank lines inside them are written as plain line breaks (a blank line there would
start the body or a new comment); every other field comes back exactly as written.

Reading (``parse_review_text``) copes with text copied from web pages: non-breaking and
zero-width spaces, ``\\r\\n``, stray blank lines, a badge glued to the title or on the next line,
labels in any case and spacing ("THE SETUP :", "Should You Watch It?:"). Every problem is an
``InputError`` that names the field, the 1-based line and the source.

This module knows nothing of models or requests: it takes the verdict names as a list, so it can
be used and tested as a plain library.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings

from marquee.catalog.services import MAX_NAME_CHARS, MAX_TITLE_CHARS
from marquee.errors import InputError
from marquee.reviews.services import SETUP_MAX_CHARS, SHOULD_WATCH_MAX_CHARS, TAGLINE_MAX_CHARS
from marquee.sanitize import clean_block, clean_line, normalize_text

# Refused before parsing, so a huge paste costs nothing; ReviewPasteForm enforces the same cap.
TEXT_MAX_CHARS = 200_000
YEAR_MIN, YEAR_MAX = 1870, 2100

SETUP_LABEL = "The Setup:"
SHOULD_WATCH_LABEL = "Should you watch it:"

# Web pages turn labels into headings or bold text, so "## The Setup" and "**The Setup:**" count.
# Text may follow a label on its line only after an explicit colon: a body sentence like
# "Should you watch it? Absolutely." must not be taken for the label.
_SETUP_LABEL = re.compile(r"^[#*_\s]*the\s*setup\s*[*_]*\s*(?::[*_]*\s*(?P<rest>.*))?$", re.I)
_SHOULD_WATCH_LABEL = re.compile(
    r"^[#*_\s]*should\s*you\s*watch\s*it\s*\??\s*[*_]*\s*(?::[*_]*\s*(?P<rest>.*))?$", re.I
)
# What people put between a title and its badge: "Alien — essential", "Alien | essential".
_SEPARATORS = " \t-\u2013\u2014|:\u00b7\u2022"
_TITLE_YEAR = re.compile(r"^(?P<title>.*\S)\s*[(\[](?P<year>\d{4})[)\]]$")
# Line breaks that normalize_text leaves alone but that web pages and editors treat as breaks.
_OTHER_LINE_BREAKS = re.compile(r"[\u0085\u2028\u2029]")


@dataclass
class ParsedReview:
    """A review as the plain-text layout holds it: the film's names, the verdict and the text."""

    title: str
    year: int | None
    verdict: str
    tagline: str
    director: str
    cast: list[str]
    setup: str
    body: str
    should_watch: str
    comments: list[str] = field(default_factory=list)
    # Where each field was read from, so later checks by other services can still name a line.
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class _Line:
    number: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


class _Reader:
    """One parse: the lines of the text and the source its errors name."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        normalized = _OTHER_LINE_BREAKS.sub("\n", normalize_text(text))
        self.lines = [_Line(n, t) for n, t in enumerate(normalized.split("\n"), start=1)]

    def error(self, field_name: str, message: str, line: int) -> InputError:
        return InputError(field_name, message, line=line, file=self.source)

    def clean(
        self,
        cleaner: Callable[..., str],
        value: str,
        *,
        field_name: str,
        max_chars: int,
        line: int,
    ) -> str:
        """``clean_line``/``clean_block`` with the line and source added to their errors."""
        try:
            return cleaner(value, field=field_name, max_chars=max_chars)
        except InputError as error:
            raise self.error(error.field, error.message, line) from None

    def find_label(self, label: re.Pattern[str], start: int, stop: int) -> tuple[int, str] | None:
        """Index of the first line in ``[start, stop)`` that is ``label``, and any text after it."""
        for index in range(start, stop):
            match = label.match(self.lines[index].stripped)
            if match:
                return index, (match.group("rest") or "").strip()
        return None

    def paragraphs(self, start: int, stop: int, first: str = "") -> list[list[_Line]]:
        """The paragraphs in lines ``[start, stop)``; ``first`` is text on the label's line."""
        lines = self.lines[start:stop]
        if first:
            lines = [_Line(self.lines[start - 1].number, first), *lines]
        paragraphs: list[list[_Line]] = []
        current: list[_Line] = []
        for line in lines:
            if line.stripped:
                current.append(line)
            elif current:
                paragraphs.append(current)
                current = []
        if current:
            paragraphs.append(current)
        return paragraphs


class _Verdicts:
    """The journal's verdict names, matched at the end of a title line, longest first."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        by_length = sorted(self.names, key=lambda name: len(_fold(name)), reverse=True)
        # Words may be glued or spaced any way: "Filmrecommended  viewing" still ends in one.
        self.patterns = [
            (name, re.compile(r"\s*".join(map(re.escape, name.split())) + r"$", re.I))
            for name in by_length
            if name.split()
        ]

    def ending(self, line: str) -> tuple[str, str] | None:
        """(title part, verdict) when ``line`` ends with a verdict, else None."""
        trimmed = line.rstrip(_SEPARATORS)
        for name, pattern in self.patterns:
            match = pattern.search(trimmed)
            if match:
                return trimmed[: match.start()].rstrip(_SEPARATORS), name
        return None

    def whole(self, line: str) -> str | None:
        """The verdict when ``line`` is nothing but a verdict (a badge on its own line)."""
        wanted = _fold(line.strip(_SEPARATORS))
        return next((name for name in self.names if _fold(name) == wanted), None)

    def listed(self) -> str:
        return ", ".join(f'"{name}"' for name in self.names)


def parse_review_text(
    text: str, *, verdict_names: Sequence[str], source: str = "<text>"
) -> ParsedReview:
    """Read a review in the plain-text layout; bad input raises InputError naming field and line."""
    if len(text) > TEXT_MAX_CHARS:
        raise InputError(
            "text",
            f"is {len(text)} characters long; the limit is {TEXT_MAX_CHARS}",
            line=text.count("\n", 0, TEXT_MAX_CHARS) + 1,
            file=source,
        )
    reader = _Reader(text, source)
    lines = reader.lines
    title_index = next((i for i, line in enumerate(lines) if line.stripped), None)
    if title_index is None:
        raise reader.error("text", "is empty; expected a review in the plain-text layout", 1)
    found: dict[str, int] = {}

    # The verdict is checked first so errors come in reading order, the title line's first.
    title_line = lines[title_index]
    verdicts = _Verdicts(verdict_names)
    at_end = verdicts.ending(title_line.stripped)
    next_line = next((line for line in lines[title_index + 1 :] if line.stripped), None)
    if at_end is None and not (next_line and verdicts.whole(next_line.stripped)):
        raise reader.error(
            "verdict",
            f"the title line must end with one of this journal's verdicts: {verdicts.listed()}",
            title_line.number,
        )

    setup_at = reader.find_label(_SETUP_LABEL, title_index + 1, len(lines))
    early = reader.find_label(
        _SHOULD_WATCH_LABEL, title_index + 1, setup_at[0] if setup_at else len(lines)
    )
    if early and setup_at:
        raise reader.error(
            "should_watch",
            f'"{SHOULD_WATCH_LABEL}" comes before "{SETUP_LABEL}" (line '
            f"{lines[setup_at[0]].number}); the setup comes first",
            lines[early[0]].number,
        )
    if early:
        raise reader.error(
            "setup",
            f'no "{SETUP_LABEL}" label before "{SHOULD_WATCH_LABEL}"',
            lines[early[0]].number,
        )
    if not setup_at:
        raise reader.error(
            "setup",
            f'no "{SETUP_LABEL}" label after the title, tagline, director and cast',
            lines[-1].number,
        )
    setup_index, setup_rest = setup_at
    should_at = reader.find_label(_SHOULD_WATCH_LABEL, setup_index + 1, len(lines))
    if not should_at:
        raise reader.error(
            "should_watch",
            f'no "{SHOULD_WATCH_LABEL}" label after "{SETUP_LABEL}" (line '
            f"{lines[setup_index].number})",
            lines[-1].number,
        )
    should_index, should_rest = should_at

    # The head: title line, then tagline, director and cast, the badge perhaps on its own line.
    head = [line for line in lines[title_index + 1 : setup_index] if line.stripped]
    own_line = verdicts.whole(head[0].stripped) if head else None
    # A title may itself end in a verdict word ("... Skip It"); a fourth head line tells us the
    # badge sits on the next line. Otherwise the title line's own badge wins, so a tagline that
    # happens to read like a verdict is still a tagline.
    if own_line and (at_end is None or len(head) == 4):
        title_part, verdict = title_line.stripped, own_line
        found["verdict"] = head[0].number
        head = head[1:]
    else:
        # Only a title-line badge or a badge line got past the check above, and a badge line
        # is head[0] (it cannot be a label), so the title line holds the badge here.
        assert at_end is not None
        title_part, verdict = at_end
        found["verdict"] = title_line.number

    year = None
    year_match = _TITLE_YEAR.match(title_part.strip())
    if year_match:
        title_part, year = year_match.group("title"), int(year_match.group("year"))
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise reader.error("year", f"{year} is not a plausible release year", title_line.number)
        found["year"] = title_line.number
    title = reader.clean(
        clean_line,
        title_part,
        field_name="title",
        max_chars=MAX_TITLE_CHARS,
        line=title_line.number,
    )
    found["title"] = title_line.number

    if not head:
        raise reader.error(
            "tagline",
            "missing: expected a tagline on the line after the title",
            title_line.number + 1,
        )
    if len(head) == 1:
        raise reader.error(
            "director", "missing: expected the director after the tagline", head[0].number + 1
        )
    if len(head) > 3:
        raise reader.error(
            "setup",
            f'expected "{SETUP_LABEL}" after the tagline, director and cast lines',
            head[3].number,
        )
    tagline = reader.clean(
        clean_line,
        head[0].text,
        field_name="tagline",
        max_chars=TAGLINE_MAX_CHARS,
        line=head[0].number,
    )
    found["tagline"] = head[0].number
    directors = _names(reader, head[1], field_name="director")
    if not directors:
        raise reader.error("director", "must not be empty", head[1].number)
    found["director"] = head[1].number
    cast = _names(reader, head[2], field_name="cast") if len(head) == 3 else []
    if len(head) == 3:
        found["cast"] = head[2].number

    # The setup section: the premise paragraph, then the body up to the advice label.
    setup_line = lines[setup_index].number
    premise = reader.paragraphs(setup_index + 1, should_index, setup_rest)
    if not premise:
        raise reader.error("setup", "must not be empty: expected the premise", setup_line)
    setup = reader.clean(
        clean_block,
        _joined(premise[0]),
        field_name="setup",
        max_chars=SETUP_MAX_CHARS,
        line=premise[0][0].number,
    )
    found["setup"] = premise[0][0].number
    # The body is taken as written between the premise and the label, so its Markdown
    # (indentation, fences, paragraph breaks) is kept; only clean_block's trimming applies.
    # Line numbers are indexes + 1, so the premise's last number indexes the line after it.
    body_lines = lines[premise[0][-1].number : should_index]
    body_first = next((line.number for line in body_lines if line.stripped), None)
    should_line = lines[should_index].number
    if body_first is None:
        raise reader.error(
            "body",
            "must not be empty: expected the review between the premise and the advice",
            should_line,
        )
    body = reader.clean(
        clean_block,
        "\n".join(line.text for line in body_lines),
        field_name="body",
        max_chars=settings.MARQUEE_REVIEW_BODY_MAX_CHARS,
        line=body_first,
    )
    found["body"] = body_first

    # After the advice label: the advice paragraph, then one reader comment per paragraph.
    after = reader.paragraphs(should_index + 1, len(lines), should_rest)
    if not after:
        raise reader.error(
            "should_watch", "must not be empty: expected the advice after the label", should_line
        )
    should_watch = reader.clean(
        clean_block,
        _joined(after[0]),
        field_name="should_watch",
        max_chars=SHOULD_WATCH_MAX_CHARS,
        line=after[0][0].number,
    )
    found["should_watch"] = after[0][0].number
    comments = [
        reader.clean(
            clean_block,
            _joined(paragraph),
            field_name="comment",
            max_chars=settings.MARQUEE_COMMENT_MAX_CHARS,
            line=paragraph[0].number,
        )
        for paragraph in after[1:]
    ]
    if len(after) > 1:
        found["comment"] = after[1][0].number

    return ParsedReview(
        title=title,
        year=year,
        verdict=verdict,
        tagline=tagline,
        director=", ".join(directors),
        cast=cast,
        setup=setup,
        body=body,
        should_watch=should_watch,
        comments=comments,
        lines=found,
    )


def _joined(paragraph: list[_Line]) -> str:
    return "\n".join(line.text for line in paragraph)


def _names(reader: _Reader, line: _Line, *, field_name: str) -> list[str]:
    """The comma-separated names on ``line``, each cleaned; empty entries are dropped."""
    return [
        reader.clean(
            clean_line, part, field_name=field_name, max_chars=MAX_NAME_CHARS, line=line.number
        )
        for part in line.text.split(",")
        if part.strip()
    ]


def _one_paragraph(text: str) -> str:
    """``text`` with blank lines dropped, so the layout reads it back as a single paragraph."""
    return "\n".join(line for line in text.split("\n") if line.strip())


def format_review_text(parsed: ParsedReview) -> str:
    """Write a review in the canonical plain-text layout; ``parse_review_text`` reads it back."""
    title = parsed.title if parsed.year is None else f"{parsed.title} ({parsed.year})"
    head = [f"{title} {parsed.verdict}", parsed.tagline, parsed.director]
    if parsed.cast:
        head.append(", ".join(parsed.cast))
    head += [SETUP_LABEL, _one_paragraph(parsed.setup)]
    blocks = [
        "\n".join(head),
        parsed.body.strip(),
        f"{SHOULD_WATCH_LABEL}\n{_one_paragraph(parsed.should_watch)}",
        *(_one_paragraph(comment) for comment in parsed.comments),
    ]
    return "\n\n".join(blocks) + "\n"
