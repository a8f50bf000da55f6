"""Turning linked mentions into links inside already sanitised HTML.

Only text between tags changes: tags are copied as they came (they are the sanitiser's output),
nothing inside ``<a>``, ``<code>`` or ``<pre>`` is linked, and every piece of text written back is
escaped again, so a title or name can never add markup of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

# Markdown's typographer turns straight quotes and double hyphens into typographic ones.
_LIKE = {
    "'": "['\u2018\u2019]",
    "\u2019": "['\u2018\u2019]",
    '"': '["\u201c\u201d]',
    "-": "[-\u2013\u2014]",
}
_NO_LINKS_INSIDE = {"a", "code", "pre"}


@dataclass(frozen=True)
class Link:
    """Link the ``occurrence``-th (0-based) appearance of ``words`` to ``url``."""

    words: str
    occurrence: int
    url: str
    title: str


def words_pattern(words: str) -> re.Pattern[str]:
    """``words`` as a whole-word pattern that also matches its typographer's rendering."""
    parts = []
    for char in words:
        if char.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        else:
            parts.append(_LIKE.get(char, re.escape(char)))
    return re.compile(rf"(?<!\w){''.join(parts)}(?!\w)")


def occurrence_of(text: str, start: int, words: str) -> int:
    """How many times ``words`` appear in ``text`` before ``start``."""
    return sum(1 for m in words_pattern(words).finditer(text) if m.start() < start)


class _Linker(HTMLParser):
    def __init__(self, links: list[Link]) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip_depth = 0
        self.links = {}
        for link in links:
            self.links.setdefault(link.words, {})[link.occurrence] = link
        self.patterns = {words: words_pattern(words) for words in self.links}
        self.seen = dict.fromkeys(self.links, 0)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _NO_LINKS_INSIDE:
            self.skip_depth += 1
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _NO_LINKS_INSIDE and self.skip_depth:
            self.skip_depth -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        found: list[tuple[int, int, Link | None]] = []
        for words, pattern in self.patterns.items():
            for match in pattern.finditer(data):
                number = self.seen[words]
                self.seen[words] += 1
                link = None if self.skip_depth else self.links[words].get(number)
                found.append((match.start(), match.end(), link))
        position = 0
        for start, end, link in sorted(found, key=lambda f: f[0]):
            if link is None or start < position:
                continue
            self.out.append(escape(data[position:start], quote=False))
            self.out.append(
                f'<a class="mention" href="{escape(link.url)}" title="{escape(link.title)}">'
                f"{escape(data[start:end], quote=False)}</a>"
            )
            position = end
        self.out.append(escape(data[position:], quote=False))


def link_html(html: str, links: list[Link]) -> str:
    """``html`` with each link's words made a link; unchanged when there are none."""
    if not links:
        return html
    parser = _Linker(links)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
