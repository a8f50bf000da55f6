"""Cleaning untrusted text: limits, control characters, and Markdown rendered to safe HTML."""

from __future__ import annotations

import re
import unicodedata

import nh3
from markdown_it import MarkdownIt

from marquee.errors import InputError

# Text pasted from web pages carries non-breaking and zero-width spaces; people never mean them.
_SPACE_LIKE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_markdown = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
    ["table", "strikethrough"]
)
_ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}


def normalize_text(text: str) -> str:
    """Unicode NFC, odd spaces made plain, invisible and control characters dropped."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACE_LIKE.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text)


def clean_line(text: str, *, field: str, max_chars: int, required: bool = True) -> str:
    """One line of text: whitespace collapsed, length checked."""
    cleaned = " ".join(normalize_text(text).split())
    if required and not cleaned:
        raise InputError(field, "must not be empty")
    if len(cleaned) > max_chars:
        raise InputError(field, f"is {len(cleaned)} characters long; the limit is {max_chars}")
    return cleaned


def clean_block(text: str, *, field: str, max_chars: int, required: bool = True) -> str:
    """Multi-line text: lines right-trimmed, runs of blank lines reduced to one, length checked."""
    lines = [line.rstrip() for line in normalize_text(text).split("\n")]
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if required and not cleaned:
        raise InputError(field, "must not be empty")
    if len(cleaned) > max_chars:
        raise InputError(field, f"is {len(cleaned)} characters long; the limit is {max_chars}")
    return cleaned


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to show: raw HTML is escaped, then the result sanitized."""
    return nh3.clean(
        _markdown.render(text),
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
