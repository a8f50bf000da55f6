"""``marquee links SLUG [--json]`` and ``marquee links --rebuild``."""

import json

import pytest
from django.core.management import CommandError, call_command

from marquee.mentions.models import Mention

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("links", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_links_json_lists_each_mention(write_review, aliens):
    review = write_review(body="Sigourney Weaver returned in Aliens (1986).")
    mentions = json.loads(run(review.slug, "--json"))
    assert [(m["text"], m["kind"], m["target"]) for m in mentions] == [
        ("Sigourney Weaver", "person", "Sigourney Weaver"),
        ("Aliens", "film", "Aliens (1986)"),
    ]
    for mention in mentions:
        assert review.body[mention["start"] : mention["end"]] == mention["text"]
        assert 0 < mention["confidence"] <= 1
        assert mention["field"] == "body"


def test_links_prints_a_table(write_review, aliens):
    review = write_review(body="Then came Aliens (1986).")
    assert "Aliens (1986)" in run(review.slug)


def test_an_unknown_slug_is_a_clear_error(db):
    with pytest.raises(CommandError, match='no review with the slug "nope"'):
        run("nope")


def test_rebuild_links_every_review_again(write_review, aliens):
    review = write_review(body="Then came Aliens (1986).")
    Mention.objects.all().delete()
    assert json.loads(run("--rebuild", "--json")) == {"linked": 1}
    assert review.mentions.count() == 1


def test_slug_and_rebuild_together_are_refused(db):
    with pytest.raises(CommandError):
        run("x", "--rebuild")
