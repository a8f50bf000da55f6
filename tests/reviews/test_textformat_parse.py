"""Reading the plain-text review layout, clean and messy, and the errors it gives."""

from __future__ import annotations

import pytest
from django.test import override_settings

from marquee.errors import InputError
from marquee.reviews.forms import TEXT_IMPORT_MAX_CHARS
from marquee.reviews.textformat import TEXT_MAX_CHARS, parse_review_text

VERDICTS = ["essential", "recommended viewing", "worth a look", "mixed feelings", "skip it"]

CLEAN = """Alien (1979) recommended viewing
In space, no one can hear you scream.
Ridley Scott
Sigourney Weaver, Tom Skerritt, John Hurt
The Setup:
A commercial towing ship answers a distress call from a barren moon.

A haunted-house film *in space*, built with patience.

    an indented code block stays indented

The crew feels real.

Should you watch it:
If you're a fan of slow-burn horror, yes.

First reader comment.

Second reader comment,
on two lines.
"""


def parse(text: str, **kwargs) -> object:
    return parse_review_text(text, verdict_names=VERDICTS, **kwargs)


def error_for(text: str, **kwargs) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_review_text(text, verdict_names=VERDICTS, source="review.txt", **kwargs)
    return caught.value


def test_clean_input_gives_every_field():
    parsed = parse(CLEAN)

    assert parsed.title == "Alien"
    assert parsed.year == 1979
    assert parsed.verdict == "recommended viewing"
    assert parsed.tagline == "In space, no one can hear you scream."
    assert parsed.director == "Ridley Scott"
    assert parsed.cast == ["Sigourney Weaver", "Tom Skerritt", "John Hurt"]
    assert parsed.setup == "A commercial towing ship answers a distress call from a barren moon."
    assert parsed.body == (
        "A haunted-house film *in space*, built with patience.\n\n"
        "    an indented code block stays indented\n\n"
        "The crew feels real."
    )
    assert parsed.should_watch == "If you're a fan of slow-burn horror, yes."
    assert parsed.comments == ["First reader comment.", "Second reader comment,\non two lines."]


def test_badge_glued_to_the_title_is_split_off():
    parsed = parse(
        CLEAN.replace("Alien (1979) recommended viewing", "Some Filmrecommended viewing")
    )

    assert (parsed.title, parsed.year, parsed.verdict) == ("Some Film", None, "recommended viewing")


def test_badge_glued_after_the_year_is_split_off():
    parsed = parse(CLEAN.replace("(1979) recommended", "(1979)recommended"))

    assert (parsed.title, parsed.year, parsed.verdict) == ("Alien", 1979, "recommended viewing")


@pytest.mark.parametrize(
    "title_line",
    [
        "Alien (1979) - recommended viewing",
        "Alien (1979) \u2014 recommended viewing",
        "Alien (1979) | recommended viewing |",
        "Alien (1979)   RECOMMENDED    Viewing",
    ],
)
def test_badge_separated_by_spaces_dashes_or_pipes_is_found(title_line):
    parsed = parse(CLEAN.replace("Alien (1979) recommended viewing", title_line))

    assert (parsed.title, parsed.year, parsed.verdict) == ("Alien", 1979, "recommended viewing")


def test_badge_on_its_own_line_after_the_title():
    parsed = parse(CLEAN.replace("Alien (1979) recommended viewing", "Alien (1979)\nEssential"))

    assert (parsed.title, parsed.verdict) == ("Alien", "essential")
    assert parsed.tagline == "In space, no one can hear you scream."
    assert parsed.cast == ["Sigourney Weaver", "Tom Skerritt", "John Hurt"]


def test_title_ending_in_a_verdict_word_keeps_it_when_the_badge_is_on_the_next_line():
    text = CLEAN.replace("Alien (1979) recommended viewing", "Don't Skip It\n\nworth a look")

    parsed = parse(text)

    assert (parsed.title, parsed.verdict) == ("Don't Skip It", "worth a look")


def test_tagline_that_reads_like_a_verdict_stays_a_tagline():
    text = CLEAN.replace("In space, no one can hear you scream.", "Skip it")

    parsed = parse(text)

    assert (parsed.verdict, parsed.tagline) == ("recommended viewing", "Skip it")


def test_messy_web_text_with_odd_spaces_crlf_and_stray_blank_lines():
    messy = (
        "\ufeff\r\n \u00a0Alien\u00a0(1979)\u200b\u00a0recommended\u00a0viewing\u00a0\r\n"
        "\r\n\u200bIn space,\u00a0no one can hear you scream.\r\n"
        "   \r\n"
        "Ridley\u00a0Scott\r\n"
        "\r\n\r\n"
        "Sigourney Weaver ,Tom\u200b Skerritt,, John Hurt ,\r\n"
        "\r\n"
        "The Setup:\r\n"
        "\r\n"
        "A commercial towing ship answers a distress call.\u00a0\r\n"
        "\r\n\r\n\r\n"
        "The body.\r\n"
        "\r\n"
        "Should you watch it:\r\n"
        "\r\n"
        "Yes.\r\n"
    )

    parsed = parse(messy)

    assert (parsed.title, parsed.year, parsed.verdict) == ("Alien", 1979, "recommended viewing")
    assert parsed.tagline == "In space, no one can hear you scream."
    assert parsed.director == "Ridley Scott"
    assert parsed.cast == ["Sigourney Weaver", "Tom Skerritt", "John Hurt"]
    assert parsed.setup == "A commercial towing ship answers a distress call."
    assert parsed.body == "The body."
    assert parsed.should_watch == "Yes."
    assert parsed.comments == []


