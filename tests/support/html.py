"""Checks that HTML is inert: parses it as a browser would and looks for anything that runs."""

from __future__ import annotations

from html.parser import HTMLParser

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "base", "form"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name} handler on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                scheme = value.strip().split(":", 1)[0].lower().replace("\t", "")
                if ":" in value and scheme in {"javascript", "data", "vbscript"}:
                    self.problems.append(f"{scheme}: URL in {name} of <{tag}>")


def inert_problems(html: str, *, allow_forms: bool = False) -> list[str]:
    """What in ``html`` could run script; empty when nothing can."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    if allow_forms:
        return [p for p in collector.problems if p != "<form> element"]
    return collector.problems
