"""Writing a review in the plain-text layout and reading it back gives the same review."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marquee.comments.models import Comment
from marquee.comments.services import comment_import
from marquee.reviews.models import Review
from marquee.reviews.textformat import ParsedReview, format_review_text, parse_review_text
from marquee.reviews.textimport import review_create_from_text, review_to_text
from marquee.sanitize import clean_block, clean_line

VERDICTS = ["essential", "recommended viewing", "worth a look", "mixed feelings", "skip it"]

# Letters (some accented), digits, Markdown punctuation, and the odd spaces web pages carry,
# which cleaning must remove before a value counts as a field.
_CHARS = "abcXYZ éøß 019 .,'!?*_#()[]-:>" + "\u00a0\u200b"
_LABEL_LIKE = re.compile(r"^[#*_\s]*(the\s*setup|should\s*you\s*watch\s*it)", re.I)


def _no_label_lines(text: str) -> bool:
    return not any(_LABEL_LIKE.match(line) for line in text.split("\n"))


def _line(max_size: int = 40, alphabet: str = _CHARS) -> st.SearchStrategy[str]:
    """One line that survives cleaning and cannot be taken for a label."""
    return (
        st.text(alphabet=alphabet, min_size=1, max_size=max_size)
        .map(lambda raw: clean_line(raw, field="x", max_chars=10_000, required=False))
        .filter(lambda line: line and _no_label_lines(line))
    )


def _block(*, paragraphs: bool) -> st.SearchStrategy[str]:
    """Multi-line text as clean_block leaves it; one paragraph unless ``paragraphs``."""
    lines = st.lists(
        st.text(alphabet=_CHARS + ("\n" if paragraphs else ""), max_size=30), min_size=1, max_size=5
    )
    return (
        lines.map(lambda parts: "\n".join(parts))
        .map(lambda raw: clean_block(raw, field="x", max_chars=10_000, required=False))
        .map(lambda text: text if paragraphs else "\n".join(t for t in text.split("\n") if t))
        .filter(lambda text: text and _no_label_lines(text))
    )


_titles = _line(60).filter(
    lambda title: title[-1] not in " -|:" and not re.search(r"[(\[]\d{4}[)\]]$", title)
)
_names = _line(30, alphabet=_CHARS.replace(",", ""))

reviews = st.builds(
    ParsedReview,
    title=_titles,
    year=st.none() | st.integers(min_value=1870, max_value=2100),
    verdict=st.sampled_from(VERDICTS),
    tagline=_line(80),
    director=st.lists(_names, min_size=1, max_size=3).map(", ".join),
    cast=st.lists(_names, max_size=5),
    setup=_block(paragraphs=False),
    body=_block(paragraphs=True),
    should_watch=_block(paragraphs=False),
    comments=st.lists(_block(paragraphs=False), max_size=4),
)


@settings(max_examples=300, deadline=None)
@given(reviews)
def test_any_review_written_out_reads_back_the_same(review):
    assert parse_review_text(format_review_text(review), verdict_names=VERDICTS) == review


def test_formatted_review_follows_the_layout_line_by_line():
    review = ParsedReview(
        title="Alien",
        year=1979,
        verdict="essential",
        tagline="In space, no one can hear you scream.",
        director="Ridley Scott",
        cast=["Sigourney Weaver", "John Hurt"],
        setup="A ship answers a call.",
        body="Para one.\n\nPara two.",
        should_watch="Yes.",
        comments=["Agreed."],
    )

    assert format_review_text(review) == (
        "Alien (1979) essential\n"
        "In space, no one can hear you scream.\n"
        "Ridley Scott\n"
        "Sigourney Weaver, John Hurt\n"
        "The Setup:\n"
        "A ship answers a call.\n\n"
        "Para one.\n\nPara two.\n\n"
        "Should you watch it:\n"
        "Yes.\n\n"
        "Agreed.\n"
    )


def test_blank_lines_inside_single_paragraph_fields_are_written_as_line_breaks():
    review = ParsedReview(
        title="Alien",
        year=None,
        verdict="essential",
        tagline="T",
        director="D",
        cast=[],
        setup="One.\n\nTwo.",
        body="Body.",
        should_watch="Yes.\n\nReally.",
        comments=["A.\n\nB."],
    )

    parsed = parse_review_text(format_review_text(review), verdict_names=VERDICTS)

    assert (parsed.setup, parsed.should_watch, parsed.comments) == (
        "One.\nTwo.",
        "Yes.\nReally.",
        ["A.\nB."],
    )
    assert parsed.body == "Body."


FIELDS = ["tagline", "setup", "body", "should_watch", "status"]


@pytest.mark.django_db
def test_exported_review_imports_as_the_same_review_with_its_comments(review, critic):
    comment_import(review=review, body="First, from a reader.")
    comment_import(review=review, body="Second.\nTwo lines.")
    hidden = comment_import(review=review, body="Spam that was removed.")
    hidden.status = Comment.Status.REMOVED
    hidden.save()

    copy = review_create_from_text(author=critic, text=review_to_text(review), publish=True)

    assert copy.pk != review.pk
    assert copy.film == review.film
    assert copy.verdict == review.verdict
    for name in FIELDS:
        assert getattr(copy, name) == getattr(review, name), name
    assert list(copy.comments.values_list("body", flat=True)) == [
        "First, from a reader.",
        "Second.\nTwo lines.",
    ]
    assert review_to_text(copy) == review_to_text(review)


@pytest.mark.django_db
def test_export_lists_catalog_credits_and_approved_comments_oldest_first(review):
    comment_import(review=review, body="Older.")
    comment_import(review=review, body="Newer.")

    text = review_to_text(review)

    assert text.startswith(
        "Alien (1979) recommended viewing\n"
        "In space, no one can hear you scream.\n"
        "Ridley Scott\n"
        "Sigourney Weaver, Tom Skerritt, John Hurt\n"
        "The Setup:\n"
    )
    assert text.endswith(
        "Should you watch it:\nIf you're a fan of slow-burn horror, yes.\n\nOlder.\n\nNewer.\n"
    )
    assert Review.objects.count() == 1