@pytest.mark.parametrize(
    ("setup_label", "should_label"),
    [
        ("THE SETUP :", "Should You Watch It?:"),
        ("the setup", "Should you watch it ?"),
        ("  The   Setup:  ", "should you watch it?"),
        ("## The Setup", "**Should you watch it?**"),
    ],
)
def test_label_variants_are_recognised(setup_label, should_label):
    text = CLEAN.replace("The Setup:", setup_label).replace("Should you watch it:", should_label)

    parsed = parse(text)

    assert parsed.setup.startswith("A commercial towing ship")
    assert parsed.should_watch == "If you're a fan of slow-burn horror, yes."


def test_text_after_a_label_colon_is_the_first_paragraph():
    text = (
        "Alien essential\nTagline\nRidley Scott\n"
        "The Setup: A ship answers a call.\n\nBody.\n\nShould you watch it: Yes.\n\nA comment.\n"
    )

    parsed = parse(text)

    assert (parsed.setup, parsed.body, parsed.should_watch) == (
        "A ship answers a call.",
        "Body.",
        "Yes.",
    )
    assert parsed.comments == ["A comment."]


def test_body_sentence_asking_should_you_watch_it_is_not_the_label():
    text = CLEAN.replace("The crew feels real.", "Should you watch it? Read on.")

    parsed = parse(text)

    assert parsed.body.endswith("Should you watch it? Read on.")


def test_cast_line_may_be_left_out():
    parsed = parse(CLEAN.replace("Sigourney Weaver, Tom Skerritt, John Hurt\n", ""))

    assert parsed.director == "Ridley Scott"
    assert parsed.cast == []


def test_co_directors_are_kept_comma_separated():
    parsed = parse(CLEAN.replace("Ridley Scott", "Joel Coen ,  Ethan Coen"))

    assert parsed.director == "Joel Coen, Ethan Coen"


@pytest.mark.parametrize(
    ("title_line", "title", "year"),
    [
        ("Alien (1979) essential", "Alien", 1979),
        ("Alien [1979] essential", "Alien", 1979),
        ("1917 (2019) essential", "1917", 2019),
        ("(500) Days of Summer essential", "(500) Days of Summer", None),
        ("Alien essential", "Alien", None),
    ],
)
def test_year_in_parentheses_after_the_title_is_read(title_line, title, year):
    parsed = parse(CLEAN.replace("Alien (1979) recommended viewing", title_line))

    assert (parsed.title, parsed.year) == (title, year)


def test_longest_verdict_ending_the_title_line_wins():
    verdicts = ["essential", "not essential", "recommended viewing"]
    text = CLEAN.replace("Alien (1979) recommended viewing", "Anything But not essential")

    parsed = parse_review_text(text, verdict_names=verdicts)

    assert (parsed.title, parsed.verdict) == ("Anything But", "not essential")


def test_title_ending_in_a_verdict_word_parses_when_a_verdict_follows():
    text = CLEAN.replace("Alien (1979) recommended viewing", "The Essential recommended viewing")

    parsed = parse(text)

    assert (parsed.title, parsed.verdict) == ("The Essential", "recommended viewing")


def test_verdict_is_returned_with_its_canonical_spelling():
    parsed = parse(CLEAN.replace("recommended viewing", "Recommended  VIEWING"))

    assert parsed.verdict == "recommended viewing"


def test_every_paragraph_after_the_advice_is_a_comment():
    text = CLEAN + "\n\n\nThird comment.\n\n   \n\nFourth comment.\n"

    parsed = parse(text)

    assert parsed.should_watch == "If you're a fan of slow-burn horror, yes."
    assert parsed.comments == [
        "First reader comment.",
        "Second reader comment,\non two lines.",
        "Third comment.",
        "Fourth comment.",
    ]


# Errors: each names the field, the 1-based line and the source.


def test_empty_input_is_refused_at_line_1():
    error = error_for(" \n\u200b\n\u00a0\n")

    assert (error.field, error.line, error.file) == ("text", 1, "review.txt")


def test_title_line_without_a_verdict_lists_the_valid_ones():
    error = error_for("\n" + CLEAN.replace(" recommended viewing", " pretty good"))

    assert (error.field, error.line) == ("verdict", 2)
    for name in VERDICTS:
        assert f'"{name}"' in error.message
    assert str(error).startswith("review.txt:2: verdict: ")


def test_missing_setup_label_is_reported():
    error = error_for(CLEAN.replace("The Setup:\n", "").replace("Should you watch it:", "Advice"))

    assert error.field == "setup"
    assert error.line == len(CLEAN.replace("The Setup:\n", "").split("\n"))


