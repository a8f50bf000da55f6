import pytest

from marquee.errors import InputError
from marquee.sanitize import clean_block, clean_line, normalize_text, render_markdown
from tests.support.html import inert_problems


def test_pasted_spaces_and_invisible_characters_are_normalized():
    assert normalize_text("a\u00a0b\u200bc\r\nd\x00") == "a bc\nd"


def test_clean_line_collapses_whitespace():
    assert clean_line("  two \t words ", field="f", max_chars=20) == "two words"


def test_clean_block_keeps_single_blank_lines_between_paragraphs():
    assert clean_block("one\n\n\n\ntwo  \n", field="f", max_chars=100) == "one\n\ntwo"


def test_limits_name_the_field():
    with pytest.raises(InputError, match="comment: is 11 characters long; the limit is 10"):
        clean_line("x" * 11, field="comment", max_chars=10)


def test_markdown_keeps_formatting_and_makes_links_nofollow():
    html = render_markdown("*quiet* **film**\n\n> quote\n\n[site](https://example.com)")
    assert "<em>quiet</em>" in html and "<strong>film</strong>" in html
    assert "<blockquote>" in html
    assert 'rel="nofollow noopener noreferrer"' in html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<iframe src=https://evil.example></iframe>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
        "<svg onload=alert(1)>",
        "<style>body{display:none}</style>",
    ],
)
def test_hostile_markdown_renders_without_script(payload):
    assert inert_problems(render_markdown(payload)) == []


def test_the_inertness_check_itself_finds_script():
    assert inert_problems('<a href=" javascript:x">a</a><img onerror=x><script></script>')