def test_missing_should_watch_label_is_reported():
    error = error_for(CLEAN.replace("Should you watch it:", "Verdict time"))

    assert error.field == "should_watch"
    assert "The Setup:" in error.message and "line 5" in error.message
    assert error.line == len(CLEAN.split("\n"))


def test_labels_out_of_order_are_reported_at_the_early_label():
    text = (
        "Alien essential\nTagline\nRidley Scott\n"
        "Should you watch it:\nYes.\n\nThe Setup:\nA premise.\n\nBody.\n"
    )

    error = error_for(text)

    assert (error.field, error.line) == ("should_watch", 4)
    assert "line 7" in error.message


def test_missing_tagline_is_reported():
    error = error_for(
        "Alien essential\n\nThe Setup:\nPremise.\n\nBody.\n\nShould you watch it:\nYes.\n"
    )

    assert (error.field, error.line) == ("tagline", 2)


def test_missing_director_is_reported_after_the_tagline():
    error = error_for(
        "Alien essential\nTagline\nThe Setup:\nPremise.\n\nBody.\n\nShould you watch it:\nYes.\n"
    )

    assert (error.field, error.line) == ("director", 3)


def test_extra_line_before_the_setup_label_is_reported():
    text = CLEAN.replace("The Setup:", "An unexpected fourth line\nThe Setup:")

    error = error_for(text)

    assert (error.field, error.line) == ("setup", 5)


def test_empty_body_is_reported_at_the_advice_label():
    text = (
        "Alien essential\nTagline\nRidley Scott\nThe Setup:\nPremise.\n\n\n"
        "Should you watch it:\nYes.\n"
    )

    error = error_for(text)

    assert (error.field, error.line) == ("body", 8)


def test_empty_premise_is_reported_at_the_setup_label():
    text = "Alien essential\nTagline\nRidley Scott\nThe Setup:\n\nShould you watch it:\nYes.\n"

    error = error_for(text)

    assert (error.field, error.line) == ("setup", 4)


def test_missing_advice_is_reported_at_its_label():
    text = (
        "Alien essential\nTagline\nRidley Scott\nThe Setup:\nPremise.\n\nBody.\n\n"
        "Should you watch it:\n\n"
    )

    error = error_for(text)

    assert (error.field, error.line) == ("should_watch", 9)


def test_title_line_holding_only_a_verdict_has_no_title():
    error = error_for(CLEAN.replace("Alien (1979) recommended viewing", "essential"))

    assert (error.field, error.line) == ("title", 1)


def test_implausible_year_is_reported():
    error = error_for(CLEAN.replace("(1979)", "(1492)"))

    assert (error.field, error.line) == ("year", 1)


def test_over_long_tagline_names_its_line():
    error = error_for(CLEAN.replace("In space, no one can hear you scream.", "x" * 201))

    assert (error.field, error.line) == ("tagline", 2)
    assert "limit is 200" in error.message


@override_settings(MARQUEE_REVIEW_BODY_MAX_CHARS=40)
def test_body_limit_comes_from_settings():
    error = error_for(CLEAN)

    assert (error.field, error.line) == ("body", 8)


@override_settings(MARQUEE_COMMENT_MAX_CHARS=25)
def test_over_long_comment_names_its_line():
    error = error_for(CLEAN)

    assert (error.field, error.line) == ("comment", 19)


def test_over_long_cast_name_names_the_cast_line():
    error = error_for(CLEAN.replace("Tom Skerritt", "T" * 201))

    assert (error.field, error.line) == ("cast", 4)


def test_oversized_input_is_refused_before_parsing():
    text = ("x" * 99 + "\n") * (TEXT_MAX_CHARS // 100) + "y"

    error = error_for(text)

    assert error.field == "text"
    assert error.line == TEXT_MAX_CHARS // 100 + 1
    assert str(TEXT_MAX_CHARS) in error.message


def test_text_at_the_size_limit_is_still_parsed():
    text = CLEAN + "\n\n" + "z" * (TEXT_MAX_CHARS - len(CLEAN) - 2)

    with override_settings(MARQUEE_COMMENT_MAX_CHARS=TEXT_MAX_CHARS):
        parsed = parse(text)

    assert parsed.comments[-1].startswith("zzz")


def test_paste_form_and_parser_share_one_size_limit():
    assert TEXT_IMPORT_MAX_CHARS == TEXT_MAX_CHARS


def test_unicode_line_separators_from_web_pages_count_as_line_breaks():
    text = CLEAN.replace("\n", "\u2028", 4)

    parsed = parse(text)

    assert (parsed.title, parsed.tagline, parsed.director) == (
        "Alien",
        "In space, no one can hear you scream.",
        "Ridley Scott",
    )


def test_errors_come_in_reading_order_so_a_bad_title_line_is_reported_first():
    error = error_for("Just some prose pasted by mistake.\nMore prose.\n")

    assert (error.field, error.line) == ("verdict", 1)
